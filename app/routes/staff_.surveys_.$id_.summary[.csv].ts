import type { LoaderFunctionArgs } from '@remix-run/node';
import { csvDownload } from '~/lib/csv.server';
import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { getLocale, getT } from '~/modules/identity/locale.server';
import { loadSurveyResults } from '~/modules/surveys/guards.server';
import { resultsFilterFromUrl, resultsPage } from '~/modules/surveys/results-queries.server';

const COLUMNS = ['question', 'label', 'bucket', 'count', 'percent', 'mean', 'median', 'averagePlace', 'placedFirst'] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], string | number>>;
const percent = (share: number) => Math.round(share * 1000) / 10;
const round = (n: number | null | undefined) => (n === null || n === undefined ? '' : Math.round(n * 100) / 100);

/**
 * /staff/surveys/:id/summary.csv (manage:survey): per question, a row with how many answered it
 * (and the mean and median of a scale or number), then a row per answer with its count and
 * percentage of those who answered. The results page's filter applies, and its small-group rule:
 * a group of an anonymous survey too small to show gives the header only.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { survey } = await loadSurveyResults(request, context, params.id ?? '', 'staff');
  const filter = resultsFilterFromUrl(new URL(request.url));
  if (!filter) throw refuse(fail.invalid({}));
  const [t, lng] = await Promise.all([getT(request, 'surveys'), getLocale(request)]);
  const data = await resultsPage(survey, filter, lng, false);
  const rows: Row[] = [];
  for (const q of data.questions) {
    const base = { question: q.key, label: q.label.text };
    rows.push({ ...base, count: q.answered, mean: round(q.stats?.mean), median: round(q.stats?.median) });
    const answer = (value: string, label: { text: string } | null) =>
      label?.text ?? (q.kind === 'yesNo' ? t(value === 'yes' ? 'results.yes' : 'results.no') : value);
    for (const b of q.bars) rows.push({ ...base, bucket: answer(b.value, b.label), count: b.count, percent: percent(b.share) });
    for (const r of q.rows) {
      const name = answer(r.value, r.label);
      rows.push({ ...base, bucket: name, count: r.answered, mean: round(r.mean) });
      for (const b of r.bars) rows.push({ ...base, bucket: `${name} = ${b.value}`, count: b.count, percent: percent(b.share) });
    }
    for (const o of q.ranking)
      rows.push({
        ...base,
        bucket: answer(o.value, o.label),
        count: o.answered,
        averagePlace: round(o.averagePlace),
        placedFirst: percent(o.firstShare),
      });
  }
  const columns = COLUMNS.map((key) => ({ key, header: t(`results.csv.${key}`) }));
  return csvDownload(
    `survey-${survey.id}-summary.csv`,
    columns,
    rows.map((r) => Object.fromEntries(COLUMNS.map((k) => [k, r[k] ?? ''])) as Record<(typeof COLUMNS)[number], string | number>),
  );
}
