import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LocalizedName } from '~/components/admin';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { requirePermission } from '~/modules/identity/guards.server';
import { changeFields } from '~/modules/requests/catalog/catalog.server';
import { FieldEditorForm, fieldValues, RequestTypeTrail } from '~/modules/requests/catalog/components/catalog-forms';
import { FieldFormSchema } from '~/modules/requests/catalog/schemas';
import { getRequestType } from '~/modules/requests/catalog/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:fields.editTitle');

/** The type and the field with this key in its current version, or 404. */
async function load(id: string | undefined, key: string | undefined) {
  const type = id ? await getRequestType(id) : null;
  const fields = type?.versions.find((v) => v.version === type.currentVersion)?.fields ?? [];
  const field = fields.find((f) => f.key === key);
  if (!type || !field) throw refuse(fail.notFound());
  return { type, field };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:request-type');
  const { type, field } = await load(params.id, params.key);
  return json({ type: { id: type.id, name: type.name, currentVersion: type.currentVersion }, field });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:request-type');
  const { type, field } = await load(params.id, params.key);
  const submission = await readSubmission(request, FieldFormSchema);
  if (submission.status !== 'success') return replyForm(submission);
  // The key is fixed: whatever was posted, the field edited is the one in the address.
  const { key: _posted, ...definition } = submission.value.field;
  const result = await changeFields(callerFor(user, context), type.id, submission.value.version, {
    op: 'update',
    key: field.key,
    field: definition,
  });
  if (!result.ok) return respondToForm(submission, result);
  const flash = result.value.changed ? 'requests:fields.savedField' : 'requests:fields.unchanged';
  return redirectWithFlash(
    `/admin/request-types/${type.id}/fields`,
    { kind: 'success', key: flash, values: { version: result.value.version } },
    { status: 303 },
  );
}

export default function EditRequestField() {
  const { t } = useTranslation('requests');
  const { type, field } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <RequestTypeTrail type={type} fields />
      <h1>
        {t('fields.editTitle')}: <LocalizedName value={field.label} />
      </h1>
      <p>{t('fields.editIntro')}</p>
      <FieldEditorForm
        lastResult={useActionData<typeof action>()}
        defaultValue={fieldValues(field)}
        version={type.currentVersion}
        fixedKey={field.key}
        submit={t('fields.saveSubmit')}
      />
    </div>
  );
}
