import { z } from 'zod';
import { MAX_YEAR, MIN_YEAR } from './rows';

/**
 * The public budget page's query (a GET form and the table's sort links): the year, a year to
 * compare with, the grouping and the sort. The page and its CSV download read it alike; anything
 * else is a 400.
 */
export const GROUPINGS = ['department', 'category', 'fund'] as const;
export type Grouping = (typeof GROUPINGS)[number];
export const SORTS = ['name', 'amount', 'compare', 'difference', 'change'] as const;
export type Sort = (typeof SORTS)[number];

const year = z.number().int().min(MIN_YEAR).max(MAX_YEAR).optional();

export const FactsQuerySchema = z.object({
  year,
  compare: year,
  group: z.enum(GROUPINGS).default('department'),
  sort: z.enum(SORTS).default('amount'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});
export type FactsQuery = z.infer<typeof FactsQuerySchema>;

/** The query string of these choices (what the sort links and the download carry). */
export function factsSearch(query: FactsQuery & { fiscalYear: number }, change: Partial<Pick<FactsQuery, 'sort' | 'dir'>> = {}): string {
  const params = new URLSearchParams({ year: String(query.fiscalYear) });
  if (query.compare !== undefined) params.set('compare', String(query.compare));
  params.set('group', query.group);
  params.set('sort', change.sort ?? query.sort);
  params.set('dir', change.dir ?? query.dir);
  return `?${params}`;
}
