import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { getLocale } from '~/modules/identity/locale.server';
import { latestEventId } from '~/modules/realtime/publish.server';
import { SurveyResults } from '~/modules/surveys/components/survey-results';
import { ReloadOn } from '~/modules/realtime/components/reload-on';
import { roomOf } from '~/modules/realtime/names';
import { loadSurveyResults } from '~/modules/surveys/guards.server';
import { PublishResultsSchema } from '~/modules/surveys/results';
import { resultsFilterFromUrl, resultsPage } from '~/modules/surveys/results-queries.server';
import { publishResults } from '~/modules/surveys/results.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'surveys:results.metaTitle');

/**
 * A survey's results for staff (manage:survey): figures from the tallies, filtered by GET
 * parameters, updated live as answers arrive (room `survey:<id>`); the switch that publishes
 * them to residents; the CSV downloads.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { survey } = await loadSurveyResults(request, context, params.id ?? '', 'staff');
  const filter = resultsFilterFromUrl(new URL(request.url));
  if (!filter) throw refuse(fail.invalid({}));
  // Read before the figures: an answer committed in between is then replayed, not lost.
  const since = await latestEventId();
  const data = await resultsPage(survey, filter, await getLocale(request), true);
  return json({ data, filter, since }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { caller, survey } = await loadSurveyResults(request, context, params.id ?? '', 'staff');
  const submission = await readSubmission(request, PublishResultsSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await publishResults(caller, survey.id, submission.value.public);
  if (!result.ok) return respondToForm(submission, result);
  const key = result.value.resultsPublic ? 'surveys:results.published' : 'surveys:results.withdrawn';
  return redirectWithFlash(`/staff/surveys/${survey.id}/results`, { kind: 'success', key }, { status: 303 });
}

export default function StaffSurveyResults() {
  const { data, filter, since } = useLoaderData<typeof loader>();
  return (
    <>
      <ReloadOn rooms={[roomOf('survey', data.survey.id)]} types={['survey.results']} since={since} />
      <SurveyResults data={data} filter={filter} staff />
    </>
  );
}
