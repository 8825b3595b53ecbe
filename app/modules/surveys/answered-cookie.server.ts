import { signedCookie } from '~/lib/cookies.server';

/**
 * Marks a browser that answered a public survey without signing in (no participation row is kept
 * for a visitor): the list page shows "answered" and the same browser cannot answer again. A soft
 * guard only, with the per-IP rate limit and the honeypot (docs/decisions/0021-anonymous-surveys.md).
 */
const cookie = signedCookie('surveys-answered', { path: '/surveys', maxAge: 365 * 24 * 60 * 60 });
const KEPT = 50;

export async function answeredHere(request: Request): Promise<string[]> {
  const value: unknown = await cookie().parse(request.headers.get('Cookie'));
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The Set-Cookie header that adds this survey to the browser's answered ones. */
export async function markAnsweredHere(request: Request, surveyId: string): Promise<string> {
  const ids = (await answeredHere(request)).filter((id) => id !== surveyId);
  return cookie().serialize([surveyId, ...ids].slice(0, KEPT));
}
