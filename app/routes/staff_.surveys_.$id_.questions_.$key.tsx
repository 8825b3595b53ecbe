import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { redirectWithFlash } from '~/lib/flash.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { QuestionFormSchema, questionFormValues } from '~/modules/surveys/building-schemas';
import { changeStructure } from '~/modules/surveys/building.server';
import { QuestionEditorPage } from '~/modules/surveys/components/builder-question-form';
import { loadSurveyToManage } from '~/modules/surveys/guards.server';
import { editorContext } from '~/modules/surveys/builder-queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'surveys:builder.question.editTitle');

/** One question of a survey, edited (its key is fixed); read-only once anyone has answered. */
async function load(request: Request, context: unknown, id: string | undefined, key: string | undefined) {
  const loaded = await loadSurveyToManage(request, context, id);
  const question = loaded.survey.questions.find((q) => q.key === key);
  if (!question) throw refuse(fail.notFound());
  return { ...loaded, question };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { survey, answered, question } = await load(request, context, params.id, params.key);
  const { sections, earlier } = editorContext(survey, question.key);
  return json(
    {
      survey: { id: survey.id, title: survey.title, updatedAt: survey.updatedAt.toISOString() },
      question: { key: question.key, label: question.label },
      sections,
      earlier,
      answered,
      values: questionFormValues(question),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, survey, question } = await load(request, context, params.id, params.key);
  const submission = await readSubmission(request, QuestionFormSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await changeStructure(caller, survey.id, { intent: 'saveQuestion', key: question.key, ...submission.value });
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(
    `/staff/surveys/${survey.id}/questions`,
    { kind: 'success', key: 'surveys:builder.flash.questionSaved', values: { key: question.key } },
    { status: 303 },
  );
}

export default function EditSurveyQuestion() {
  const { t, i18n } = useTranslation('surveys');
  const { survey, question, sections, earlier, answered, values } = useLoaderData<typeof loader>();
  return (
    <QuestionEditorPage
      survey={survey}
      heading={`${t('builder.question.editTitle')}: ${localized(question.label, i18n.language).text}`}
      lastResult={useActionData<typeof action>()}
      defaultValue={values}
      updatedAt={survey.updatedAt}
      sections={sections}
      earlier={earlier}
      fixedKey={question.key}
      locked={answered}
      submit={t('builder.question.save')}
    />
  );
}
