import { db } from '~/lib/db.server';
import { parseWithSchema } from '~/lib/schema-parse';
import { FactsQuerySchema, type FactsQuery, type Grouping } from './schemas';

/**
 * Reading the city's budget facts: the years imported, and a year's totals by department,
 * category or fund beside another year's (difference and change), sorted as asked. The public
 * page, its CSV download and the staff page read the same rows. Amounts go out as decimal
 * strings of minor units (JSON has no bigint).
 */
export async function cityCurrency(): Promise<string> {
  const city = await db().city.findUnique({ where: { id: 1 }, select: { currency: true } });
  return city?.currency ?? 'USD';
}

/** Every imported fiscal year, newest first, with its line count and total. */
export async function factYears(): Promise<{ fiscalYear: number; lines: number; total: string }[]> {
  const years = await db().budgetLine.groupBy({ by: ['fiscalYear'], _count: { _all: true }, _sum: { amount: true } });
  return years
    .map((y) => ({ fiscalYear: y.fiscalYear, lines: y._count._all, total: (y._sum.amount ?? 0n).toString() }))
    .sort((a, b) => b.fiscalYear - a.fiscalYear);
}

/** A year's total per department, category or fund. */
async function totalsOf(fiscalYear: number, grouping: Grouping): Promise<Map<string, bigint>> {
  const groups = await db().budgetLine.groupBy({ by: [grouping], where: { fiscalYear }, _sum: { amount: true } });
  return new Map(groups.map((g) => [(g as Record<Grouping, string>)[grouping], g._sum.amount ?? 0n]));
}

export type FactRow = {
  name: string;
  amount: string;
  /** The compared year's amount, its difference to this year's and the change as a share (null when it had none) */
  compare: string | null;
  difference: string | null;
  change: number | null;
  /** The discussion thread of a department or category */
  threadId: string | null;
};
export type FactTable = { rows: FactRow[]; total: string; compareTotal: string | null };

/** A year's totals by the grouping, compared with another year's, in the order asked. */
export async function factTable(query: FactsQuery & { fiscalYear: number }, lng: string): Promise<FactTable> {
  const [current, compared, topics] = await Promise.all([
    totalsOf(query.fiscalYear, query.group),
    query.compare === undefined ? null : totalsOf(query.compare, query.group),
    query.group === 'fund' ? [] : db().budgetTopic.findMany({ where: { kind: query.group }, select: { name: true, threadId: true } }),
  ]);
  const threads = new Map(topics.map((t) => [t.name, t.threadId]));
  const names = new Set([...current.keys(), ...(compared?.keys() ?? [])]);
  const rows = [...names].map((name) => {
    const amount = current.get(name) ?? 0n;
    const before = compared ? (compared.get(name) ?? 0n) : null;
    return {
      name,
      amount,
      compare: before,
      difference: before === null ? null : amount - before,
      // A share for display, never money: a float is fine here.
      change: before ? Number(amount - before) / Number(before) : null,
      threadId: threads.get(name) ?? null,
    };
  });
  const collator = new Intl.Collator(lng);
  const direction = query.dir === 'asc' ? 1 : -1;
  const byName = (a: (typeof rows)[number], b: (typeof rows)[number]) => collator.compare(a.name, b.name);
  rows.sort((a, b) => {
    if (query.sort === 'name') return byName(a, b) * direction;
    const [x, y] = [a[query.sort], b[query.sort]];
    // Rows without a figure (nothing the year before) stay last either way.
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return (x < y ? -1 : x > y ? 1 : 0) * direction || byName(a, b);
  });
  const sum = (values: bigint[]) => values.reduce((s, v) => s + v, 0n).toString();
  return {
    rows: rows.map((r) => ({
      name: r.name,
      amount: r.amount.toString(),
      compare: r.compare?.toString() ?? null,
      difference: r.difference?.toString() ?? null,
      change: r.change,
      threadId: r.threadId,
    })),
    total: sum([...current.values()]),
    compareTotal: compared ? sum([...compared.values()]) : null,
  };
}

/**
 * What the public page and its CSV download show for a URL: the years, the chosen year (the
 * newest by default) and its table; `invalid` holds the query's reply when a client sent what
 * the page never offers (a 400).
 */
export async function factsView(url: URL, lng: string) {
  const submission = parseWithSchema(url.searchParams, FactsQuerySchema);
  const years = await factYears();
  // The form comes back with its errors and every year to choose from.
  if (submission.status !== 'success') return { invalid: submission.reply(), years } as const;
  const query = submission.value;
  const fiscalYear = query.year ?? years[0]?.fiscalYear;
  const table = fiscalYear === undefined ? null : await factTable({ ...query, fiscalYear }, lng);
  return { query, years, fiscalYear: fiscalYear ?? null, table } as const;
}
