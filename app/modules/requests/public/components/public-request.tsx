import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { DescriptionList } from '~/components/ui/description-list';
import { formatDateTime } from '~/lib/format';
import { useRootData } from '~/lib/root-data';
import type { RequestStatus } from '../../values';
import { MeTooButton } from './me-too';
import { MediaLink } from '../../components/media-link';

/** What the public page of a request shows: its published facts only (public-requests.server getPublicRequest). */
export type PublicRequestView = {
  code: string;
  status: RequestStatus;
  type: string;
  createdAt: string;
  neighborhood: string | null;
  address: string | null;
  position: { lat: number; lng: number } | null;
  visibility: 'full' | 'summary';
  description: string;
  note: string | null;
  mediaUrl: string | null;
  agency: string;
  open: boolean;
};

/**
 * A request's public page, for readers who may not open its own page: what its type's visibility
 * publishes (a summary: neighborhood and rounded position, no description or notes), and "Follow
 * it / me too".
 */
export function PublicRequest({
  request: r,
  meToo,
  signedIn,
}: {
  request: PublicRequestView;
  meToo: { count: number; follows: boolean };
  signedIn: boolean;
}) {
  const { t, i18n } = useTranslation('requests');
  const { city } = useRootData();
  const lng = i18n.language;
  const here = `/requests/${r.code}`;
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to="/requests">{t('publicView.back')}</Link>
      </p>
      <h1>{t('track.heading', { code: r.code })}</h1>
      <p className="lead">{r.type}</p>
      <p>
        {t('track.status')} <StatusBadge status={r.status} label={t(`status.${r.status}`)} strong />
      </p>
      {r.visibility === 'summary' ? <p className="hint">{t('publicView.summaryNote')}</p> : null}
      <DescriptionList
        items={[
          { key: 'filed', term: t('track.filed'), value: formatDateTime(r.createdAt, lng, city.timeZone) },
          { key: 'neighborhood', term: t('track.neighborhood'), value: r.neighborhood },
          { key: 'address', term: t('track.address'), value: r.address },
          {
            key: 'point',
            term: r.visibility === 'summary' ? t('publicView.position') : t('publicView.exactPosition'),
            value: r.position ? `${r.position.lat}, ${r.position.lng}` : null,
          },
          { key: 'department', term: t('track.department'), value: r.agency },
        ]}
      />
      {r.description || r.mediaUrl ? (
        <Card title={t('track.description')} id="description-heading">
          {r.description ? <p className="pre-wrap">{r.description}</p> : null}
          <MediaLink url={r.mediaUrl} />
        </Card>
      ) : null}
      {r.note ? (
        <Card title={t('publicView.latestNote')} id="note-heading">
          <p className="pre-wrap">{r.note}</p>
        </Card>
      ) : null}
      <Card title={t('metoo.title')} id="metoo-heading">
        <p>{t('metoo.intro')}</p>
        <p>{t('metoo.count', { count: meToo.count })}</p>
        <MeTooButton code={r.code} signedIn={signedIn} follows={meToo.follows} open={r.open} here={here} />
      </Card>
    </div>
  );
}
