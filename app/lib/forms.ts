import { z } from 'zod';
import { formatNumber } from './format';
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

/**
 * A message (`key|values`) in a language through `t`, its numbers written the reader's way by
 * Intl; a `count` stays a number (it picks the plural) and also comes as `formattedCount`, the
 * name the locale files use. For reports whose values hold line numbers and counts.
 */
export function translateMessage(message: string, t: (key: string, values?: Record<string, unknown>) => string, lng: string): string {
  const [key, values] = splitMessage(message);
  if (!values) return t(key);
  const localized: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values))
    localized[name] = typeof value === 'number' && name !== 'count' ? formatNumber(value, lng) : value;
  if (typeof values.count === 'number') localized.formattedCount = formatNumber(values.count, lng);
  return t(key, localized);
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
/** A name for web addresses: lower-case letters and digits in words joined by single dashes. */
export const slug = (message: string, max = 60, min = 2) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .min(min)
    .max(max)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: msg(message) });
export const email = () => z.string().trim().toLowerCase().min(1).max(254).email();
export const checkbox = () => z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

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

/** Which languages of a localized text were filled in, and which were left out. */
export function filledLanguages(text: LocalizedText | undefined) {
  const filled = supportedLanguages.filter((lang) => text?.[lang]);
  return { filled, missing: supportedLanguages.filter((lang) => !text?.[lang]) };
}
