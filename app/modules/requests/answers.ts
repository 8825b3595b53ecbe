import { z } from 'zod';
import { msg, optionalText, text } from '~/lib/forms';
import { isIsoDate } from '~/lib/time';
import type { FieldDefinition } from '~/modules/requests/catalog/schemas';

/**
 * Answers to a request type's custom fields, validated against the exact field version the
 * request is filed with. Input comes from HTML forms (strings, repeated keys for multiple choice)
 * or from Open311 (the same, plus "true"/"false"); the output is typed JSON to store:
 *   text, longText, date, singleChoice → string; number → number; yesNo → boolean;
 *   multipleChoice → string[] (in the options' order). Unanswered optional fields are left out,
 *   and keys that are not fields of this version are dropped.
 */
export type AnswerValue = string | number | boolean | string[];
export type Answers = Record<string, AnswerValue>;

const blank = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
const emptyToUndefined = (v: unknown) => (blank(v) ? undefined : v);

const MAX_NUMBER = 1_000_000_000;

function numberAnswer() {
  const digits = z
    .string()
    .trim()
    .regex(/^-?\d+(?:[.,]\d+)?$/, msg('requests:errors.number'))
    .transform((s) => Number(s.replace(',', '.')))
    .pipe(z.number().min(-MAX_NUMBER).max(MAX_NUMBER));
  return z.preprocess((v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v), digits);
}

const YES = new Set(['yes', 'true', 'on', '1']);
const NO = new Set(['no', 'false', '0']);
function yesNoAnswer() {
  return z.preprocess(
    (v) =>
      typeof v === 'boolean'
        ? v
        : typeof v === 'string' && YES.has(v.trim().toLowerCase())
          ? true
          : typeof v === 'string' && NO.has(v.trim().toLowerCase())
            ? false
            : v,
    z.boolean({ invalid_type_error: msg('forms:choose') }),
  );
}

function dateAnswer() {
  return z.string().trim().refine(isIsoDate, msg('requests:errors.date'));
}

function singleChoiceAnswer(values: [string, ...string[]]) {
  return z.string().trim().pipe(z.enum(values));
}

function multipleChoiceAnswer(values: [string, ...string[]], required: boolean) {
  return z
    .preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(z.string().trim().pipe(z.enum(values))).max(values.length))
    .transform((chosen) => values.filter((v) => chosen.includes(v)))
    .refine((chosen) => !required || chosen.length > 0, msg('forms:choose'));
}

/** The validator of one field's answer (required or optional). */
function answerSchema(field: Pick<FieldDefinition, 'kind' | 'required' | 'options'>): z.ZodTypeAny {
  const values = (field.options ?? []).map((o) => o.value) as [string, ...string[]];
  let schema: z.ZodTypeAny;
  switch (field.kind) {
    case 'text':
      schema = field.required ? text(200) : optionalText(200);
      return schema;
    case 'longText':
      schema = field.required ? text(4000) : optionalText(4000);
      return schema;
    case 'number':
      schema = numberAnswer();
      break;
    case 'yesNo':
      schema = yesNoAnswer();
      break;
    case 'date':
      schema = dateAnswer();
      break;
    case 'singleChoice':
      schema = singleChoiceAnswer(values);
      break;
    case 'multipleChoice':
      schema = multipleChoiceAnswer(values, field.required);
      break;
  }
  const required = field.required
    ? { required_error: msg(field.kind === 'yesNo' || field.kind.endsWith('Choice') ? 'forms:choose' : 'forms:required') }
    : null;
  if (required) {
    return z.preprocess(
      emptyToUndefined,
      z
        .any()
        .refine((v) => v !== undefined, required.required_error)
        .pipe(schema),
    );
  }
  return z.preprocess(emptyToUndefined, schema.optional());
}

/**
 * The validator of all answers to one field version: an object keyed by field key. Errors are
 * reported at the field's key, with i18n-key messages like the rest of the forms.
 */
export function answersSchema(fields: readonly FieldDefinition[]) {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const field of fields) shape[field.key] = answerSchema(field);
  return z
    .object(shape)
    .strip()
    .transform((answers) => Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined)) as Answers);
}
