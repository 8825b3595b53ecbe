import { z } from 'zod';
import { fallbackLanguage, supportedLanguages, type LocalizedText } from './i18n';

/**
 * Form validation shared by the browser and the server. Zod messages are i18n keys, optionally
 * with interpolation values after a "|" (e.g. `forms:tooShort|{"min":8}`), so one schema gives
 * localized errors in every language.
 */
export function msg(key: string, values?: Record<string, unknown>): string {
  return values ? `${key}|${JSON.stringify(values)}` : key;
}

export function splitMessage(message: string): [string, Record<string, unknown> | undefined] {
  const bar = message.indexOf('|');
  if (bar < 0) return [message, undefined];
  try {
    return [message.slice(0, bar), JSON.parse(message.slice(bar + 1))];
  } catch {
    return [message.slice(0, bar), undefined];
  }
}

const errorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return { message: issue.received === 'undefined' || issue.received === 'null' ? msg('forms:required') : msg('forms:invalid') };
    case z.ZodIssueCode.too_small:
      if (issue.type === 'string')
        return { message: issue.minimum === 1 ? msg('forms:required') : msg('forms:tooShort', { min: issue.minimum }) };
      if (issue.type === 'number') return { message: msg('forms:tooSmall', { min: issue.minimum }) };
      return { message: msg('forms:invalid') };
    case z.ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: msg('forms:tooLong', { max: issue.maximum }) };
      if (issue.type === 'number') return { message: msg('forms:tooBig', { max: issue.maximum }) };
      return { message: msg('forms:invalid') };
    case z.ZodIssueCode.invalid_string:
      if (issue.validation === 'email') return { message: msg('forms:email') };
      if (issue.validation === 'url') return { message: msg('forms:url') };
      return { message: msg('forms:invalid') };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: msg('forms:choose') };
    default:
      return { message: ctx.defaultError.includes(':') ? ctx.defaultError : msg('forms:invalid') };
  }
};
z.setErrorMap(errorMap);

/** Trimmed text; an empty field counts as missing. */
export const text = (max = 200) => z.string().trim().min(1).max(max);
export const optionalText = (max = 200) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max).optional());
export const email = () => z.string().trim().toLowerCase().min(1).max(254).email();
export const checkbox = () => z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

export type FieldErrors = Record<string, string[]>;
export type FormFailure = { ok: false; errors: FieldErrors; values: Record<string, string> };
export type FormResult<T> = { ok: true; data: T } | FormFailure;

/** Fields never echoed back to the page, even on error. */
const SECRET_FIELDS = /password|token|csrf/i;

/** The posted text fields (except secrets), to give a form back with the user's input. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (!SECRET_FIELDS.test(key) && typeof value === 'string') values[key] = value;
  }
  return values;
}

/** Validates FormData against a schema; on failure keeps the user's input (except secrets). */
export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): FormResult<z.infer<S>> {
  return parseObject(schema, groupEntries(formData.entries()));
}

/**
 * Form or query entries as an object: a name given once maps to its value, a repeated name to
 * all its values in order. One pass over the entries (FormData.getAll per name would scan them
 * all once per name: quadratic in the number of fields); own properties only, so a field named
 * `__proto__` is just a field.
 */
export function groupEntries<T>(entries: Iterable<[string, T]>): Record<string, T | T[]> {
  const grouped = new Map<string, T | T[]>();
  const repeated = new Set<string>();
  for (const [key, value] of entries) {
    const seen = grouped.get(key);
    if (seen === undefined && !grouped.has(key)) grouped.set(key, value);
    else if (repeated.has(key)) (seen as T[]).push(value);
    else {
      grouped.set(key, [seen as T, value]);
      repeated.add(key);
    }
  }
  return Object.fromEntries(grouped);
}

/**
 * Validates an object already read from a form (e.g. repeated rows gathered into an array); on
 * failure the errors are keyed by path ("options.2.value") and the top-level text kept.
 */
export function parseObject<S extends z.ZodTypeAny>(schema: S, raw: Record<string, unknown>): FormResult<z.infer<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length ? issue.path.join('.') : 'form';
    (errors[field] ??= []).push(issue.message);
  }
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!SECRET_FIELDS.test(key) && typeof value === 'string') values[key] = value;
  }
  return { ok: false, errors, values };
}

/** A failure for one field (or "form"), for errors found after validation (e.g. e-mail taken). */
export function formError(field: string, message: string, values: Record<string, string> = {}): FormFailure {
  return { ok: false, errors: { [field]: [message] }, values };
}

/**
 * A text in every supported language (`{ en, es }`), posted as `<name>.<lang>` by
 * LocalizedTextField. `required` says which languages must be filled in: 'all', 'default' (the
 * fallback language) or 'none'. Empty languages are left out of the stored value.
 */
export function localizedText(max: number, required: 'all' | 'default' | 'none' = 'all') {
  const shape = Object.fromEntries(
    supportedLanguages.map((lang) => [
      lang,
      required === 'all' || (required === 'default' && lang === fallbackLanguage) ? text(max) : optionalText(max),
    ]),
  );
  return z.preprocess(
    (value) => value ?? {},
    z.object(shape).transform((value) => Object.fromEntries(Object.entries(value).filter(([, v]) => v)) as LocalizedText),
  );
}
