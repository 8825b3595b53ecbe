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
  if (!to || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback;
  return to;
}
