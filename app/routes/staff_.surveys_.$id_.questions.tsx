import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { ActionBar } from '~/components/ui/action-bar';
import { Card } from '~/components/ui/card';
import { DataTable } from '~/components/ui/data-table';
import { FormErrors, LocalizedTextField, PostForm, SubmitButton } from '~/components/ui/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { QuestionsPageActionSchema } from '~/modules/surveys/building-schemas';
import { changeStructure } from '~/modules/surveys/building.server';
import { BuilderLocked } from '~/modules/surveys/components/builder-locked';
import { SurveyTrail } from '~/modules/surveys/components/builder-settings-form';
import { loadSurveyToManage } from '~/modules/surveys/guards.server';
import { byPosition, type Question } from '~/modules/surveys/questions';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'surveys:builder.questions.title');

type Section = { title?: Record<string, string> };

/** A survey's sections (pages) and their questions, with the buttons that add, move and remove them. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { survey, answered } = await loadSurveyToManage(request, context, params.id);
  const stored = (Array.isArray(survey.sections) ? survey.sections : []) as Section[];
  const count = Math.max(1, stored.length, ...survey.questions.map((q) => q.section));
  const questions = [...survey.questions].sort(byPosition);
  const sections = Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    title: stored[i]?.title ?? {},
    questions: questions.filter((q) => q.section === i + 1),
  }));
  return json(
    { survey: { id: survey.id, title: survey.title, updatedAt: survey.updatedAt.toISOString() }, sections, answered },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, survey } = await loadSurveyToManage(request, context, params.id);
  const submission = await readSubmission(request, QuestionsPageActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await changeStructure(caller, survey.id, submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(
    `/staff/surveys/${survey.id}/questions`,
    { kind: 'success', key: 'surveys:builder.flash.structure' },
    { status: 303 },
  );
}

/** A small form posting one intent (move, remove) with the survey's version. */
function Button({
  intent,
  updatedAt,
  fields,
  label,
}: {
  intent: string;
  updatedAt: string;
  fields: Record<string, string>;
  label: string;
}) {
  return (
    <PostForm className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="updatedAt" value={updatedAt} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton className="button button-small button-secondary">{label}</SubmitButton>
    </PostForm>
  );
}

/** The reply for one section's title form only (every section has one). */
function replyForSection(lastResult: unknown, intent: string, section?: number) {
  const initial = (lastResult as { initialValue?: Record<string, unknown> } | undefined)?.initialValue;
  return initial?.intent === intent && (section === undefined || initial.section === String(section)) ? lastResult : undefined;
}

function SectionTitleForm({
  intent,
  section,
  title,
  updatedAt,
  lastResult,
  submit,
}: {
  intent: 'renameSection' | 'addSection';
  section?: number;
  title: Record<string, string>;
  updatedAt: string;
  lastResult: unknown;
  submit: string;
}) {
  const { t } = useTranslation('surveys');
  const [form, fields] = useSchemaForm(QuestionsPageActionSchema, {
    lastResult: replyForSection(lastResult, intent, section),
    id: `${intent}-${section ?? 'new'}`,
    defaultValue: { intent, title, section: section?.toString() },
  });
  const f = fields as unknown as Record<string, Parameters<typeof LocalizedTextField>[0]['field']>;
  return (
    <PostForm form={form}>
      <FormErrors form={form} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="updatedAt" value={updatedAt} />
      {section ? <input type="hidden" name="section" value={section} /> : null}
      <LocalizedTextField label={t('builder.sections.titleLabel')} hint={t('builder.sections.titleHint')} field={f.title} />
      <SubmitButton className="button button-secondary">{submit}</SubmitButton>
    </PostForm>
  );
}

export default function SurveyQuestionsPage() {
  const { t, i18n } = useTranslation('surveys');
  const { survey, sections, answered } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const lng = i18n.language;
  const [form] = useSchemaForm(QuestionsPageActionSchema, {
    lastResult: ['renameSection', 'addSection'].includes(
      String((lastResult as { initialValue?: { intent?: string } } | undefined)?.initialValue?.intent),
    )
      ? undefined
      : lastResult,
    id: 'structure',
  });
  const base = `/staff/surveys/${survey.id}`;
  const { updatedAt } = survey;
  const sectionName = (s: { number: number; title: Record<string, string> }) =>
    localized(s.title, lng).text || t('builder.sections.number', { number: s.number });
  return (
    <div className="stack">
      <SurveyTrail survey={survey} />
      <h1>
        {t('builder.questions.title')}: {localized(survey.title, lng).text}
      </h1>
      <FormErrors form={form} />
      {answered ? <BuilderLocked surveyId={survey.id} /> : <p>{t('builder.questions.intro')}</p>}
      <p>
        <Link to={`${base}/preview?lang=${lng}`}>{t('builder.preview.link')}</Link>
      </p>
      {sections.map((s) => (
        <Card key={s.number} title={sectionName(s)} id={`section-${s.number}`} boxed>
          <DataTable<Question>
            caption={t('builder.questions.caption', { section: sectionName(s) })}
            captionHidden
            rows={s.questions as Question[]}
            rowKey={(q) => q.key}
            empty={t('builder.questions.empty')}
            columns={[
              {
                key: 'label',
                header: t('builder.question.label'),
                rowHeader: true,
                cell: (q) =>
                  answered ? localized(q.label, lng).text : <Link to={`${base}/questions/${q.key}`}>{localized(q.label, lng).text}</Link>,
              },
              { key: 'key', header: t('builder.question.key'), cell: (q) => <code>{q.key}</code> },
              { key: 'kind', header: t('builder.question.kind'), cell: (q) => t(`builder.kinds.${q.kind}`) },
              { key: 'required', header: t('builder.question.required'), cell: (q) => (q.required ? t('builder.yes') : t('builder.no')) },
              {
                key: 'condition',
                header: t('builder.question.condition'),
                cell: (q) =>
                  q.condition
                    ? t('builder.questions.shownIf', {
                        question: q.condition.question,
                        op: t(`builder.ops.${q.condition.op}`),
                        value: q.condition.value,
                      })
                    : '—',
              },
              ...(answered
                ? []
                : [
                    {
                      key: 'actions',
                      header: t('builder.questions.actions'),
                      cell: (q: Question) => (
                        <ActionBar label={t('builder.questions.actionsFor', { key: q.key })}>
                          <Button
                            intent="questionUp"
                            updatedAt={updatedAt}
                            fields={{ key: q.key }}
                            label={t('builder.actions.up', { name: q.key })}
                          />
                          <Button
                            intent="questionDown"
                            updatedAt={updatedAt}
                            fields={{ key: q.key }}
                            label={t('builder.actions.down', { name: q.key })}
                          />
                          <Button
                            intent="removeQuestion"
                            updatedAt={updatedAt}
                            fields={{ key: q.key }}
                            label={t('builder.actions.remove', { name: q.key })}
                          />
                        </ActionBar>
                      ),
                    },
                  ]),
            ]}
          />
          {answered ? null : (
            <>
              <p>
                <Link to={`${base}/questions/new?section=${s.number}`} className="button">
                  {t('builder.questions.add', { section: sectionName(s) })}
                </Link>
              </p>
              <ActionBar label={t('builder.sections.actionsFor', { section: sectionName(s) })}>
                <Button
                  intent="sectionUp"
                  updatedAt={updatedAt}
                  fields={{ section: String(s.number) }}
                  label={t('builder.actions.up', { name: sectionName(s) })}
                />
                <Button
                  intent="sectionDown"
                  updatedAt={updatedAt}
                  fields={{ section: String(s.number) }}
                  label={t('builder.actions.down', { name: sectionName(s) })}
                />
                {s.questions.length === 0 && sections.length > 1 ? (
                  <Button
                    intent="removeSection"
                    updatedAt={updatedAt}
                    fields={{ section: String(s.number) }}
                    label={t('builder.actions.remove', { name: sectionName(s) })}
                  />
                ) : null}
              </ActionBar>
              <details>
                <summary>{t('builder.sections.rename')}</summary>
                <SectionTitleForm
                  intent="renameSection"
                  section={s.number}
                  title={s.title}
                  updatedAt={updatedAt}
                  lastResult={lastResult}
                  submit={t('builder.sections.renameSubmit')}
                />
              </details>
            </>
          )}
        </Card>
      ))}
      {answered ? null : (
        <Card title={t('builder.sections.add')} id="add-section">
          <SectionTitleForm
            intent="addSection"
            title={{}}
            updatedAt={updatedAt}
            lastResult={lastResult}
            submit={t('builder.sections.addSubmit')}
          />
        </Card>
      )}
    </div>
  );
}
