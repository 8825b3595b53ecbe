import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { getEnv } from '~/lib/env.server';
import { pageTitle } from '~/lib/meta';
import { takeFiledNote } from '~/modules/requests/tracking/tracking-links.server';
import { requireReadableRequest } from '~/modules/requests/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:filed.title');

/**
 * Right after filing: the public code and, for a request not tied to an account, its secret
 * tracking link, shown this once (a one-time cookie carries it from the form's redirect).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, owner } = await requireReadableRequest(request, params.code);
  const { note, setCookie } = await takeFiledNote(request.headers.get('Cookie'), access.publicCode);
  const headers = new Headers({ 'Cache-Control': 'private, no-store' });
  if (setCookie) headers.append('Set-Cookie', setCookie);
  const link = note?.token ? `${getEnv().PUBLIC_URL}/requests/${access.publicCode}?t=${note.token}` : null;
  return json({ code: access.publicCode, link, mailed: note?.mailed ?? false, owner }, { headers });
}

export default function Filed() {
  const { t } = useTranslation('requests');
  const { code, link, mailed, owner } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t('filed.title')}</h1>
      <div role="status" className="alert alert-success">
        <p>{t('filed.thanks')}</p>
      </div>
      <p>
        {t('filed.code')} <strong className="public-code">{code}</strong>
      </p>
      {link ? (
        <section aria-labelledby="link-heading" className="stack">
          <h2 id="link-heading">{t('filed.linkHeading')}</h2>
          <p>{t('filed.linkIntro')}</p>
          <p className="secret-link">
            <a href={link} data-testid="tracking-link">
              {link}
            </a>
          </p>
          <p>{mailed ? t('filed.linkMailed') : t('filed.linkOnce')}</p>
        </section>
      ) : mailed ? (
        <p>{t('filed.mailed')}</p>
      ) : null}
      <ul className="actions">
        <li>
          {/* A full page load, so a live connection opened before filing sees the new access. */}
          <Link to={`/requests/${code}`} reloadDocument>
            {t('filed.track')}
          </Link>
        </li>
        {owner ? (
          <li>
            <Link to="/requests/mine">{t('filed.mine')}</Link>
          </li>
        ) : null}
        <li>
          <Link to="/requests/new">{t('filed.another')}</Link>
        </li>
      </ul>
    </div>
  );
}
