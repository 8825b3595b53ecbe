import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { DescriptionList } from '~/components/ui/description-list';
import { formatDateTime } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { answeredHere } from '~/modules/surveys/answered-cookie.server';
import { getDraft, hasAnswered } from '~/modules/surveys/answering-queries.server';
import { loadSurvey } from '~/modules/surveys/guards.server';
import { inAudience, phaseOf } from '~/modules/surveys/policy';
import { sectionNumbers } from '~/modules/surveys/questions';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: string } | undefined;
  return pageTitle(matches, 'surveys:answer.pageTitle', { title: data ? localized(data.title, root?.locale ?? 'en').text : '' });
};

/** A survey's front page: what it is about, its dates, what anonymous means, and Start or Continue. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { survey, user, member } = await loadSurvey(request, context, params.id ?? '');
  const eligible = inAudience(user, survey, member);
  const answered = user ? await hasAnswered(survey.id, user.id) : (await answeredHere(request)).includes(survey.id);
  const draft = user && eligible && !answered ? await getDraft(survey.id, user.id) : null;
  const url = new URL(request.url);
  return json({
    id: survey.id,
    title: survey.title,
    intro: survey.intro,
    anonymous: survey.anonymous,
    opensAt: survey.opensAt,
    closesAt: survey.closesAt,
    phase: phaseOf(survey),
    answered,
    eligible,
    signInFirst: !user && survey.audience !== 'public',
    signInHref: `/signin?redirectTo=${encodeURIComponent(url.pathname)}`,
    start: draft?.section ?? sectionNumbers(survey.questions)[0] ?? 1,
    continuing: !!draft,
    resultsPublic: survey.resultsPublic,
  });
}

export default function SurveyPage() {
  const { t, i18n } = useTranslation('surveys');
  const { city } = useRootData();
  const data = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const title = localized(data.title, lng);
  const intro = localized(data.intro, lng);
  const when = (value: string | null) => (value ? formatDateTime(value, lng, city.timeZone, 'long') : null);
  return (
    <div className="stack">
      <p>
        <Link to="/surveys">{t('answer.allSurveys')}</Link>
      </p>
      <h1 lang={title.fellBack ? title.lang : undefined}>{title.text}</h1>
      {title.fellBack || (intro.text && intro.fellBack) ? <p className="muted">{t('common:fallbackNote')}</p> : null}
      {intro.text ? (
        <p className="prose" lang={intro.fellBack ? intro.lang : undefined}>
          {intro.text}
        </p>
      ) : null}
      <DescriptionList
        items={[
          { key: 'opens', term: t('answer.opens'), value: when(data.opensAt) },
          { key: 'closes', term: t('answer.closes'), value: when(data.closesAt) },
          { key: 'anonymous', term: t('answer.anonymity'), value: data.anonymous ? t('answer.anonymous') : t('answer.notAnonymous') },
        ]}
      />
      <p className="hint">{data.anonymous ? t('answer.anonymousExplained') : t('answer.notAnonymousExplained')}</p>
      <SurveyAction data={data} />
      {data.resultsPublic ? (
        <p>
          <Link to={`/surveys/${data.id}/results`}>{t('results.link')}</Link>
        </p>
      ) : null}
    </div>
  );
}

function SurveyAction({ data }: { data: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const { t } = useTranslation('surveys');
  const note = (text: string) => (
    <div role="status" className="alert alert-info">
      <p>{text}</p>
    </div>
  );
  if (data.answered) return note(t('answer.alreadyAnswered'));
  if (data.phase === 'notYet') return note(t('answer.notYetOpen'));
  if (data.phase !== 'open') return note(t('answer.closed'));
  if (data.signInFirst)
    return (
      <div role="status" className="alert alert-info">
        <p>{t('answer.signInFirst')}</p>
        <p>
          <Link className="button" to={data.signInHref}>
            {t('answer.signIn')}
          </Link>
        </p>
      </div>
    );
  if (!data.eligible) return note(t('answer.notInAudience'));
  return (
    <p>
      <Link className="button" to={`/surveys/${data.id}/${data.start}`}>
        {data.continuing ? t('answer.continue') : t('answer.start')}
      </Link>
    </p>
  );
}
