import { json } from '@remix-run/node';
import type { FormFailure } from './forms';

/** The form comes back with its errors and the user's input, as HTTP 400. */
export function invalid(failure: FormFailure) {
  return json(failure, { status: 400 });
}

export function notFound() {
  return json({ error: 'notFound' }, { status: 404 });
}

/** Only same-site paths are followed after sign-in or a language switch (no open redirects). */
export function safeRedirectPath(to: string | null | undefined, fallback = '/'): string {
  // Control characters and backslashes are refused outright: browsers drop tabs and newlines
  // and read "\\" as "/", which would turn "/\t/evil.example" into another site.
  if (!to || !to.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  const url = new URL(to, 'http://same.invalid');
  if (url.origin !== 'http://same.invalid') return fallback;
  return url.pathname + url.search + url.hash;
}
