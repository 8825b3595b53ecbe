import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { pageTitle } from '~/lib/meta';
import { requirePermission } from '~/modules/identity/guards.server';
import { createPlace } from '~/modules/places/admin-routes.server';
import { PlaceListPage } from '~/modules/places/components/place-admin';
import { DepartmentForm } from '~/modules/places/components/place-fields';
import { saveDepartment } from '~/modules/places/places.server';
import { listDepartments } from '~/modules/places/queries.server';
import { DepartmentSchema } from '~/modules/places/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:departments.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  return json({ departments: await listDepartments() });
}

export async function action(args: ActionFunctionArgs) {
  return createPlace(args, 'departments', DepartmentSchema, saveDepartment);
}

export default function AdminDepartments() {
  const { t } = useTranslation('admin');
  const { departments } = useLoaderData<typeof loader>();
  return (
    <PlaceListPage
      kind="departments"
      rows={departments}
      columns={[{ key: 'email', header: t('fields.contactEmail'), cell: (d) => <a href={`mailto:${d.email}`}>{d.email}</a> }]}
    >
      <DepartmentForm lastResult={useActionData<typeof action>()} submit={t('departments.create')} />
    </PlaceListPage>
  );
}
