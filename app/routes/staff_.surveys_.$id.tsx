import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { ActionBar } from '~/components/ui/action-bar';
import { languageName, localized, supportedLanguages } from '~/lib/i18n';
import { StatusBadge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { DescriptionList } from '~/components/ui/description-list';
import { IntentForm, replyFor } from '~/components/ui/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatNumber } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { wallTimeOf } from '~/lib/time';
import { getCity } from '~/modules/places/queries.server';
import { audienceChoices } from '~/modules/surveys/builder-queries.server';
import { SurveyPageActionSchema } from '~/modules/surveys/building-schemas';
import { changeSurveyStatus, copySurvey, saveSurveySettings } from '~/modules/surveys/building.server';
import { SurveySettingsForm, SurveyTrail } from '~/modules/surveys/components/builder-settings-form';
import { loadSurveyToManage } from '~/modules/surveys/guards.server';
import { phaseOf } from '~/modules/surveys/policy';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'surveys:builder.settings.pageTitle');

/** A survey's page for staff: its settings, its status (publish, unpublish, archive) and its copies. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { survey, answered } = await loadSurveyToManage(request, context, params.id);
  const [choices, city] = await Promise.all([audienceChoices(), getCity()]);
  const local = (d: Date | null) => (d ? wallTimeOf(d, city.timeZone) : '');
  return json(
    {
      survey: {
        id: survey.id,
        title: survey.title,
        status: survey.status,
        phase: phaseOf(survey),
        version: survey.version,
        previousVersionId: survey.previousVersionId,
        responseCount: survey.responseCount,
        questionCount: survey.questions.length,
        updatedAt: survey.updatedAt.toISOString(),
      },
      values: {
        title: survey.title,
        intro: survey.intro,
        thanks: survey.thanks,
        audience: survey.audience,
        audienceNeighborhoods: survey.audienceNeighborhoods,
        audienceChannelId: survey.audienceChannelId ?? '',
        opensAt: local(survey.opensAt),
        closesAt: local(survey.closesAt),
        anonymous: survey.anonymous ? 'on' : undefined,
      },
      answered,
      timeZone: city.timeZone,
      ...choices,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, survey } = await loadSurveyToManage(request, context, params.id);
  const submission = await readSubmission(request, SurveyPageActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const input = submission.value;
  const result =
    input.intent === 'save'
      ? await saveSurveySettings(caller, survey.id, input)
      : input.intent === 'newVersion' || input.intent === 'duplicate'
        ? await copySurvey(caller, survey.id, input.intent)
        : await changeSurveyStatus(caller, survey.id, input.intent);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(
    `/staff/surveys/${result.value.id}`,
    { kind: 'success', key: `surveys:builder.flash.${input.intent}` },
    { status: 303 },
  );
}

export default function SurveySettingsPage() {
  const { t, i18n } = useTranslation('surveys');
  const { survey, values, answered, timeZone, neighborhoods, channels } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const lng = i18n.language;
  const title = localized(survey.title, lng).text;
  const statusButtons = [
    survey.status === 'draft' ? 'publish' : null,
    survey.status === 'published' && !answered ? 'unpublish' : null,
    survey.status !== 'archived' ? 'archive' : null,
  ].filter((b): b is string => !!b);
  /** A status or copy button of the page, its own errors above it. */
  const intentButton = (intent: string) => (
    <IntentForm
      key={intent}
      schema={SurveyPageActionSchema}
      intent={intent}
      id={`survey-${intent}`}
      secondary
      label={t(`builder.actions.${intent}`)}
      lastResult={lastResult}
    />
  );
  return (
    <div className="stack">
      <SurveyTrail />
      <h1>{title}</h1>
      <DescriptionList
        items={[
          {
            key: 'status',
            term: t('builder.list.status'),
            value: <StatusBadge status={survey.status} label={t(`builder.statuses.${survey.status}`)} />,
          },
          { key: 'phase', term: t('builder.list.phase'), value: t(`builder.phases.${survey.phase}`) },
          { key: 'version', term: t('builder.list.version'), value: formatNumber(survey.version, lng) },
          { key: 'answers', term: t('builder.list.answers'), value: formatNumber(survey.responseCount, lng) },
          { key: 'questions', term: t('builder.questions.count'), value: formatNumber(survey.questionCount, lng) },
        ]}
      />
      <ActionBar label={t('builder.settings.pages')}>
        <Link to={`/staff/surveys/${survey.id}/questions`} className="button">
          {t('builder.questions.title')}
        </Link>
        <Link to={`/staff/surveys/${survey.id}/results`} className="button button-secondary">
          {t('results.link')}
        </Link>
        {supportedLanguages.map((l) => (
          <Link key={l} to={`/staff/surveys/${survey.id}/preview?lang=${l}`} className="button button-secondary" hrefLang={l}>
            {t('builder.preview.inLanguage', { language: languageName(l) })}
          </Link>
        ))}
      </ActionBar>
      <Card title={t('builder.settings.statusTitle')} id="survey-status">
        <p>{t(`builder.settings.statusHint.${survey.status}`)}</p>
        <ActionBar label={t('builder.settings.statusTitle')}>{statusButtons.map(intentButton)}</ActionBar>
      </Card>
      <Card title={t('builder.settings.copiesTitle')} id="survey-copies">
        <p>{t('builder.settings.copiesHint')}</p>
        <ActionBar label={t('builder.settings.copiesTitle')}>{(['newVersion', 'duplicate'] as const).map(intentButton)}</ActionBar>
      </Card>
      <Card title={t('builder.settings.heading')} id="survey-settings-card">
        <SurveySettingsForm
          lastResult={replyFor(lastResult, 'save')}
          defaultValue={values}
          updatedAt={survey.updatedAt}
          neighborhoods={neighborhoods}
          channels={channels}
          answered={answered}
          timeZone={timeZone}
        />
      </Card>
    </div>
  );
}
