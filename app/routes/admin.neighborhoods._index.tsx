import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail, LocalizedName } from '~/components/admin';
import { FormErrors, PostForm, SubmitButton } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatNumber } from '~/lib/format';
import { formValues, parseForm } from '~/lib/forms';
import { localized } from '~/lib/i18n';
import { invalid } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { requestContext } from '~/lib/request-context.server';
import { readForm } from '~/lib/security.server';
import { requirePermission } from '~/modules/identity/session.server';
import { NeighborhoodFields } from '~/modules/places/components/place-fields';
import { saveNeighborhood } from '~/modules/places/places.server';
import { listNeighborhoods } from '~/modules/places/queries.server';
import { NeighborhoodSchema } from '~/modules/places/schemas';
import { TableScroller } from '~/components/table-scroller';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:neighborhoods.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  const neighborhoods = await listNeighborhoods();
  return json({ neighborhoods: neighborhoods.map(({ id, slug, name, residents }) => ({ id, slug, name, residents })) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:city');
  const formData = await readForm(request);
  const form = parseForm(NeighborhoodSchema, formData);
  if (!form.ok) return invalid(form);
  const result = await saveNeighborhood({ userId: user.id, requestId: requestContext(context).requestId }, null, form.data);
  if (!result.ok) return invalid({ ...result, values: formValues(formData) });
  return redirectWithFlash('/admin/neighborhoods', { kind: 'success', key: 'admin:neighborhoods.created' }, { status: 303 });
}

export default function AdminNeighborhoods() {
  const { t, i18n } = useTranslation('admin');
  const { neighborhoods } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('neighborhoods.title')}</h1>
      <p>{t('neighborhoods.intro')}</p>
      <TableScroller>
        <table>
          <caption className="visually-hidden">{t('neighborhoods.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('fields.name')}</th>
              <th scope="col">{t('fields.slug')}</th>
              <th scope="col">{t('neighborhoods.residents')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('table.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {neighborhoods.map((n) => (
              <tr key={n.id}>
                <th scope="row">
                  <LocalizedName value={n.name} />
                </th>
                <td>{n.slug}</td>
                <td>{formatNumber(n.residents, i18n.language)}</td>
                <td>
                  <Link to={`/admin/neighborhoods/${n.id}`}>
                    {t('table.edit')}
                    <span className="visually-hidden"> {localized(n.name, i18n.language).text}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      {neighborhoods.length === 0 ? <p>{t('neighborhoods.empty')}</p> : null}

      <section aria-labelledby="new-neighborhood">
        <h2 id="new-neighborhood">{t('neighborhoods.new')}</h2>
        <p>{t('neighborhoods.newIntro')}</p>
        <PostForm noValidate>
          <FormErrors errors={result?.errors} />
          <NeighborhoodFields values={result?.values ?? {}} errors={result?.errors} />
          <SubmitButton>{t('neighborhoods.create')}</SubmitButton>
        </PostForm>
      </section>
    </div>
  );
}
