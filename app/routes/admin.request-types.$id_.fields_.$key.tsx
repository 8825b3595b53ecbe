import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail, LocalizedName } from '~/components/admin';
import { FormErrors, PostForm, SubmitButton } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { formValues } from '~/lib/forms';
import { localized } from '~/lib/i18n';
import { invalid, notFound } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { requestContext } from '~/lib/request-context.server';
import { readForm } from '~/lib/security.server';
import { requirePermission } from '~/modules/identity/session.server';
import { changeFields } from '~/modules/requests/catalog.server';
import { parseFieldForm } from '~/modules/requests/catalog-schemas';
import { FieldEditor, fieldValues } from '~/modules/requests/components/catalog-forms';
import { getRequestType } from '~/modules/requests/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:fields.editTitle');

/** The type and the field with this key in its current version, or 404. */
async function load(id: string | undefined, key: string | undefined) {
  const type = id ? await getRequestType(id) : null;
  const fields = type?.versions.find((v) => v.version === type.currentVersion)?.fields ?? [];
  const field = fields.find((f) => f.key === key);
  if (!type || !field) throw notFound();
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
  const formData = await readForm(request);
  // The key is fixed: whatever was posted, the field edited is the one in the address.
  formData.set('key', field.key);
  const form = parseFieldForm(formData);
  if (!form.ok) return invalid(form);
  const { key, ...definition } = form.data.field;
  const result = await changeFields({ userId: user.id, requestId: requestContext(context).requestId }, type.id, form.data.version, {
    op: 'update',
    key,
    field: definition,
  });
  if (!result.ok) return invalid({ ...result, values: formValues(formData) });
  const flash = result.changed ? 'requests:fields.savedField' : 'requests:fields.unchanged';
  return redirectWithFlash(`/admin/request-types/${type.id}/fields`, { kind: 'success', key: flash, values: { version: result.version } }, { status: 303 });
}

export default function EditRequestField() {
  const { t, i18n } = useTranslation('requests');
  const { type, field } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/admin/request-types/${type.id}`;
  return (
    <div className="stack">
      <AdminTrail
        items={[
          { to: '/admin/request-types', label: t('catalog.title') },
          { to: base, label: localized(type.name, i18n.language).text },
          { to: `${base}/fields`, label: t('catalog.editFields') },
        ]}
      />
      <h1>
        {t('fields.editTitle')}: <LocalizedName value={field.label} />
      </h1>
      <p>{t('fields.editIntro')}</p>
      <PostForm noValidate>
        <FormErrors errors={result?.errors} />
        <input type="hidden" name="version" value={type.currentVersion} />
        <FieldEditor values={result?.values ?? fieldValues(field)} errors={result?.errors} fixedKey={field.key} />
        <SubmitButton>{t('fields.saveSubmit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
