import type { FieldMetadata } from '@conform-to/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText, Hint } from '~/components/forms';
import { localized } from '~/lib/i18n';
import { scaleValues, TEXT_MAX, type Question } from '../questions';

/**
 * One survey question as the respondent sees it, in `lang`, named as answers.ts reads it:
 * `a.<key>` (multiple choice repeats it), `a.<key>.<row>` for a matrix, `a.<key>.<option>` (a
 * rank) for a ranking. Groups are a fieldset with a legend; the hint and the errors are tied to
 * the controls with aria-describedby. Used by the answering pages and the builder's preview.
 */
type Props = {
  question: Question;
  /** Conform's field for `a.<key>` (its name, id, errors). */
  field: FieldMetadata<any, any, string[]>;
  lang: string;
  defaultValue?: unknown;
  /** The preview shows the controls without taking answers. */
  disabled?: boolean;
};

export function QuestionField(props: Props) {
  switch (props.question.kind) {
    case 'singleChoice':
    case 'multipleChoice':
      return <ChoiceQuestion {...props} />;
    case 'rating':
      return <RatingQuestion {...props} />;
    case 'yesNo':
      return <YesNoQuestion {...props} />;
    case 'ranking':
      return <RankingQuestion {...props} />;
    case 'matrix':
      return <MatrixQuestion {...props} />;
    default:
      return <InputQuestion {...props} />;
  }
}

const text = (value: unknown, lang: string) => localized(value, lang).text;

function parts({ question, field, lang }: Props) {
  const errors = field.errors;
  const hint = question.hint ? text(question.hint, lang) : '';
  const described = [hint ? field.descriptionId : null, errors?.length ? field.errorId : null].filter(Boolean).join(' ') || undefined;
  return { hint, errors, described, invalid: errors?.length ? true : undefined, label: text(question.label, lang) };
}

/** The frame of a question answered with several controls: fieldset, legend, hint, errors. */
function Group({
  p,
  field,
  required,
  children,
}: {
  p: ReturnType<typeof parts>;
  field: Props['field'];
  required: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation('surveys');
  return (
    <fieldset className="field-group" id={field.id} aria-describedby={p.described}>
      <legend>
        {p.label}
        {required ? <span className="muted"> ({t('builder.field.required')})</span> : null}
      </legend>
      <Hint id={field.descriptionId} hint={p.hint} />
      <ErrorText messages={p.errors} id={field.errorId} />
      {children}
    </fieldset>
  );
}

function ChoiceQuestion(props: Props) {
  const { question, field, lang, defaultValue, disabled } = props;
  const p = parts(props);
  const multiple = question.kind === 'multipleChoice';
  const chosen = Array.isArray(defaultValue) ? defaultValue.map(String) : defaultValue === undefined ? [] : [String(defaultValue)];
  return (
    <Group p={p} field={field} required={question.required}>
      {(question.options ?? []).map((o) => (
        <div className="field field-checkbox" key={o.value}>
          <input
            type={multiple ? 'checkbox' : 'radio'}
            id={`${field.id}-${o.value}`}
            name={field.name}
            value={o.value}
            defaultChecked={chosen.includes(o.value)}
            disabled={disabled}
            aria-invalid={p.invalid}
          />
          <label htmlFor={`${field.id}-${o.value}`}>{text(o.label, lang)}</label>
        </div>
      ))}
    </Group>
  );
}

function YesNoQuestion(props: Props) {
  const { t } = useTranslation('surveys');
  const { question, field, defaultValue, disabled } = props;
  const p = parts(props);
  const chosen = defaultValue === true ? 'yes' : defaultValue === false ? 'no' : typeof defaultValue === 'string' ? defaultValue : '';
  return (
    <Group p={p} field={field} required={question.required}>
      {(['yes', 'no'] as const).map((v) => (
        <div className="field field-checkbox" key={v}>
          <input
            type="radio"
            id={`${field.id}-${v}`}
            name={field.name}
            value={v}
            defaultChecked={chosen === v}
            disabled={disabled}
            aria-invalid={p.invalid}
          />
          <label htmlFor={`${field.id}-${v}`}>{t(`builder.field.${v}`)}</label>
        </div>
      ))}
    </Group>
  );
}

/** A scale as radio buttons, its ends labelled; shared by rating and each matrix row. */
function Scale({
  question,
  name,
  id,
  lang,
  chosen,
  disabled,
  invalid,
}: {
  question: Question;
  name: string;
  id: string;
  lang: string;
  chosen: string;
  disabled?: boolean;
  invalid?: boolean;
}) {
  const values = scaleValues(question);
  const ends = { min: question.scale?.minLabel, max: question.scale?.maxLabel };
  return (
    <div className="scale">
      {values.map((v, i) => {
        const end = i === 0 ? ends.min : i === values.length - 1 ? ends.max : undefined;
        return (
          <div className="scale-step" key={v}>
            <input
              type="radio"
              id={`${id}-${v}`}
              name={name}
              value={v}
              defaultChecked={chosen === String(v)}
              disabled={disabled}
              aria-invalid={invalid}
            />
            <label htmlFor={`${id}-${v}`}>
              {v}
              {end ? <span className="scale-end"> ({text(end, lang)})</span> : null}
            </label>
          </div>
        );
      })}
    </div>
  );
}

function RatingQuestion(props: Props) {
  const { question, field, lang, defaultValue, disabled } = props;
  const p = parts(props);
  return (
    <Group p={p} field={field} required={question.required}>
      <Scale
        question={question}
        name={field.name}
        id={field.id}
        lang={lang}
        chosen={defaultValue === undefined ? '' : String(defaultValue)}
        disabled={disabled}
        invalid={p.invalid}
      />
    </Group>
  );
}

function MatrixQuestion(props: Props) {
  const { question, field, lang, defaultValue, disabled } = props;
  const p = parts(props);
  const given = (defaultValue ?? {}) as Record<string, unknown>;
  return (
    <Group p={p} field={field} required={question.required}>
      {(question.rows ?? []).map((row) => (
        <fieldset className="field-group matrix-row" key={row.value}>
          <legend>{text(row.label, lang)}</legend>
          <Scale
            question={question}
            name={`${field.name}.${row.value}`}
            id={`${field.id}-${row.value}`}
            lang={lang}
            chosen={given[row.value] === undefined ? '' : String(given[row.value])}
            disabled={disabled}
            invalid={p.invalid}
          />
        </fieldset>
      ))}
    </Group>
  );
}

function RankingQuestion(props: Props) {
  const { t } = useTranslation('surveys');
  const { question, field, lang, defaultValue, disabled } = props;
  const p = parts(props);
  const options = question.options ?? [];
  const order = Array.isArray(defaultValue) ? defaultValue.map(String) : [];
  return (
    <Group p={p} field={field} required={question.required}>
      <p className="hint">{t('builder.field.rankingHint')}</p>
      {options.map((o) => {
        const rank = order.indexOf(o.value);
        return (
          <div className="field" key={o.value}>
            <label htmlFor={`${field.id}-${o.value}`}>{text(o.label, lang)}</label>
            <select
              id={`${field.id}-${o.value}`}
              name={`${field.name}.${o.value}`}
              defaultValue={rank >= 0 ? String(rank + 1) : ''}
              disabled={disabled}
              aria-invalid={p.invalid}
            >
              <option value="">{t('builder.field.noRank')}</option>
              {options.map((_, i) => (
                <option key={i} value={String(i + 1)}>
                  {i + 1}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </Group>
  );
}

/** Text, long text, number and date: one labelled control. */
function InputQuestion(props: Props) {
  const { t } = useTranslation('surveys');
  const { question, field, defaultValue, disabled } = props;
  const p = parts(props);
  const common = {
    id: field.id,
    name: field.name,
    required: question.required,
    disabled,
    defaultValue: defaultValue === undefined || defaultValue === null ? undefined : String(defaultValue),
    'aria-invalid': p.invalid,
    'aria-describedby': p.described,
  };
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {p.label}
        {question.required ? <span className="muted"> ({t('builder.field.required')})</span> : null}
      </label>
      <Hint id={field.descriptionId} hint={p.hint} />
      {question.kind === 'longText' ? (
        <textarea {...common} maxLength={TEXT_MAX.longText} rows={5} />
      ) : question.kind === 'number' ? (
        <input {...common} type="number" inputMode="decimal" step="any" min={question.min} max={question.max} />
      ) : question.kind === 'date' ? (
        <input {...common} type="date" />
      ) : (
        <input {...common} type="text" maxLength={TEXT_MAX.text} />
      )}
      <ErrorText messages={p.errors} id={field.errorId} />
    </div>
  );
}
