/**
 * What every use case returns: `ok` with its value, or a typed failure. Routes never guess an
 * HTTP status from an error string: `respond.server.ts` maps the code to one, in one place.
 */
export type FailureCode = 'notFound' | 'forbidden' | 'invalid' | 'conflict' | 'rateLimited' | 'unavailable';

export type Failure = {
  ok: false;
  code: FailureCode;
  /** i18n keys (zod messages style, see lib/forms.ts msg()) per field; '' is the whole form. */
  fieldErrors?: Record<string, string[]>;
  /** An i18n key explaining the failure to the user, shown above the form or on the error page. */
  message?: string;
  /** Seconds until a rate-limited caller may try again (Retry-After). */
  retryAfter?: number;
};

export type Ok<T> = { ok: true; value: T };
export type Result<T = undefined> = Ok<T> | Failure;

export function ok(): Ok<undefined>;
export function ok<T>(value: T): Ok<T>;
export function ok<T>(value?: T): Ok<T | undefined> {
  return { ok: true, value };
}

type Extra = Omit<Failure, 'ok' | 'code'>;
const failure =
  (code: FailureCode) =>
  (message?: string, extra: Omit<Extra, 'message'> = {}): Failure => ({ ok: false, code, message, ...extra });

export const fail = {
  notFound: failure('notFound'),
  forbidden: failure('forbidden'),
  conflict: failure('conflict'),
  unavailable: failure('unavailable'),
  rateLimited: (retryAfter: number, message = 'forms:rateLimited'): Failure => ({ ok: false, code: 'rateLimited', retryAfter, message }),
  /** Errors on named fields (after validation, e.g. "e-mail taken"); '' for the whole form. */
  invalid: (fieldErrors: Record<string, string[] | string>, message?: string): Failure => ({
    ok: false,
    code: 'invalid',
    message,
    fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [k, Array.isArray(v) ? v : [v]])),
  }),
};
