import type { Submission } from '@conform-to/react';
import { json } from '@remix-run/node';
import type { Failure, FailureCode } from './result';

/**
 * The one place a use case's failure becomes an HTTP answer. Pages and APIs alike take the
 * status from here; Open311 words its own body from the same status (modules/open311).
 */
const STATUS: Record<FailureCode, number> = {
  invalid: 400,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  rateLimited: 429,
  unavailable: 503,
};

export function statusOf(code: FailureCode): number {
  return STATUS[code];
}

/** The answer's headers: the page's own (`Cache-Control`, …) and a rate limit's Retry-After. */
function headersOf(failure: Failure | undefined, headers?: HeadersInit): Headers {
  const all = new Headers(headers);
  if (failure?.retryAfter) all.set('Retry-After', String(failure.retryAfter));
  return all;
}

/** What a page adds to every answer of its form (e.g. `Cache-Control: no-store` on a private link). */
export type ReplyOptions = { headers?: HeadersInit };

/** Fields never echoed back to the page, even on error. */
const SECRET_FIELDS = /password|token|csrf/i;

/**
 * A form that did not go through comes back with its errors and the user's input (never its
 * secrets): 400 for a failed validation, or the failure's own status (409, 429) for a use case
 * that refused it. `useForm({ lastResult })` shows it, with and without JavaScript.
 */
export function replyForm(submission: Submission<unknown>, failure?: Failure, options: ReplyOptions = {}) {
  const hideFields = Object.keys(submission.payload).filter((name) => SECRET_FIELDS.test(name));
  const fieldErrors = failure?.fieldErrors ? { ...failure.fieldErrors } : undefined;
  const formErrors = [...(fieldErrors?.[''] ?? []), ...(failure?.message ? [failure.message] : [])];
  if (fieldErrors) delete fieldErrors[''];
  const reply = submission.reply({ hideFields, fieldErrors, formErrors: formErrors.length ? formErrors : undefined });
  const status = failure ? statusOf(failure.code) : 400;
  return json(reply, { status, headers: headersOf(failure, options.headers) });
}

/**
 * A failure that is not about the form's fields (nothing there, not allowed, database down) as
 * the thrown error page: `throw refuse(result)`. The root ErrorBoundary words it by status.
 */
export function refuse(failure: Failure): Response {
  return json(
    { error: failure.code, retryAfter: failure.retryAfter, message: failure.message },
    { status: statusOf(failure.code), headers: headersOf(failure) },
  );
}

/**
 * A failed use case answered from an action that has a form: field-level failures come back on
 * the form (replyForm), the others throw the error page (refuse). A rate limit is the error page
 * too: Remix drops an action's own headers from a rendered page unless the route exports
 * `headers`, while the root passes a thrown answer's Retry-After on (root.tsx).
 */
export function respondToForm(submission: Submission<unknown>, failure: Failure, options: ReplyOptions = {}) {
  if (failure.code === 'invalid' || failure.code === 'conflict') return replyForm(submission, failure, options);
  throw refuse(failure);
}

/**
 * A route's `headers` export for pages whose form may be refused for a while (a rate limit that
 * keeps the form on the page): the loader's headers, plus the action's Retry-After, which Remix
 * would otherwise drop from the rendered page.
 */
export function withRetryAfter({ actionHeaders, loaderHeaders }: { actionHeaders: Headers; loaderHeaders: Headers }): Headers {
  const headers = new Headers(loaderHeaders);
  const retryAfter = actionHeaders.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
}
