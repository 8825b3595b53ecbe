import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { PostForm } from '~/components/ui/forms';
import type { RequestStatus } from '../../values';

/**
 * The service requests a forum post became or was linked to: public code and status (which the
 * link itself makes public), a link to the request for those who may read it, and a one-click
 * follow for the post's author. Re-read with the page on every `request.linked` live event.
 */
export type RequestBadge = { code: string; status: RequestStatus; open: boolean; follow: boolean };

export function RequestBadges({ badges }: { badges: RequestBadge[] }) {
  const { t } = useTranslation('requests');
  return (
    <ul className="request-badges" aria-label={t('badge.label')}>
      {badges.map((b) => (
        <li key={b.code} className="request-badge">
          {b.open ? (
            <Link to={`/requests/${b.code}`}>{t('badge.request', { code: b.code })}</Link>
          ) : (
            <span>{t('badge.request', { code: b.code })}</span>
          )}{' '}
          <strong className={`pill status-${b.status}`}>{t(`status.${b.status}`)}</strong>
          {b.follow ? (
            <PostForm action={`/requests/${b.code}/follow`} className="inline-form">
              <input type="hidden" name="intent" value="follow" />{' '}
              <button type="submit" className="button button-secondary button-small">
                {t('badge.follow')}
                <span className="visually-hidden"> {b.code}</span>
              </button>
            </PostForm>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
