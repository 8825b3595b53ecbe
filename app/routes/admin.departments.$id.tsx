import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
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
import { DepartmentFields } from '~/modules/places/components/place-fields';
import { deleteDepartment, saveDepartment } from '~/modules/places/places.server';
import { getDepartment } from '~/modules/places/queries.server';
import { DepartmentSchema, IntentSchema } from '~/modules/places/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:departments.editTitle');

async function load(id: string | undefined) {
  const department = id ? await getDepartment(id) : null;
  if (!department) throw notFound();
  return department;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  return json({ department: await load(params.id) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:city');
  const { id } = await load(params.id);
  const formData = await readForm(request);
  const actor = { userId: user.id, requestId: requestContext(context).requestId };
  const intent = parseForm(IntentSchema, formData);
  if (!intent.ok) return invalid(intent);
  if (intent.data.intent === 'delete') {
    const result = await deleteDepartment(actor, id);
    if (!result.ok) return invalid(result);
    return redirectWithFlash('/admin/departments', { kind: 'success', key: 'admin:departments.deleted' }, { status: 303 });
  }
  const form = parseForm(DepartmentSchema, formData);
  if (!form.ok) return invalid(form);
  const result = await saveDepartment(actor, id, form.data);
  if (!result.ok) return invalid({ ...result, values: formValues(formData) });
  return redirectWithFlash('/admin/departments', { kind: 'success', key: 'admin:departments.saved' }, { status: 303 });
}

export default function EditDepartment() {
  const { t } = useTranslation('admin');
  const { department: d } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = result?.values?.intent === 'save';
  const values = saving ? result!.values : { slug: d.slug, nameEn: d.name.en ?? '', nameEs: d.name.es ?? '', email: d.email };
  return (
    <div className="stack">
      <AdminTrail items={[{ to: '/admin/departments', label: t('departments.title') }]} />
      <h1>
        {t('departments.editTitle')}: <LocalizedName value={d.name} />
      </h1>
      <FormErrors errors={saving ? undefined : result?.errors} />
      <PostForm noValidate>
        <FormErrors errors={saving ? result?.errors : undefined} />
        <input type="hidden" name="intent" value="save" />
        <DepartmentFields values={values} errors={saving ? result?.errors : undefined} />
        <SubmitButton>{t('departments.save')}</SubmitButton>
      </PostForm>

      <section aria-labelledby="delete-department" className="danger-zone">
        <h2 id="delete-department">{t('departments.deleteTitle')}</h2>
        <p>{t('departments.deleteIntro')}</p>
        <PostForm>
          <input type="hidden" name="intent" value="delete" />
          <SubmitButton className="button button-danger">{t('departments.delete')}</SubmitButton>
        </PostForm>
      </section>
    </div>
  );
}
