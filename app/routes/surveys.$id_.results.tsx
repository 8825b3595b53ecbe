import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { pageTitle } from '~/lib/meta';
import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { getLocale } from '~/modules/identity/locale.server';
import { latestEventId } from '~/modules/realtime/publish.server';
import { ReloadOn } from '~/modules/realtime/components/reload-on';
import { roomOf } from '~/modules/realtime/names';
import { SurveyResults } from '~/modules/surveys/components/survey-results';
import { loadSurveyResults } from '~/modules/surveys/guards.server';
import { resultsFilterFromUrl, resultsPage } from '~/modules/surveys/results-queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'surveys:results.metaTitle');

/**
 * A survey's published results, for the residents who may see the survey (canSeeResults), updated
 * live as answers arrive (room `survey:<id>`, joined under the same rule).
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { survey } = await loadSurveyResults(request, context, params.id ?? '', 'residents');
  const filter = resultsFilterFromUrl(new URL(request.url));
  if (!filter) throw refuse(fail.invalid({}));
  // Read before the figures: an answer committed in between is then replayed, not lost.
  const since = await latestEventId();
  const data = await resultsPage(survey, filter, await getLocale(request), false);
  return json({ data, filter, since }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export default function SurveyResultsPage() {
  const { data, filter, since } = useLoaderData<typeof loader>();
  return (
    <>
      <ReloadOn rooms={[roomOf('survey', data.survey.id)]} types={['survey.results']} since={since} />
      <SurveyResults data={data} filter={filter} staff={false} />
    </>
  );
}
