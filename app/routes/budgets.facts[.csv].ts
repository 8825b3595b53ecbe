import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { csvDownload } from '~/lib/csv.server';
import { amountText } from '~/modules/budgets/money';
import { cityCurrency, factsView } from '~/modules/budgets/facts/queries.server';
import { getLocale, getT } from '~/modules/identity/locale.server';

/**
 * /budgets/facts.csv: the public budget table as shown, for the same query (year, comparison,
 * grouping, sort): the same rows in the same order, amounts as plain decimal numbers of the
 * city's currency (named in the headers) so spreadsheets can add them up, the change in percent.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const [lng, t, currency] = await Promise.all([getLocale(request), getT(request, 'budget-facts'), cityCurrency()]);
  const view = await factsView(new URL(request.url), lng);
  if ('invalid' in view) throw json({ error: 'badRequest' }, { status: 400 });
  if (view.fiscalYear === null || !view.table) throw json({ error: 'notFound' }, { status: 404 });
  const { query, fiscalYear, table } = view;
  const comparing = query.compare !== undefined;
  const withCurrency = (header: string) => `${header} (${currency})`;
  const columns = [
    { key: 'name' as const, header: t(`page.groups.${query.group}`) },
    { key: 'amount' as const, header: withCurrency(t('page.amount', { year: fiscalYear })) },
    ...(comparing
      ? [
          { key: 'compare' as const, header: withCurrency(t('page.amount', { year: query.compare })) },
          { key: 'difference' as const, header: withCurrency(t('page.difference')) },
          { key: 'change' as const, header: `${t('page.change')} (%)` },
        ]
      : []),
  ];
  const decimal = (minor: string | null) => {
    const value = BigInt(minor ?? '0');
    const text = amountText(value, currency);
    // A number cell, which a spreadsheet adds up and whose minus sign is never taken for a formula;
    // up to 15 digits a float holds the decimal exactly (its text is the same), beyond that text.
    return value < 10n ** 15n && value > -(10n ** 15n) ? Number(text) : text;
  };
  const rows = table.rows.map((r) => ({
    name: r.name,
    amount: decimal(r.amount),
    compare: decimal(r.compare),
    difference: decimal(r.difference),
    change: r.change === null ? '' : Math.round(r.change * 1000) / 10,
  }));
  return csvDownload(`budget-${fiscalYear}-${query.group}.csv`, columns, rows);
}
