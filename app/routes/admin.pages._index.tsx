import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { formatDate } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { requirePermission } from '~/modules/identity/guards.server';
import { listSitePages } from '~/modules/site-pages/pages.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:pages.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  return json({ pages: await listSitePages() });
}

/** The four pages, each with its version and last change, a link to edit it and one to read it. */
export default function AdminSitePages() {
  const { t, i18n } = useTranslation('pages');
  const { city } = useRootData();
  const { pages } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('admin:pages.title')}</h1>
      <p>{t('admin.intro')}</p>
      <ul className="section-list">
        {pages.map((page) => (
          <li key={page.key} className="card">
            <Link to={`/admin/pages/${page.key}`}>{t(`admin.editTitles.${page.key}`)}</Link>
            <p className="muted">
              {page.updatedAt
                ? t('versionUpdated', { version: page.version, date: formatDate(page.updatedAt, i18n.language, city.timeZone) })
                : t('admin.defaultText', { version: page.version })}
            </p>
            <Link to={`/${page.key}`}>{t('admin.viewPage', { page: t(`titles.${page.key}`) })}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
