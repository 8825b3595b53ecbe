import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail, LocalizedName } from '~/components/admin';
import { Card } from '~/components/card';
import { DataTable } from '~/components/data-table';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatNumber } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { requirePermission } from '~/modules/identity/guards.server';
import { NeighborhoodForm } from '~/modules/places/components/place-fields';
import { saveNeighborhood } from '~/modules/places/places.server';
import { listNeighborhoods } from '~/modules/places/queries.server';
import { NeighborhoodSchema } from '~/modules/places/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:neighborhoods.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  const neighborhoods = await listNeighborhoods();
  return json({ neighborhoods: neighborhoods.map(({ id, slug, name, residents }) => ({ id, slug, name, residents })) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:city');
  const submission = await readSubmission(request, NeighborhoodSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await saveNeighborhood(callerFor(user, context), null, submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash('/admin/neighborhoods', { kind: 'success', key: 'admin:neighborhoods.created' }, { status: 303 });
}

export default function AdminNeighborhoods() {
  const { t, i18n } = useTranslation('admin');
  const { neighborhoods } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('neighborhoods.title')}</h1>
      <p>{t('neighborhoods.intro')}</p>
      <DataTable
        caption={t('neighborhoods.tableCaption')}
        captionHidden
        rows={neighborhoods}
        rowKey={(n) => n.id}
        empty={t('neighborhoods.empty')}
        columns={[
          { key: 'name', header: t('fields.name'), rowHeader: true, cell: (n) => <LocalizedName value={n.name} /> },
          { key: 'slug', header: t('fields.slug'), cell: (n) => n.slug },
          { key: 'residents', header: t('neighborhoods.residents'), cell: (n) => formatNumber(n.residents, i18n.language) },
          {
            key: 'edit',
            header: t('table.actions'),
            headerHidden: true,
            cell: (n) => (
              <Link to={`/admin/neighborhoods/${n.id}`}>
                {t('table.edit')}
                <span className="visually-hidden"> {localized(n.name, i18n.language).text}</span>
              </Link>
            ),
          },
        ]}
      />
      <Card title={t('neighborhoods.new')}>
        <p>{t('neighborhoods.newIntro')}</p>
        <NeighborhoodForm lastResult={useActionData<typeof action>()} submit={t('neighborhoods.create')} />
      </Card>
    </div>
  );
}
