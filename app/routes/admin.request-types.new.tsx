import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { FormErrors, PostForm, SubmitButton } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { formValues, parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { requestContext } from '~/lib/request-context.server';
import { readForm } from '~/lib/security.server';
import { requirePermission } from '~/modules/identity/session.server';
import { listDepartments } from '~/modules/places/queries.server';
import { createRequestType } from '~/modules/requests/catalog.server';
import { NewRequestTypeSchema } from '~/modules/requests/catalog-schemas';
import { RequestTypeFields } from '~/modules/requests/components/catalog-forms';
import { DEFAULT_VISIBILITY } from '~/modules/requests/values';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:catalog.newTitle');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:request-type');
  return json({ departments: await listDepartments() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:request-type');
  const formData = await readForm(request);
  const form = parseForm(NewRequestTypeSchema, formData);
  if (!form.ok) return invalid(form);
  const result = await createRequestType({ userId: user.id, requestId: requestContext(context).requestId }, form.data);
  if (!result.ok) return invalid({ ...result, values: formValues(formData) });
  return redirectWithFlash(`/admin/request-types/${result.id}/fields`, { kind: 'success', key: 'requests:catalog.created' }, { status: 303 });
}

/**
 * A new type starts with a location required and photos allowed, like most city requests, and
 * published as a summary until the admin decides otherwise.
 */
const DEFAULTS = { locationRequired: 'on', photosAllowed: 'on', defaultPriority: 'normal', group: 'other', targetHours: '72', publicVisibility: DEFAULT_VISIBILITY };

export default function NewRequestType() {
  const { t } = useTranslation('requests');
  const { departments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <AdminTrail items={[{ to: '/admin/request-types', label: t('catalog.title') }]} />
      <h1>{t('catalog.newTitle')}</h1>
      <p>{t('catalog.newIntro')}</p>
      <PostForm noValidate>
        <FormErrors errors={result?.errors} />
        <RequestTypeFields values={result?.values ?? DEFAULTS} errors={result?.errors} departments={departments} />
        <SubmitButton>{t('catalog.create')}</SubmitButton>
      </PostForm>
    </div>
  );
}
