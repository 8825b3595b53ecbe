import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { pageTitle } from '~/lib/meta';
import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { getLocale } from '~/modules/identity/locale.server';
import { SurveyResults } from '~/modules/surveys/components/survey-results';
import { loadSurveyResults } from '~/modules/surveys/guards.server';
import { resultsFilterFromUrl, resultsPage } from '~/modules/surveys/results-queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'surveys:results.metaTitle');

/** A survey's published results, for the residents who may see the survey (canSeeResults). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { survey } = await loadSurveyResults(request, context, params.id ?? '', 'residents');
  const filter = resultsFilterFromUrl(new URL(request.url));
  if (!filter) throw refuse(fail.invalid({}));
  const data = await resultsPage(survey, filter, await getLocale(request), false);
  return json({ data, filter }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export default function SurveyResultsPage() {
  const { data, filter } = useLoaderData<typeof loader>();
  return <SurveyResults data={data} filter={filter} staff={false} />;
}
