import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail, DeleteZone, LocalizedName } from '~/components/admin';
import { replyFor } from '~/components/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { requirePermission } from '~/modules/identity/guards.server';
import { DepartmentForm } from '~/modules/places/components/place-fields';
import { deleteDepartment, saveDepartment } from '~/modules/places/places.server';
import { getDepartment } from '~/modules/places/queries.server';
import { DepartmentActionSchema } from '~/modules/places/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:departments.editTitle');

async function load(id: string | undefined) {
  const department = id ? await getDepartment(id) : null;
  if (!department) throw refuse(fail.notFound());
  return department;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  return json({ department: await load(params.id) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:city');
  const { id } = await load(params.id);
  const submission = await readSubmission(request, DepartmentActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const caller = callerFor(user, context);
  const value = submission.value;
  const result = value.intent === 'delete' ? await deleteDepartment(caller, id) : await saveDepartment(caller, id, value);
  if (!result.ok) return respondToForm(submission, result);
  const key = value.intent === 'delete' ? 'admin:departments.deleted' : 'admin:departments.saved';
  return redirectWithFlash('/admin/departments', { kind: 'success', key }, { status: 303 });
}

export default function EditDepartment() {
  const { t } = useTranslation('admin');
  const { department: d } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="stack">
      <AdminTrail items={[{ to: '/admin/departments', label: t('departments.title') }]} />
      <h1>
        {t('departments.editTitle')}: <LocalizedName value={d.name} />
      </h1>
      <DepartmentForm
        editing
        lastResult={replyFor(lastResult, 'save')}
        defaultValue={{ slug: d.slug, name: d.name, email: d.email }}
        submit={t('departments.save')}
      />
      <DeleteZone
        title={t('departments.deleteTitle')}
        intro={t('departments.deleteIntro')}
        submit={t('departments.delete')}
        lastResult={replyFor(lastResult, 'delete')}
      />
    </div>
  );
}
