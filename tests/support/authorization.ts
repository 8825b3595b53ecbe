import { expect } from 'vitest';
import { textOf } from './client';

/** What an authorization table expects of one actor on one route: a status, or being sent to sign in. */
export type Expected = 'signin' | 200 | 303 | 400 | 403 | 404 | 409 | 410;

/**
 * Checks one cell of an authorization table: a visitor sent to sign in (and back to `path`), or
 * the status; a 403 must be the permission check's localized page (not the CSRF check), or the
 * JSON answer of a resource route such as a CSV export.
 */
export async function expectAnswer(res: Response, expected: Expected, path: string) {
  if (expected === 'signin') {
    expect([302, 303]).toContain(res.status);
    expect(res.headers.get('location')).toBe(`/signin?redirectTo=${encodeURIComponent(path)}`);
    return;
  }
  expect(res.status).toBe(expected);
  if (expected === 403)
    expect(textOf(await res.text())).toMatch(/does not have access to this page|no tiene acceso a esta página|"error":"forbidden"/);
}
