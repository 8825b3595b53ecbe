import type { FieldMetadata } from '@conform-to/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HoneypotInputProps } from 'remix-utils/honeypot/server';
import { FormErrors, PostForm, SubmitButton } from '~/components/ui/forms';
import { useSchemaForm } from '~/lib/use-schema-form';
import { roughValues, type Answers } from '../answers';
import { formValues, pageSchema, withoutSection } from '../answering-schemas';
import { pageQuestions, postToReveal, revealingNumbers } from '../page-conditions';
import { visibleQuestions, type Question } from '../questions';
import { QuestionField } from './question-field';

/**
 * One page (section) of a survey as a form: every question the earlier pages allow, those hidden
 * for the answers so far with `hidden`, decided again as you type with JavaScript (the same
 * `visibleQuestions` the server applies) and without it by the survey's conditions stylesheet
 * (page-conditions.ts). Back and Next (Submit on the last page) are plain submits; the answers so
 * far travel in `carry`.
 */
export function SectionForm({
  questions,
  section,
  answers,
  stamp,
  action,
  lastResult,
  honeypot,
  first,
  last,
}: {
  questions: Question[];
  section: number;
  /** Every answer given so far (this page's too, shown again). */
  answers: Answers;
  stamp: string;
  action: string;
  lastResult: unknown;
  honeypot?: HoneypotInputProps;
  first: boolean;
  last: boolean;
}) {
  const { t, i18n } = useTranslation('surveys');
  const before = useMemo(() => withoutSection(questions, section, answers), [questions, section, answers]);
  const schema = useMemo(() => pageSchema(questions, section, before), [questions, section, before]);
  const [form, fields] = useSchemaForm(schema, {
    id: `survey-section-${section}`,
    lastResult,
    defaultValue: { a: formValues(questions, answers) },
  });
  const posted = ((form.value as { a?: Record<string, unknown> } | undefined)?.a ?? {}) as Record<string, unknown>;
  const onPage = useMemo(() => pageQuestions(questions, section, before), [questions, section, before]);
  const shown = new Set(visibleQuestions(questions, { ...before, ...roughValues(posted) }).map((q) => q.key));
  const waiting = useMemo(() => postToReveal(questions, section), [questions, section]);
  const revealers = useMemo(() => revealingNumbers(questions, section), [questions, section]);
  const answerFields = (fields.a as FieldMetadata<Record<string, unknown>, any, string[]>).getFieldset() as Record<
    string,
    FieldMetadata<any, any, string[]>
  >;
  return (
    <PostForm form={form} honeypot={honeypot} action={action} className="stack">
      <FormErrors form={form} />
      <input type="hidden" name="stamp" value={stamp} />
      <input type="hidden" name="carry" value={JSON.stringify(answers)} />
      <input type="hidden" name="seen" value={[...waiting].filter((key) => shown.has(key)).join(' ')} />
      {onPage.map((q) => (
        <div key={q.key} data-survey-question={q.key} hidden={!shown.has(q.key)}>
          <QuestionField
            question={q}
            field={answerFields[q.key]!}
            lang={i18n.language}
            note={revealers.has(q.key) ? t('answer.mayAddQuestions') : undefined}
          />
        </div>
      ))}
      {onPage.length === 0 ? <p>{t('answer.nothingHere')}</p> : null}
      {/* Next comes first: Enter in a field presses it, not Back. */}
      <div className="actions">
        <SubmitButton name="intent" value="next">
          {last ? t('answer.submit') : t('answer.next')}
        </SubmitButton>
        {first ? null : (
          <button type="submit" name="intent" value="back" className="button button-secondary" formNoValidate>
            {t('answer.back')}
          </button>
        )}
      </div>
    </PostForm>
  );
}
