import { z } from 'zod';
import { MIN_GROUP } from './policy';
import { scaleValues, type Question, type QuestionKind } from './questions';
import { ANSWERED } from './tally';

/**
 * The results of a survey, computed from its tallies (tally.ts: counts per question and bucket,
 * already summed over the neighborhoods and languages a filter selects). Pure: shared by the
 * results page, the summary CSV and their tests. Labels stay option values here; the reader's
 * language is applied by the caller.
 */
export type Counts = Map<string, Map<string, number>>;

/** Tally rows (questionKey, bucket, count) summed into question → bucket → count. */
export function countsOf(rows: readonly { questionKey: string; bucket: string; count: number }[]): Counts {
  const counts: Counts = new Map();
  for (const { questionKey, bucket, count } of rows) {
    let q = counts.get(questionKey);
    if (!q) counts.set(questionKey, (q = new Map()));
    q.set(bucket, (q.get(bucket) ?? 0) + count);
  }
  return counts;
}

/** The share of `base` that `count` is, 0…1 (0 when nobody answered). */
export function share(count: number, base: number): number {
  return base > 0 ? count / base : 0;
}

/** Mean and median of values given as (value, how many gave it); null when there are none. */
export function bucketStats(buckets: readonly { value: number; count: number }[]): { mean: number; median: number; n: number } | null {
  const sorted = buckets.filter((b) => b.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((sum, b) => sum + b.count, 0);
  if (n === 0) return null;
  const mean = sorted.reduce((sum, b) => sum + b.value * b.count, 0) / n;
  // The k-th value (1-based) in order, walking the cumulative counts.
  const nth = (k: number) => {
    let seen = 0;
    for (const b of sorted) if ((seen += b.count) >= k) return b.value;
    return sorted[sorted.length - 1].value;
  };
  const median = n % 2 === 1 ? nth((n + 1) / 2) : (nth(n / 2) + nth(n / 2 + 1)) / 2;
  return { mean, median, n };
}

/** Whether a group of answer sets may be shown: an anonymous survey's never below MIN_GROUP. */
export function groupShown(anonymous: boolean, size: number): boolean {
  return !anonymous || size >= MIN_GROUP;
}

export type Bar = { value: string; count: number; share: number };
export type MatrixRow = { value: string; answered: number; bars: Bar[]; mean: number | null };
export type RankedOption = { value: string; answered: number; averagePlace: number | null; firstShare: number };
export type QuestionResult = {
  key: string;
  kind: QuestionKind;
  /** How many answered it: the base of its percentages. */
  answered: number;
  /** choice, yes/no, rating, number, date: one bar per value. */
  bars: Bar[];
  /** rating and number. */
  stats: { mean: number; median: number } | null;
  /** matrix: one entry per row. */
  rows: MatrixRow[];
  /** ranking: one entry per option, in the question's order. */
  ranking: RankedOption[];
};

const bar = (value: string, count: number, base: number): Bar => ({ value, count, share: share(count, base) });

/** One matrix row's distribution over the scale, and its mean. */
export function matrixRows(q: Pick<Question, 'rows' | 'scale'>, buckets: ReadonlyMap<string, number>): MatrixRow[] {
  const values = scaleValues(q);
  return (q.rows ?? []).map((row) => {
    const counts = values.map((v) => ({ value: v, count: buckets.get(`${row.value}=${v}`) ?? 0 }));
    const answered = counts.reduce((sum, c) => sum + c.count, 0);
    return {
      value: row.value,
      answered,
      bars: counts.map((c) => bar(String(c.value), c.count, answered)),
      mean: bucketStats(counts)?.mean ?? null,
    };
  });
}

/** Each option's average place (1 = first) among those who ranked it, and the share of respondents placing it first. */
export function rankingOptions(q: Pick<Question, 'options'>, buckets: ReadonlyMap<string, number>, answered: number): RankedOption[] {
  return (q.options ?? []).map((o) => {
    const places: { value: number; count: number }[] = [];
    for (const [bucket, count] of buckets) {
      const at = bucket.lastIndexOf('@');
      if (at > 0 && bucket.slice(0, at) === o.value) places.push({ value: Number(bucket.slice(at + 1)), count });
    }
    const stats = bucketStats(places);
    const first = places.find((p) => p.value === 1)?.count ?? 0;
    return { value: o.value, answered: stats?.n ?? 0, averagePlace: stats?.mean ?? null, firstShare: share(first, answered) };
  });
}

/** The results of one question from its buckets. Text questions have only their answered count. */
export function questionResult(q: Question, buckets: ReadonlyMap<string, number> = new Map()): QuestionResult {
  const answered = buckets.get(ANSWERED) ?? 0;
  const result: QuestionResult = { key: q.key, kind: q.kind, answered, bars: [], stats: null, rows: [], ranking: [] };
  const given = [...buckets].filter(([bucket]) => bucket !== ANSWERED);
  switch (q.kind) {
    case 'singleChoice':
    case 'multipleChoice':
      result.bars = (q.options ?? []).map((o) => bar(o.value, buckets.get(o.value) ?? 0, answered));
      break;
    case 'yesNo':
      result.bars = ['yes', 'no'].map((v) => bar(v, buckets.get(v) ?? 0, answered));
      break;
    case 'rating':
    case 'number': {
      const values =
        q.kind === 'rating'
          ? scaleValues(q).map((v) => ({ value: v, count: buckets.get(String(v)) ?? 0 }))
          : given.map(([bucket, count]) => ({ value: Number(bucket), count })).sort((a, b) => a.value - b.value);
      result.bars = values.map((v) => bar(String(v.value), v.count, answered));
      const stats = bucketStats(values);
      result.stats = stats && { mean: stats.mean, median: stats.median };
      break;
    }
    case 'date':
      result.bars = given.sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => bar(day, count, answered));
      break;
    case 'matrix':
      result.rows = matrixRows(q, buckets);
      break;
    case 'ranking':
      result.ranking = rankingOptions(q, buckets, answered);
      break;
    default:
      break;
  }
  return result;
}

/** Every question's results, in the survey's order. */
export function surveyResults(questions: readonly Question[], counts: Counts): QuestionResult[] {
  return questions.map((q) => questionResult(q, counts.get(q.key)));
}

/** The results page's filter and the free-text page's search (GET parameters). */
const one = (max: number) =>
  z.preprocess((v) => (Array.isArray(v) ? v[0] : v === '' ? undefined : v), z.string().trim().max(max).optional());
export const ResultsFilterSchema = z.object({
  neighborhood: one(40),
  language: one(10),
  /** Segments (segments.ts): a department's answer sets, or a type's (the request follow-up). */
  department: one(40),
  type: one(40),
  q: one(100),
  after: one(40),
});
export type ResultsFilter = z.infer<typeof ResultsFilterSchema>;

/** The query string of a filter (the cursor only when given), for links between the pages. */
export function resultsQuery(filter: Partial<ResultsFilter>, after?: string | null): string {
  const p = new URLSearchParams();
  for (const key of ['neighborhood', 'language', 'department', 'type', 'q'] as const) if (filter[key]) p.set(key, filter[key]!);
  if (after) p.set('after', after);
  return p.toString();
}

/** The publish switch: `public` is what the results become. */
export const PublishResultsSchema = z.object({ public: z.enum(['true', 'false']).transform((v) => v === 'true') });
