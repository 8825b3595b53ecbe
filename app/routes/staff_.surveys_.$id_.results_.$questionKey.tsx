import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { Pager } from '~/components/ui/pager';
import { pageTitle } from '~/lib/meta';
import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { getLocale } from '~/modules/identity/locale.server';
import { ResultsFilters, TextAnswers } from '~/modules/surveys/components/survey-results';
import { loadSurveyResults } from '~/modules/surveys/guards.server';
import { resultsQuery } from '~/modules/surveys/results';
import { resultsFilterFromUrl, textAnswersPage } from '~/modules/surveys/results-queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'surveys:results.textAnswers');

/**
 * The written answers to one free-text question (staff), searchable (any case) and paged by
 * keyset, in the results' filter; a group too small to show (anonymous survey) lists nothing.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { survey } = await loadSurveyResults(request, context, params.id ?? '', 'staff');
  const filter = resultsFilterFromUrl(new URL(request.url));
  if (!filter) throw refuse(fail.invalid({}));
  const data = await textAnswersPage(survey, params.questionKey ?? '', filter, await getLocale(request));
  if (!data) throw refuse(fail.notFound());
  return json({ data, filter }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export default function SurveyTextAnswers() {
  const { t } = useTranslation('surveys');
  const { data, filter } = useLoaderData<typeof loader>();
  const results = `/staff/surveys/${data.survey.id}/results`;
  const here = `${results}/${data.question.key}`;
  const query = resultsQuery({ ...filter, q: undefined });
  return (
    <div className="stack">
      <p>
        <Link to={`${results}${query ? `?${query}` : ''}`}>{t('results.back')}</Link>
      </p>
      <h1>{t('results.textAnswers')}</h1>
      <p className="lead" lang={data.question.label.lang}>
        {data.question.label.text}
      </p>
      <ResultsFilters data={data} filter={filter} action={here} search />
      {data.hidden ? (
        <p className="notice" role="status">
          {t('results.tooFew', { count: data.minGroup })}
        </p>
      ) : (
        <TextAnswers answers={data.answers} />
      )}
      <Pager
        label={t('results.pages')}
        previous={filter.after ? { to: `${here}?${resultsQuery(filter)}`, label: t('results.first') } : null}
        next={data.nextAfter ? { to: `${here}?${resultsQuery(filter, data.nextAfter)}`, label: t('results.next') } : null}
      />
    </div>
  );
}
