import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '~/components/ui/data-table';
import { FormErrors, GetForm, SelectField, SubmitButton } from '~/components/ui/forms';
import { formatPercent } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { useSchemaForm } from '~/lib/use-schema-form';
import { formatMoney } from '~/modules/budgets/money';
import { FactsChart } from '~/modules/budgets/facts/components/facts-chart';
import { cityCurrency, factsView, type FactRow } from '~/modules/budgets/facts/queries.server';
import { factsSearch, FactsQuerySchema, GROUPINGS, type Sort } from '~/modules/budgets/facts/schemas';
import { getLocale } from '~/modules/identity/locale.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'budget-facts:page.title');

/**
 * The city budget (public): a fiscal year's totals by department, category or fund, compared
 * with another year if asked, as a chart and as a table sorted through links (?sort=&dir=), each
 * department and category linked to its thread in the city budget channel. The choices are a GET
 * form, so everything works without JavaScript; a query the page never offers is a 400.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const [view, currency] = await Promise.all([getLocale(request).then((lng) => factsView(url, lng)), cityCurrency()]);
  const values = Object.fromEntries(url.searchParams);
  const reply = 'invalid' in view ? view.invalid : undefined;
  return json({ reply, values, currency, years: view.years, view: 'invalid' in view ? null : view }, { status: reply ? 400 : 200 });
}

export default function BudgetFacts() {
  const { t, i18n } = useTranslation('budget-facts');
  const { reply, values, currency, years, view } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const [form, fields] = useSchemaForm(FactsQuerySchema, {
    lastResult: reply,
    defaultValue: view?.fiscalYear ? { ...values, year: String(view.fiscalYear) } : values,
    id: 'budget-facts',
  });
  return (
    <div className="stack">
      <h1>{t('page.title')}</h1>
      <p>{t('page.intro')}</p>
      {years.length === 0 ? (
        <p>{t('page.none')}</p>
      ) : (
        <GetForm form={form} className="stack">
          <FormErrors form={form} />
          {/* The choices as one group, named for screen readers and as a heading alike. */}
          <fieldset className="filters">
            <legend>{t('page.choose')}</legend>
            <SelectField
              label={t('page.year')}
              field={fields.year}
              options={years.map((y) => ({ value: String(y.fiscalYear), label: String(y.fiscalYear) }))}
            />
            <SelectField
              label={t('page.compare')}
              field={fields.compare}
              options={[
                { value: '', label: t('page.noCompare') },
                ...years.map((y) => ({ value: String(y.fiscalYear), label: String(y.fiscalYear) })),
              ]}
            />
            <SelectField
              label={t('page.group')}
              field={fields.group}
              options={GROUPINGS.map((g) => ({ value: g, label: t(`page.groups.${g}`) }))}
            />
          </fieldset>
          <SubmitButton>{t('page.show')}</SubmitButton>
        </GetForm>
      )}
      {view?.table && view.fiscalYear !== null ? (
        <Figures view={{ ...view, fiscalYear: view.fiscalYear, table: view.table }} currency={currency} lng={lng} />
      ) : null}
    </div>
  );
}

type View = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['view']>;

function Figures({
  view,
  currency,
  lng,
}: {
  view: View & { fiscalYear: number; table: NonNullable<View['table']> };
  currency: string;
  lng: string;
}) {
  const { t } = useTranslation('budget-facts');
  const { query, fiscalYear, table } = view;
  const money = (minor: string) => formatMoney(minor, currency, lng);
  const comparing = query.compare !== undefined;
  const group = t(`page.groups.${query.group}`);
  const vars = { year: fiscalYear, compare: query.compare, group: group.toLocaleLowerCase(lng), total: money(table.total) };
  const search = { ...query, fiscalYear };
  /** A column header that sorts by it: descending first for figures, A to Z for names. */
  const sortable = (key: Sort, header: string): Pick<Column<FactRow>, 'header' | 'sort'> => {
    const current = query.sort === key;
    const dir = current ? (query.dir === 'asc' ? 'desc' : 'asc') : key === 'name' ? 'asc' : 'desc';
    return {
      header: <Link to={factsSearch(search, { sort: key, dir })}>{header}</Link>,
      sort: current ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined,
    };
  };
  const columns: Column<FactRow>[] = [
    { key: 'name', rowHeader: true, ...sortable('name', group), cell: (r) => r.name },
    { key: 'amount', ...sortable('amount', t('page.amount', { year: fiscalYear })), cell: (r) => money(r.amount) },
  ];
  if (comparing)
    columns.push(
      { key: 'compare', ...sortable('compare', t('page.amount', { year: query.compare })), cell: (r) => money(r.compare ?? '0') },
      {
        key: 'difference',
        ...sortable('difference', t('page.difference')),
        cell: (r) => formatMoney(r.difference ?? '0', currency, lng, { signed: true }),
      },
      { key: 'change', ...sortable('change', t('page.change')), cell: (r) => (r.change === null ? '—' : formatPercent(r.change, lng)) },
    );
  if (query.group !== 'fund')
    columns.push({
      key: 'discussion',
      header: t('page.discussion'),
      cell: (r) =>
        r.threadId ? (
          <Link to={`/threads/${r.threadId}`} aria-label={t('page.discussName', { name: r.name })}>
            {t('page.discuss')}
          </Link>
        ) : null,
    });
  return (
    <>
      <p role="status">
        {comparing ? t('page.summaryCompare', { ...vars, compareTotal: money(table.compareTotal ?? '0') }) : t('page.summary', vars)}
      </p>
      {table.rows.length === 0 ? (
        <p>{t('page.noLines', vars)}</p>
      ) : (
        <>
          <FactsChart bars={table.rows} currency={currency} lng={lng} />
          <DataTable
            caption={comparing ? t('page.captionCompare', vars) : t('page.caption', vars)}
            rows={table.rows}
            rowKey={(r) => r.name}
            columns={columns}
          />
          <p>
            <a href={`/budgets/facts.csv${factsSearch(search)}`} download>
              {t('page.download')}
            </a>
          </p>
        </>
      )}
    </>
  );
}
