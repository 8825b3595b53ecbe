import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { QuestionFormSchema, questionFormValues } from '~/modules/surveys/building-schemas';
import { changeStructure } from '~/modules/surveys/building.server';
import { QuestionEditorPage } from '~/modules/surveys/components/builder-question-form';
import { loadSurveyToManage } from '~/modules/surveys/guards.server';
import { editorContext } from '~/modules/surveys/builder-queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'surveys:builder.question.addTitle');

/** A new question, added at the end of a section (`?section=N`). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { survey, answered } = await loadSurveyToManage(request, context, params.id);
  const { sections, earlier } = editorContext(survey, null);
  const asked = Number(new URL(request.url).searchParams.get('section'));
  const section = Number.isInteger(asked) && asked >= 1 && asked <= sections ? asked : 1;
  return json(
    {
      survey: { id: survey.id, title: survey.title, updatedAt: survey.updatedAt.toISOString() },
      sections,
      earlier,
      answered,
      values: questionFormValues({ section }),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, survey } = await loadSurveyToManage(request, context, params.id);
  const submission = await readSubmission(request, QuestionFormSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await changeStructure(caller, survey.id, { intent: 'saveQuestion', key: null, ...submission.value });
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(
    `/staff/surveys/${survey.id}/questions`,
    { kind: 'success', key: 'surveys:builder.flash.questionAdded', values: { key: submission.value.question.key } },
    { status: 303 },
  );
}

export default function NewSurveyQuestion() {
  const { t } = useTranslation('surveys');
  const { survey, sections, earlier, answered, values } = useLoaderData<typeof loader>();
  return (
    <QuestionEditorPage
      survey={survey}
      heading={t('builder.question.addTitle')}
      intro={t('builder.question.intro')}
      lastResult={useActionData<typeof action>()}
      defaultValue={values}
      updatedAt={survey.updatedAt}
      sections={sections}
      earlier={earlier}
      locked={answered}
      submit={t('builder.question.add')}
    />
  );
}
