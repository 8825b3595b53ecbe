import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { replyFor } from '~/components/ui/forms';
import { pageTitle } from '~/lib/meta';
import { requirePermission } from '~/modules/identity/guards.server';
import { editPlace, loadPlace } from '~/modules/places/admin-routes.server';
import { PlaceEditPage } from '~/modules/places/components/place-admin';
import { DepartmentForm } from '~/modules/places/components/place-fields';
import { deleteDepartment, saveDepartment } from '~/modules/places/places.server';
import { getDepartment } from '~/modules/places/queries.server';
import { DepartmentActionSchema } from '~/modules/places/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:departments.editTitle');

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  return json({ department: await loadPlace(getDepartment, params.id) });
}

export async function action(args: ActionFunctionArgs) {
  return editPlace(args, 'departments', DepartmentActionSchema, getDepartment, saveDepartment, deleteDepartment);
}

export default function EditDepartment() {
  const { t } = useTranslation('admin');
  const { department: d } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <PlaceEditPage kind="departments" name={d.name} lastResult={lastResult}>
      <DepartmentForm
        editing
        lastResult={replyFor(lastResult, 'save')}
        defaultValue={{ slug: d.slug, name: d.name, email: d.email }}
        submit={t('departments.save')}
      />
    </PlaceEditPage>
  );
}
