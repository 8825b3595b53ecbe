import type { LoaderFunctionArgs } from '@remix-run/node';
import { csvDownload } from '~/lib/csv.server';
import { getLocale, getT } from '~/modules/identity/locale.server';
import { loadSurveyResults } from '~/modules/surveys/guards.server';
import { answerColumns } from '~/modules/surveys/results-csv';
import { exportResponses, neighborhoodNames } from '~/modules/surveys/results-queries.server';

/**
 * /staff/surveys/:id/answers.csv (manage:survey): one row per answer set, streamed in keyset
 * batches. Never who answered: no user, no e-mail, no time finer than the day (a survey that is
 * not anonymous gets a running respondent number, nothing more). Formula-looking cells escaped.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { survey } = await loadSurveyResults(request, context, params.id ?? '', 'staff');
  const [t, lng] = await Promise.all([getT(request, 'surveys'), getLocale(request)]);
  const places = await neighborhoodNames(lng);
  const questions = answerColumns(survey.questions);
  const fixed = [
    { key: 'response', header: t('results.csv.response') },
    ...(survey.anonymous ? [] : [{ key: 'respondent', header: t('results.csv.respondent') }]),
    { key: 'day', header: t('results.csv.day') },
    { key: 'language', header: t('results.csv.language') },
    { key: 'neighborhood', header: t('results.csv.neighborhood') },
  ];
  const columns = [...fixed, ...questions.map((c, i) => ({ key: `c${i}`, header: c.header }))];
  async function* rows() {
    let n = 0;
    for await (const r of exportResponses(survey.id)) {
      const answers = (r.answers ?? {}) as Record<string, unknown>;
      const row: Record<string, string | number> = {
        response: r.id,
        day: r.submittedOn,
        language: r.language,
        neighborhood: r.neighborhoodId ? (places.get(r.neighborhoodId) ?? '') : '',
      };
      if (!survey.anonymous) row.respondent = ++n;
      questions.forEach((c, i) => (row[`c${i}`] = c.cell(answers)));
      yield row;
    }
  }
  return csvDownload(`survey-${survey.id}-answers.csv`, columns, rows());
}
