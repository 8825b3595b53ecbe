import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail, LocalizedName } from '~/components/admin';
import { FormErrors, SelectField, TextField } from '~/components/forms';
import { TableScroller } from '~/components/table-scroller';
import { formatNumber } from '~/lib/format';
import { parseObject } from '~/lib/forms';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { requirePermission } from '~/modules/identity/session.server';
import { listDepartments } from '~/modules/places/queries.server';
import { CatalogFilterSchema } from '~/modules/requests/catalog-schemas';
import { listRequestTypes } from '~/modules/requests/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:catalog.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:request-type');
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = parseObject(CatalogFilterSchema, params);
  const departments = await listDepartments();
  // Bad filters come back with their errors, as a 400, and no rows.
  const types = filter.ok ? await listRequestTypes(filter.data) : [];
  return json(
    { types, departments, values: filter.ok ? params : filter.values, errors: filter.ok ? undefined : filter.errors },
    { status: filter.ok ? 200 : 400 },
  );
}

export default function AdminRequestTypes() {
  const { t, i18n } = useTranslation('requests');
  const { types, departments, values, errors } = useLoaderData<typeof loader>();
  const v: Record<string, string | undefined> = values;
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('catalog.title')}</h1>
      <p>{t('catalog.intro')}</p>
      <p>
        <Link to="/admin/request-types/new" className="button">
          {t('catalog.new')}
        </Link>
      </p>

      <Form method="get" className="stack" aria-labelledby="catalog-filters">
        <h2 id="catalog-filters">{t('catalog.filters')}</h2>
        <FormErrors errors={errors} />
        <div className="filters">
          <TextField label={t('catalog.search')} name="q" type="search" autoComplete="off" defaultValue={v.q} errors={errors} />
          <SelectField
            label={t('catalog.department')}
            name="department"
            defaultValue={v.department ?? ''}
            errors={errors}
            options={[{ value: '', label: t('catalog.anyDepartment') }, ...departments.map((d) => ({ value: d.id, label: localized(d.name, i18n.language).text }))]}
          />
          <SelectField
            label={t('catalog.status')}
            name="status"
            defaultValue={v.status ?? 'all'}
            errors={errors}
            options={[
              { value: 'all', label: t('catalog.statusAll') },
              { value: 'active', label: t('catalog.statusActive') },
              { value: 'inactive', label: t('catalog.statusInactive') },
            ]}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button">
            {t('catalog.apply')}
          </button>
          <Link to="/admin/request-types">{t('catalog.clear')}</Link>
        </div>
      </Form>

      <p role="status">{t('catalog.count', { count: types.length, formatted: formatNumber(types.length, i18n.language) })}</p>
      <TableScroller>
        <table>
          <caption className="visually-hidden">{t('catalog.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalog.name')}</th>
              <th scope="col">{t('catalog.code')}</th>
              <th scope="col">{t('catalog.department')}</th>
              <th scope="col">{t('catalog.target')}</th>
              <th scope="col">{t('catalog.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin:table.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {types.map((type) => {
              const name = localized(type.name, i18n.language).text;
              return (
                <tr key={type.id}>
                  <th scope="row">
                    <LocalizedName value={type.name} />
                    <br />
                    <span className="muted">{t(`groups.${type.group}`, { defaultValue: type.group })}</span>
                  </th>
                  <td>
                    <code>{type.code}</code>
                  </td>
                  <td>
                    <LocalizedName value={type.department.name} />
                  </td>
                  <td>{t('catalog.targetValue', { count: type.targetHours })}</td>
                  <td>
                    <span className="pill">{type.active ? t('catalog.active') : t('catalog.inactive')}</span>
                  </td>
                  <td>
                    <div className="row-actions">
                      <Link to={`/admin/request-types/${type.id}`}>
                        {t('catalog.edit')}
                        <span className="visually-hidden"> {name}</span>
                      </Link>
                      <Link to={`/admin/request-types/${type.id}/fields`}>
                        {t('catalog.editFields')}
                        <span className="visually-hidden"> {name}</span>
                      </Link>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroller>
      {types.length === 0 ? <p>{t('catalog.empty')}</p> : null}
    </div>
  );
}
