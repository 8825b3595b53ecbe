import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { DataTable } from '~/components/ui/data-table';
import { formatDateTime, formatNumber } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { requirePermission } from '~/modules/identity/guards.server';
import { listSitePages } from '~/modules/site-pages/pages.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:pages.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  return json({ pages: await listSitePages() });
}

export default function AdminSitePages() {
  const { t, i18n } = useTranslation('pages');
  const { city } = useRootData();
  const { pages } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('admin:pages.title')}</h1>
      <p>{t('admin.intro')}</p>
      <DataTable
        caption={t('admin.caption')}
        captionHidden
        rows={pages}
        rowKey={(p) => p.key}
        columns={[
          {
            key: 'page',
            header: t('admin.page'),
            rowHeader: true,
            cell: (p) => <Link to={`/admin/pages/${p.key}`}>{t(`titles.${p.key}`)}</Link>,
          },
          { key: 'version', header: t('admin.versionColumn'), cell: (p) => formatNumber(p.version, i18n.language) },
          {
            key: 'updated',
            header: t('admin.updated'),
            cell: (p) => (p.updatedAt ? formatDateTime(p.updatedAt, i18n.language, city.timeZone) : t('admin.default')),
          },
          {
            key: 'view',
            header: t('admin.view'),
            headerHidden: true,
            cell: (p) => <Link to={`/${p.key}`}>{t('admin.viewPage', { page: t(`titles.${p.key}`) })}</Link>,
          },
        ]}
      />
    </div>
  );
}
