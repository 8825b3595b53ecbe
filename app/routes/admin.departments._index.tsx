import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail, LocalizedName } from '~/components/admin';
import { FormErrors, PostForm, SubmitButton } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { formValues, parseForm } from '~/lib/forms';
import { localized } from '~/lib/i18n';
import { invalid } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { requestContext } from '~/lib/request-context.server';
import { readForm } from '~/lib/security.server';
import { requirePermission } from '~/modules/identity/session.server';
import { DepartmentFields } from '~/modules/places/components/place-fields';
import { saveDepartment } from '~/modules/places/places.server';
import { listDepartments } from '~/modules/places/queries.server';
import { DepartmentSchema } from '~/modules/places/schemas';
import { TableScroller } from '~/components/table-scroller';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:departments.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  return json({ departments: await listDepartments() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:city');
  const formData = await readForm(request);
  const form = parseForm(DepartmentSchema, formData);
  if (!form.ok) return invalid(form);
  const result = await saveDepartment({ userId: user.id, requestId: requestContext(context).requestId }, null, form.data);
  if (!result.ok) return invalid({ ...result, values: formValues(formData) });
  return redirectWithFlash('/admin/departments', { kind: 'success', key: 'admin:departments.created' }, { status: 303 });
}

export default function AdminDepartments() {
  const { t, i18n } = useTranslation('admin');
  const { departments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('departments.title')}</h1>
      <p>{t('departments.intro')}</p>
      <TableScroller>
        <table>
          <caption className="visually-hidden">{t('departments.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fields.name')}</th>
              <th scope="col">{t('fields.slug')}</th>
              <th scope="col">{t('fields.contactEmail')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('table.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {departments.map((d) => (
              <tr key={d.id}>
                <th scope="row">
                  <LocalizedName value={d.name} />
                </th>
                <td>{d.slug}</td>
                <td>
                  <a href={`mailto:${d.email}`}>{d.email}</a>
                </td>
                <td>
                  <Link to={`/admin/departments/${d.id}`}>
                    {t('table.edit')}
                    <span className="visually-hidden"> {localized(d.name, i18n.language).text}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      {departments.length === 0 ? <p>{t('departments.empty')}</p> : null}

      <section aria-labelledby="new-department">
        <h2 id="new-department">{t('departments.new')}</h2>
        <PostForm noValidate>
          <FormErrors errors={result?.errors} />
          <DepartmentFields values={result?.values ?? {}} errors={result?.errors} />
          <SubmitButton>{t('departments.create')}</SubmitButton>
        </PostForm>
      </section>
    </div>
  );
}
