import { parseWithSchema } from '~/lib/schema-parse';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { ActionBar } from '~/components/ui/action-bar';
import { AdminTrail, LocalizedName } from '~/components/admin';
import { Badge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { DataTable } from '~/components/ui/data-table';
import { FormErrors, GetForm, SelectField, TextField } from '~/components/ui/forms';
import { formatNumber } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useSchemaForm } from '~/lib/use-schema-form';
import { requirePermission } from '~/modules/identity/guards.server';
import { listDepartments } from '~/modules/places/queries.server';
import { CatalogFilterSchema } from '~/modules/requests/catalog/schemas';
import { listRequestTypes } from '~/modules/requests/catalog/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:catalog.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:request-type');
  const params = new URL(request.url).searchParams;
  const filter = parseWithSchema(params, CatalogFilterSchema);
  const departments = await listDepartments();
  // Bad filters come back with their errors, as a 400, and no rows.
  const ok = filter.status === 'success';
  const types = ok ? await listRequestTypes(filter.value) : [];
  return json(
    { types, departments, values: Object.fromEntries(params), filter: ok ? undefined : filter.reply() },
    { status: ok ? 200 : 400 },
  );
}

export default function AdminRequestTypes() {
  const { t, i18n } = useTranslation('requests');
  const { types, departments, values, filter } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(CatalogFilterSchema, { lastResult: filter, defaultValue: values, id: 'catalog-filter' });
  const name = (value: unknown) => localized(value, i18n.language).text;
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

      <Card title={t('catalog.filters')}>
        <GetForm form={form} className="stack">
          <FormErrors form={form} />
          <div className="filters">
            <TextField label={t('catalog.search')} field={fields.q} type="search" autoComplete="off" />
            <SelectField
              label={t('catalog.department')}
              field={fields.department}
              options={[
                { value: '', label: t('catalog.anyDepartment') },
                ...departments.map((d) => ({ value: d.id, label: name(d.name) })),
              ]}
            />
            <SelectField
              label={t('catalog.status')}
              field={fields.status}
              options={[
                { value: 'all', label: t('catalog.statusAll') },
                { value: 'active', label: t('catalog.statusActive') },
                { value: 'inactive', label: t('catalog.statusInactive') },
              ]}
            />
          </div>
          <ActionBar>
            <button type="submit" className="button">
              {t('catalog.apply')}
            </button>
            <Link to="/admin/request-types">{t('catalog.clear')}</Link>
          </ActionBar>
        </GetForm>
      </Card>

      <p role="status">{t('catalog.count', { count: types.length, formatted: formatNumber(types.length, i18n.language) })}</p>
      <DataTable
        caption={t('catalog.caption')}
        captionHidden
        rows={types}
        rowKey={(type) => type.id}
        empty={t('catalog.empty')}
        columns={[
          {
            key: 'name',
            header: t('catalog.name'),
            rowHeader: true,
            cell: (type) => (
              <>
                <LocalizedName value={type.name} />
                <br />
                <span className="muted">{t(`groups.${type.group}`, { defaultValue: type.group })}</span>
              </>
            ),
          },
          { key: 'code', header: t('catalog.code'), cell: (type) => <code>{type.code}</code> },
          { key: 'department', header: t('catalog.department'), cell: (type) => <LocalizedName value={type.department.name} /> },
          { key: 'target', header: t('catalog.target'), cell: (type) => t('catalog.targetValue', { count: type.targetHours }) },
          {
            key: 'state',
            header: t('catalog.state'),
            cell: (type) => <Badge>{type.active ? t('catalog.active') : t('catalog.inactive')}</Badge>,
          },
          {
            key: 'actions',
            header: t('admin:table.actions'),
            headerHidden: true,
            cell: (type) => (
              <div className="row-actions">
                <Link to={`/admin/request-types/${type.id}`}>
                  {t('catalog.edit')}
                  <span className="visually-hidden"> {name(type.name)}</span>
                </Link>
                <Link to={`/admin/request-types/${type.id}/fields`}>
                  {t('catalog.editFields')}
                  <span className="visually-hidden"> {name(type.name)}</span>
                </Link>
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}
