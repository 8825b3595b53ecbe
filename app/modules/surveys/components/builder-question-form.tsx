import type { FieldMetadata } from '@conform-to/react';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ErrorText,
  FormErrors,
  LocalizedTextField,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
  CheckboxField,
} from '~/components/ui/forms';
import { localized } from '~/lib/i18n';
import { useSchemaForm } from '~/lib/use-schema-form';
import { QuestionFormSchema } from '../building-schemas';
import { CONDITION_OPS, QUESTION_KINDS, type Question } from '../questions';
import { BuilderLocked } from './builder-locked';
import { SurveyTrail } from './builder-settings-form';

type Field = FieldMetadata<any, any, string[]>;
type Fields = Record<string, Field>;

/**
 * The question editor (add and edit): the question's texts in every language, then the fields of
 * each kind (a field that does not apply to the chosen kind is ignored), and an optional display
 * condition on an earlier question. Choice rows come with blank spare rows, so choices can be
 * added without JavaScript. Without `fixedKey` the key is asked for (a new question).
 */
export function QuestionEditorForm({
  lastResult,
  defaultValue,
  updatedAt,
  sections,
  earlier,
  fixedKey,
  locked,
  submit,
}: {
  lastResult?: unknown;
  defaultValue: Record<string, unknown>;
  updatedAt: string;
  /** The number of sections (pages). */
  sections: number;
  /** The questions a condition may depend on. */
  earlier: Pick<Question, 'key' | 'label'>[];
  fixedKey?: string;
  locked: boolean;
  submit: string;
}) {
  const { t, i18n } = useTranslation('surveys');
  const [form, fields] = useSchemaForm(QuestionFormSchema, {
    lastResult,
    id: 'question-editor',
    defaultValue: fixedKey ? { ...defaultValue, key: fixedKey } : defaultValue,
  });
  const f = fields as unknown as Fields;
  const scale = (f.scale as FieldMetadata<Record<string, unknown>, any, string[]>).getFieldset() as unknown as Fields;
  const condition = (f.condition as FieldMetadata<Record<string, unknown>, any, string[]>).getFieldset() as unknown as Fields;
  const rowsOf = (field: Field, legend: string, hint: string, item: (n: number) => string) => (
    <fieldset id={field.id} aria-describedby={[`${field.id}-hint`, field.errors?.length ? field.errorId : null].filter(Boolean).join(' ')}>
      <legend>{legend}</legend>
      <p className="hint" id={`${field.id}-hint`}>
        {hint}
      </p>
      <ErrorText messages={field.errors} id={field.errorId} />
      {(field as FieldMetadata<Record<string, unknown>[], any, string[]>).getFieldList().map((row, i) => {
        const parts = row.getFieldset() as unknown as Fields;
        return (
          <fieldset key={row.key} className="option-row">
            <legend>{item(i + 1)}</legend>
            <TextField label={t('builder.question.value')} field={parts.value} maxLength={40} autoComplete="off" />
            <LocalizedTextField label={t('builder.question.choiceLabel')} field={parts.label} />
          </fieldset>
        );
      })}
    </fieldset>
  );
  return (
    <PostForm form={form}>
      <FormErrors form={form} />
      <input type="hidden" name="updatedAt" value={updatedAt} />
      <fieldset disabled={locked}>
        <legend className="visually-hidden">{t('builder.question.legend')}</legend>
        {fixedKey ? (
          <p>
            <strong>{t('builder.question.keyFixed')}:</strong> <code>{fixedKey}</code>
            <input type="hidden" name="key" value={fixedKey} />
          </p>
        ) : (
          <TextField
            label={t('builder.question.key')}
            hint={t('builder.question.keyHint')}
            field={f.key}
            maxLength={40}
            autoComplete="off"
          />
        )}
        <SelectField
          label={t('builder.question.kind')}
          hint={t('builder.question.kindHint')}
          field={f.kind}
          options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`builder.kinds.${k}`) }))}
        />
        <SelectField
          label={t('builder.question.section')}
          field={f.section}
          options={Array.from({ length: sections }, (_, i) => ({
            value: String(i + 1),
            label: t('builder.sections.number', { number: i + 1 }),
          }))}
        />
        <CheckboxField label={t('builder.question.required')} field={f.required} />
        <LocalizedTextField label={t('builder.question.label')} field={f.label} required="all" multiline />
        <LocalizedTextField label={t('builder.question.hint')} hint={t('builder.errors.everyLanguage')} field={f.hint} />
        {rowsOf(f.options, t('builder.question.options'), t('builder.question.optionsHint'), (n) =>
          t('builder.question.option', { number: n }),
        )}
        <fieldset>
          <legend>{t('builder.question.choices')}</legend>
          <p className="hint">{t('builder.question.choicesHint')}</p>
          <TextField label={t('builder.question.minChoices')} field={f.minChoices} type="number" inputMode="numeric" min={0} />
          <TextField label={t('builder.question.maxChoices')} field={f.maxChoices} type="number" inputMode="numeric" min={1} />
        </fieldset>
        <fieldset id={f.scale.id} aria-describedby={f.scale.errors?.length ? f.scale.errorId : undefined}>
          <legend>{t('builder.question.scale')}</legend>
          <p className="hint">{t('builder.question.scaleHint')}</p>
          <ErrorText messages={f.scale.errors} id={f.scale.errorId} />
          <SelectField label={t('builder.question.scaleMin')} field={scale.min} options={['0', '1'].map((v) => ({ value: v, label: v }))} />
          <SelectField
            label={t('builder.question.scaleMax')}
            field={scale.max}
            options={Array.from({ length: 9 }, (_, i) => String(i + 2)).map((v) => ({ value: v, label: v }))}
          />
          <LocalizedTextField label={t('builder.question.minLabel')} field={scale.minLabel} />
          <LocalizedTextField label={t('builder.question.maxLabel')} field={scale.maxLabel} />
        </fieldset>
        {rowsOf(f.rows, t('builder.question.rows'), t('builder.question.rowsHint'), (n) => t('builder.question.row', { number: n }))}
        <fieldset>
          <legend>{t('builder.question.range')}</legend>
          <p className="hint">{t('builder.question.rangeHint')}</p>
          <TextField label={t('builder.question.min')} field={f.min} type="number" step="any" />
          <TextField label={t('builder.question.max')} field={f.max} type="number" step="any" />
        </fieldset>
        <fieldset id={f.condition.id} aria-describedby={f.condition.errors?.length ? f.condition.errorId : undefined}>
          <legend>{t('builder.question.condition')}</legend>
          <p className="hint">{t('builder.question.conditionHint')}</p>
          <ErrorText messages={f.condition.errors} id={f.condition.errorId} />
          <SelectField
            label={t('builder.question.conditionQuestion')}
            field={condition.question}
            options={[
              { value: '', label: t('builder.question.always') },
              ...earlier.map((q) => ({ value: q.key, label: `${q.key}: ${localized(q.label, i18n.language).text}` })),
            ]}
          />
          <SelectField
            label={t('builder.question.conditionOp')}
            field={condition.op}
            options={[{ value: '', label: '—' }, ...CONDITION_OPS.map((op) => ({ value: op, label: t(`builder.ops.${op}`) }))]}
          />
          <TextField
            label={t('builder.question.conditionValue')}
            hint={t('builder.question.conditionValueHint')}
            field={condition.value}
            maxLength={40}
          />
        </fieldset>
        <SubmitButton>{submit}</SubmitButton>
      </fieldset>
    </PostForm>
  );
}

/** The add and edit question pages: the trail, the heading, the lock notice once answered, and the editor. */
export function QuestionEditorPage({
  survey,
  heading,
  intro,
  ...form
}: { survey: { id: string; title: unknown }; heading: string; intro?: string } & Omit<
  ComponentProps<typeof QuestionEditorForm>,
  'updatedAt'
> & {
    updatedAt: string;
  }) {
  const { t } = useTranslation('surveys');
  return (
    <div className="stack">
      <SurveyTrail survey={survey} here={{ to: `/staff/surveys/${survey.id}/questions`, label: t('builder.questions.title') }} />
      <h1>{heading}</h1>
      {form.locked ? <BuilderLocked surveyId={survey.id} /> : intro ? <p>{intro}</p> : null}
      <QuestionEditorForm {...form} />
    </div>
  );
}
