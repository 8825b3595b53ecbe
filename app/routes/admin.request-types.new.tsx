import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { requirePermission } from '~/modules/identity/guards.server';
import { listDepartments } from '~/modules/places/queries.server';
import { createRequestType } from '~/modules/requests/catalog/catalog.server';
import { NEW_TYPE_DEFAULTS, RequestTypeForm } from '~/modules/requests/catalog/components/catalog-forms';
import { NewRequestTypeSchema } from '~/modules/requests/catalog/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:catalog.newTitle');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:request-type');
  return json({ departments: await listDepartments() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:request-type');
  const submission = await readSubmission(request, NewRequestTypeSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await createRequestType(callerFor(user, context), submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(
    `/admin/request-types/${result.value.id}/fields`,
    { kind: 'success', key: 'requests:catalog.created' },
    { status: 303 },
  );
}

export default function NewRequestType() {
  const { t } = useTranslation('requests');
  const { departments } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <AdminTrail items={[{ to: '/admin/request-types', label: t('catalog.title') }]} />
      <h1>{t('catalog.newTitle')}</h1>
      <p>{t('catalog.newIntro')}</p>
      <RequestTypeForm
        lastResult={useActionData<typeof action>()}
        defaultValue={NEW_TYPE_DEFAULTS}
        departments={departments}
        submit={t('catalog.create')}
      />
    </div>
  );
}
