import type { FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { ErrorText, SelectField, TextArea, TextField } from '~/components/ui/forms';
import { localized } from '~/lib/i18n';
import type { FieldDefinition } from '~/modules/requests/catalog/schemas';

type Field = FieldMetadata<any, any, string[]>;

/**
 * A request type's custom fields as form controls, labels and hints in the reader's language.
 * `field` is the form's Conform field for the answers (`fields.a`): each answer is its part
 * `a.<key>` (answerName), with its kept input and its errors. Multiple choice repeats the name per
 * ticked box.
 */
export function AnswerFields({ fields, field }: { fields: readonly FieldDefinition[]; field: Field }) {
  const answers = (field as FieldMetadata<Record<string, unknown>, any, string[]>).getFieldset() as Record<string, Field>;
  return (
    <>
      {fields.map((definition) => (
        <AnswerField key={definition.key} definition={definition} field={answers[definition.key]!} />
      ))}
    </>
  );
}

function AnswerField({ definition, field }: { definition: FieldDefinition; field: Field }) {
  const { t, i18n } = useTranslation('requests');
  const lng = i18n.language;
  const label = `${localized(definition.label, lng).text}${definition.required ? '' : ` ${t('form.optional')}`}`;
  const hint = definition.hint ? localized(definition.hint, lng).text : undefined;
  const options = (definition.options ?? []).map((o) => ({ value: o.value, label: localized(o.label, lng).text }));
  const common = { field, label, hint };
  const typed = { ...common, required: definition.required };
  switch (definition.kind) {
    case 'text':
      return <TextField {...typed} maxLength={200} />;
    case 'longText':
      return <TextArea {...typed} maxLength={4000} rows={4} />;
    case 'number':
      return <TextField {...typed} inputMode="decimal" maxLength={20} />;
    case 'date':
      return <TextField {...typed} type="date" />;
    case 'yesNo':
      return (
        <ChoiceGroup
          type="radio"
          {...common}
          options={[
            { value: 'yes', label: t('form.yes') },
            { value: 'no', label: t('form.no') },
          ]}
        />
      );
    case 'singleChoice':
      return options.length > 6 ? (
        <SelectField {...common} options={[{ value: '', label: t('form.choose') }, ...options]} />
      ) : (
        <ChoiceGroup type="radio" {...common} options={options} />
      );
    case 'multipleChoice':
      return <ChoiceGroup type="checkbox" {...common} options={options} />;
  }
}

/** Radio buttons or checkboxes in a fieldset whose legend is the question; the kept choices ticked. */
export function ChoiceGroup({
  type,
  field,
  label,
  hint,
  options,
}: {
  type: 'radio' | 'checkbox';
  field: Field;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
}) {
  const kept: unknown = field.initialValue;
  const chosen = Array.isArray(kept) ? kept : [kept];
  const errors = field.errors;
  const described = [hint ? field.descriptionId : null, errors?.length ? field.errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="field choice-group" id={field.id} aria-describedby={described}>
      <legend>{label}</legend>
      {hint ? (
        <p className="hint" id={field.descriptionId}>
          {hint}
        </p>
      ) : null}
      {options.map((o, i) => (
        <div key={o.value} className="field-checkbox">
          <input
            key={field.key}
            type={type}
            id={`${field.id}-${i}`}
            name={field.name}
            form={field.formId}
            value={o.value}
            defaultChecked={chosen.includes(o.value)}
          />
          <label htmlFor={`${field.id}-${i}`}>{o.label}</label>
        </div>
      ))}
      <ErrorText messages={errors} id={field.errorId} />
    </fieldset>
  );
}
