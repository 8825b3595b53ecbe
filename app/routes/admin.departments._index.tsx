import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail, LocalizedName } from '~/components/admin';
import { Card } from '~/components/card';
import { DataTable } from '~/components/data-table';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { requirePermission } from '~/modules/identity/guards.server';
import { DepartmentForm } from '~/modules/places/components/place-fields';
import { saveDepartment } from '~/modules/places/places.server';
import { listDepartments } from '~/modules/places/queries.server';
import { DepartmentSchema } from '~/modules/places/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:departments.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  return json({ departments: await listDepartments() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:city');
  const submission = await readSubmission(request, DepartmentSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await saveDepartment(callerFor(user, context), null, submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash('/admin/departments', { kind: 'success', key: 'admin:departments.created' }, { status: 303 });
}

export default function AdminDepartments() {
  const { t, i18n } = useTranslation('admin');
  const { departments } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('departments.title')}</h1>
      <p>{t('departments.intro')}</p>
      <DataTable
        caption={t('departments.tableCaption')}
        captionHidden
        rows={departments}
        rowKey={(d) => d.id}
        empty={t('departments.empty')}
        columns={[
          { key: 'name', header: t('fields.name'), rowHeader: true, cell: (d) => <LocalizedName value={d.name} /> },
          { key: 'slug', header: t('fields.slug'), cell: (d) => d.slug },
          { key: 'email', header: t('fields.contactEmail'), cell: (d) => <a href={`mailto:${d.email}`}>{d.email}</a> },
          {
            key: 'edit',
            header: t('table.actions'),
            headerHidden: true,
            cell: (d) => (
              <Link to={`/admin/departments/${d.id}`}>
                {t('table.edit')}
                <span className="visually-hidden"> {localized(d.name, i18n.language).text}</span>
              </Link>
            ),
          },
        ]}
      />
      <Card title={t('departments.new')}>
        <DepartmentForm lastResult={useActionData<typeof action>()} submit={t('departments.create')} />
      </Card>
    </div>
  );
}
