import type { FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { ErrorText, Hint, TextArea, TextField } from '~/components/ui/forms';
import { localized } from '~/lib/i18n';
import { ChoiceGroup } from '~/modules/requests/components/answer-fields';
import { scaleValues, TEXT_MAX, type Question } from '../questions';

type Field = FieldMetadata<any, any, string[]>;

/**
 * One survey question as form controls, in the reader's language (`lang`): its Conform field is
 * the answer `a.<key>` (a matrix's rows `a.<key>.<row>`, a ranking's options `a.<key>.<option>`).
 * Groups are a fieldset whose legend is the question; hints and errors are tied to the controls.
 * `defaultValue` is shown when the form has no value of its own for the question.
 */
export function QuestionField({
  question: q,
  field,
  lang,
  defaultValue,
  note,
}: {
  question: Question;
  field: Field;
  lang: string;
  defaultValue?: unknown;
  /** A sentence from the page added to the question's hint. */
  note?: string;
}) {
  const { t } = useTranslation('surveys');
  const text = (value: unknown) => localized(value, lang).text;
  const label = `${text(q.label)}${q.required ? '' : ` ${t('answer.optional')}`}`;
  const hint = [q.hint ? text(q.hint) : '', note ?? ''].filter(Boolean).join(' ') || undefined;
  const kept = field.initialValue ?? defaultValue;
  const plain = typeof kept === 'string' ? kept : undefined;
  const options = (q.options ?? []).map((o) => ({ value: o.value, label: text(o.label) }));
  switch (q.kind) {
    case 'text':
      return <TextField field={field} label={label} hint={hint} required={q.required} maxLength={TEXT_MAX.text} defaultValue={plain} />;
    case 'longText':
      return (
        <TextArea
          field={field}
          label={label}
          hint={hint}
          required={q.required}
          maxLength={TEXT_MAX.longText}
          rows={5}
          defaultValue={plain}
        />
      );
    case 'number':
      return (
        <TextField field={field} label={label} hint={hint} required={q.required} inputMode="decimal" maxLength={20} defaultValue={plain} />
      );
    case 'date':
      return <TextField field={field} label={label} hint={hint} required={q.required} type="date" defaultValue={plain} />;
    case 'yesNo':
      return (
        <ChoiceGroup
          type="radio"
          field={field}
          label={label}
          hint={hint}
          options={[
            { value: 'yes', label: t('answer.yes') },
            { value: 'no', label: t('answer.no') },
          ]}
        />
      );
    case 'singleChoice':
      return <ChoiceGroup type="radio" field={field} label={label} hint={hint} options={options} />;
    case 'multipleChoice':
      return <ChoiceGroup type="checkbox" field={field} label={label} hint={hint ?? choicesHint(q, t)} options={options} />;
    case 'rating':
      return (
        <Group field={field} label={label} hint={hint}>
          <ScaleRadios question={q} field={field} lang={lang} kept={plain} />
        </Group>
      );
    case 'matrix': {
      const rows = (field as FieldMetadata<Record<string, unknown>, any, string[]>).getFieldset() as Record<string, Field>;
      const keptRows = (kept ?? {}) as Record<string, unknown>;
      return (
        <Group field={field} label={label} hint={hint}>
          {(q.rows ?? []).map((row) => {
            const rowField = rows[row.value]!;
            const value = rowField.initialValue ?? keptRows[row.value];
            return (
              <fieldset key={row.value} className="field choice-group matrix-row" id={rowField.id}>
                <legend>{text(row.label)}</legend>
                <ScaleRadios question={q} field={rowField} lang={lang} kept={typeof value === 'string' ? value : undefined} />
                <ErrorText messages={rowField.errors} id={rowField.errorId} />
              </fieldset>
            );
          })}
        </Group>
      );
    }
    case 'ranking': {
      const ranks = (field as FieldMetadata<Record<string, unknown>, any, string[]>).getFieldset() as Record<string, Field>;
      const keptRanks = (kept ?? {}) as Record<string, unknown>;
      const places = options.map((_, i) => String(i + 1));
      return (
        <Group field={field} label={label} hint={hint ?? t('answer.rankHint', { count: options.length })}>
          {options.map((o) => {
            const rank = ranks[o.value]!;
            const value = rank.initialValue ?? keptRanks[o.value];
            return (
              <div key={o.value} className="field field-inline">
                <label htmlFor={rank.id}>{o.label}</label>
                <select
                  key={rank.key}
                  id={rank.id}
                  name={rank.name}
                  form={rank.formId}
                  defaultValue={typeof value === 'string' ? value : ''}
                >
                  <option value="">{t('answer.rankNone')}</option>
                  {places.map((p) => (
                    <option key={p} value={p}>
                      {t('answer.rank', { place: p })}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </Group>
      );
    }
  }
}

function choicesHint(q: Question, t: (key: string, values?: Record<string, unknown>) => string): string | undefined {
  return q.maxChoices ? t('answer.chooseUpTo', { count: q.maxChoices }) : undefined;
}

/** A question answered with several controls: fieldset, legend, hint and the question's errors. */
function Group({ field, label, hint, children }: { field: Field; label: string; hint?: string; children: React.ReactNode }) {
  const errors = field.errors;
  const described = [hint ? field.descriptionId : null, errors?.length ? field.errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="field choice-group" id={field.id} aria-describedby={described}>
      <legend>{label}</legend>
      <Hint id={field.descriptionId} hint={hint} />
      {children}
      <ErrorText messages={errors} id={field.errorId} />
    </fieldset>
  );
}

/** A row of radio buttons over a question's scale; the ends carry their labels. */
function ScaleRadios({ question: q, field, lang, kept }: { question: Question; field: Field; lang: string; kept?: string }) {
  const values = scaleValues(q);
  const end = (value: number) =>
    value === values[0] && q.scale?.minLabel
      ? localized(q.scale.minLabel, lang).text
      : value === values[values.length - 1] && q.scale?.maxLabel
        ? localized(q.scale.maxLabel, lang).text
        : null;
  return (
    <div className="scale">
      {values.map((value) => {
        const id = `${field.id}-${value}`;
        const note = end(value);
        return (
          <div key={value} className="field-checkbox scale-step">
            <input
              key={field.key}
              type="radio"
              id={id}
              name={field.name}
              form={field.formId}
              value={String(value)}
              defaultChecked={kept === String(value)}
            />
            <label htmlFor={id}>
              {value}
              {note ? ` (${note})` : null}
            </label>
          </div>
        );
      })}
    </div>
  );
}
