import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail, LocalizedName } from '~/components/admin';
import { FormErrors, PostForm, SubmitButton } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { formValues, parseForm } from '~/lib/forms';
import { invalid, notFound } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { requestContext } from '~/lib/request-context.server';
import { readForm } from '~/lib/security.server';
import { requirePermission } from '~/modules/identity/session.server';
import { listDepartments } from '~/modules/places/queries.server';
import { setRequestTypeActive, updateRequestType } from '~/modules/requests/catalog.server';
import { RequestTypeSchema, TypeIntentSchema } from '~/modules/requests/catalog-schemas';
import { RequestTypeFields } from '~/modules/requests/components/catalog-forms';
import { getRequestType } from '~/modules/requests/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:catalog.editTitle');

async function load(id: string | undefined) {
  const type = id ? await getRequestType(id) : null;
  if (!type) throw notFound();
  return type;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:request-type');
  const [type, departments] = await Promise.all([load(params.id), listDepartments()]);
  const { versions, ...rest } = type;
  return json({ type: { ...rest, fieldCount: versions[0]?.fields.length ?? 0 }, departments });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:request-type');
  const { id } = await load(params.id);
  const formData = await readForm(request);
  const actor = { userId: user.id, requestId: requestContext(context).requestId };
  const intent = parseForm(TypeIntentSchema, formData);
  if (!intent.ok) return invalid(intent);
  if (intent.data.intent !== 'save') {
    const active = intent.data.intent === 'activate';
    const result = await setRequestTypeActive(actor, id, active);
    if (!result.ok) return invalid(result);
    const key = active ? 'requests:catalog.activated' : 'requests:catalog.deactivated';
    return redirectWithFlash(`/admin/request-types/${id}`, { kind: 'success', key }, { status: 303 });
  }
  const form = parseForm(RequestTypeSchema, formData);
  if (!form.ok) return invalid(form);
  const result = await updateRequestType(actor, id, form.data);
  if (!result.ok) return invalid({ ...result, values: formValues(formData) });
  return redirectWithFlash('/admin/request-types', { kind: 'success', key: 'requests:catalog.saved' }, { status: 303 });
}

export default function EditRequestType() {
  const { t } = useTranslation('requests');
  const { type, departments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = result?.values?.intent === 'save';
  const values = saving
    ? result!.values
    : {
        nameEn: type.name.en ?? '',
        nameEs: type.name.es ?? '',
        descriptionEn: type.description.en ?? '',
        descriptionEs: type.description.es ?? '',
        resolutionEn: type.resolutionDefinition.en ?? '',
        resolutionEs: type.resolutionDefinition.es ?? '',
        group: type.group,
        departmentId: type.department.id,
        defaultPriority: type.defaultPriority,
        targetHours: String(type.targetHours),
        locationRequired: type.locationRequired ? 'on' : '',
        photosAllowed: type.photosAllowed ? 'on' : '',
        publicVisibility: type.publicVisibility,
      };
  return (
    <div className="stack">
      <AdminTrail items={[{ to: '/admin/request-types', label: t('catalog.title') }]} />
      <h1>
        {t('catalog.editTitle')}: <LocalizedName value={type.name} />
      </h1>
      <FormErrors errors={saving ? undefined : result?.errors} />
      <p>
        {t('catalog.fieldsSummary', { count: type.fieldCount, version: type.currentVersion })}{' '}
        <Link to={`/admin/request-types/${type.id}/fields`}>{t('catalog.editFields')}</Link>
      </p>
      <PostForm noValidate>
        <FormErrors errors={saving ? result?.errors : undefined} />
        <input type="hidden" name="intent" value="save" />
        <RequestTypeFields values={values} errors={saving ? result?.errors : undefined} departments={departments} code={type.code} />
        <SubmitButton>{t('catalog.save')}</SubmitButton>
      </PostForm>

      <section aria-labelledby="type-availability">
        <h2 id="type-availability">{t('catalog.activeTitle')}</h2>
        <p>{type.active ? t('catalog.activeIntro') : t('catalog.inactiveIntro')}</p>
        <PostForm>
          <input type="hidden" name="intent" value={type.active ? 'deactivate' : 'activate'} />
          <SubmitButton className={type.active ? 'button button-secondary' : 'button'}>{type.active ? t('catalog.deactivate') : t('catalog.activate')}</SubmitButton>
        </PostForm>
      </section>
    </div>
  );
}
