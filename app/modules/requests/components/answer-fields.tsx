import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText, SelectField, TextArea, TextField } from '~/components/forms';
import type { FieldErrors } from '~/lib/forms';
import { localized } from '~/lib/i18n';
import type { FieldDefinition } from '~/modules/requests/catalog/schemas';
import { answerName } from '../intake/intake-schemas';

/**
 * A request type's custom fields as form controls, labels and hints in the reader's language.
 * Posted names are `a.<key>` (answerName); multiple choice repeats the name per ticked box.
 */
export function AnswerFields({
  fields,
  values,
  errors,
}: {
  fields: readonly FieldDefinition[];
  values: Record<string, string | string[]>;
  errors?: FieldErrors;
}) {
  return (
    <>
      {fields.map((field) => (
        <AnswerField key={field.key} field={field} value={values[answerName(field.key)]} errors={errors} />
      ))}
    </>
  );
}

function AnswerField({ field, value, errors }: { field: FieldDefinition; value: string | string[] | undefined; errors?: FieldErrors }) {
  const { t, i18n } = useTranslation('requests');
  const lng = i18n.language;
  const name = answerName(field.key);
  const label = `${localized(field.label, lng).text}${field.required ? '' : ` ${t('form.optional')}`}`;
  const hint = field.hint ? localized(field.hint, lng).text : undefined;
  const text = typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? '') : '';
  const options = (field.options ?? []).map((o) => ({ value: o.value, label: localized(o.label, lng).text }));
  switch (field.kind) {
    case 'text':
      return (
        <TextField label={label} name={name} hint={hint} errors={errors} defaultValue={text} maxLength={200} required={field.required} />
      );
    case 'longText':
      return (
        <TextArea
          label={label}
          name={name}
          hint={hint}
          errors={errors}
          defaultValue={text}
          maxLength={4000}
          rows={4}
          required={field.required}
        />
      );
    case 'number':
      return (
        <TextField
          label={label}
          name={name}
          hint={hint}
          errors={errors}
          defaultValue={text}
          inputMode="decimal"
          maxLength={20}
          required={field.required}
        />
      );
    case 'date':
      return <TextField label={label} name={name} hint={hint} errors={errors} defaultValue={text} type="date" required={field.required} />;
    case 'yesNo':
      return (
        <ChoiceGroup
          type="radio"
          legend={label}
          name={name}
          hint={hint}
          errors={errors}
          options={[
            { value: 'yes', label: t('form.yes') },
            { value: 'no', label: t('form.no') },
          ]}
          chosen={[text]}
        />
      );
    case 'singleChoice':
      if (options.length > 6) {
        return (
          <SelectField
            label={label}
            name={name}
            hint={hint}
            errors={errors}
            defaultValue={text}
            options={[{ value: '', label: t('form.choose') }, ...options]}
          />
        );
      }
      return <ChoiceGroup type="radio" legend={label} name={name} hint={hint} errors={errors} options={options} chosen={[text]} />;
    case 'multipleChoice':
      return (
        <ChoiceGroup
          type="checkbox"
          legend={label}
          name={name}
          hint={hint}
          errors={errors}
          options={options}
          chosen={Array.isArray(value) ? value : text ? [text] : []}
        />
      );
  }
}

/** Radio buttons or checkboxes in a fieldset whose legend is the question. */
export function ChoiceGroup({
  type,
  legend,
  name,
  hint,
  errors,
  options,
  chosen,
}: {
  type: 'radio' | 'checkbox';
  legend: string;
  name: string;
  hint?: string;
  errors?: FieldErrors;
  options: { value: string; label: string }[];
  chosen: string[];
}) {
  const id = useId();
  const fieldErrors = errors?.[name];
  const described = [hint ? `${id}-hint` : null, fieldErrors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="field choice-group" aria-describedby={described}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {options.map((o, i) => (
        <div key={o.value} className="field-checkbox">
          <input type={type} id={`${id}-${i}`} name={name} value={o.value} defaultChecked={chosen.includes(o.value)} />
          <label htmlFor={`${id}-${i}`}>{o.label}</label>
        </div>
      ))}
      <ErrorText messages={fieldErrors} id={`${id}-error`} />
    </fieldset>
  );
}

/** A Conform form's kept answers (its nested `a` object) as the posted names AnswerFields reads. */
export function keptAnswers(a: unknown): Record<string, string | string[]> {
  if (!a || typeof a !== 'object') return {};
  return Object.fromEntries(
    Object.entries(a as Record<string, unknown>)
      .filter((e): e is [string, string | string[]] => typeof e[1] === 'string' || Array.isArray(e[1]))
      .map(([key, value]) => [answerName(key), value]),
  );
}
