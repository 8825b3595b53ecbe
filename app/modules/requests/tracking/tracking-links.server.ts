import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { signedCookie } from '~/lib/cookies.server';
import { hashToken, newToken } from '~/modules/identity/tokens.server';
import { CODE_ALPHABET, CODE_LENGTH } from '../public-code';

/**
 * Public codes and secret tracking links (docs/decisions/0011-service-requests.md).
 *
 * A request not tied to an account gets a random 256-bit token; only its SHA-256 is stored. The
 * link `/requests/<code>?t=<token>` is shown once after filing and mailed to the contact address.
 * Opening it puts the token in a signed, HttpOnly cookie (a small map code → token, the newest
 * few kept) and redirects to the clean URL, so reloads work, the token leaves the address bar and
 * history, and the socket handshake (which sends cookies) can prove access to the request's room.
 */
export function newPublicCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** The intake form's one-time key (a double submit files one request). */
export function newSubmissionKey() {
  return randomBytes(18).toString('base64url');
}

export function newTrackingToken() {
  return newToken();
}

/** Does this token open the request whose stored hash is `hash`? (constant-time compare) */
export function tokenMatches(token: string | undefined | null, hash: string | null): boolean {
  if (!token || !hash || token.length > 100) return false;
  const given = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

type AccessMap = Record<string, string>;
const KEEP = 20;

const accessCookie = signedCookie('request-access', { path: '/', maxAge: 365 * 24 * 60 * 60 });

/** The tracking tokens this browser holds, by public code. */
export async function readAccess(cookieHeader: string | null | undefined): Promise<AccessMap> {
  try {
    const value = await accessCookie().parse(cookieHeader ?? null);
    if (!value || typeof value !== 'object') return {};
    const out: AccessMap = {};
    for (const [code, token] of Object.entries(value as Record<string, unknown>)) if (typeof token === 'string') out[code] = token;
    return out;
  } catch {
    return {};
  }
}

/** The Set-Cookie value that adds one request's token (the newest KEEP are kept). */
export async function rememberAccess(cookieHeader: string | null | undefined, code: string, token: string): Promise<string> {
  const current = await readAccess(cookieHeader);
  delete current[code];
  const entries = [...Object.entries(current), [code, token] as const].slice(-KEEP);
  return accessCookie().serialize(Object.fromEntries(entries));
}

/** One-time note for the confirmation page: the link is shown once, right after filing. */
const filedCookie = signedCookie('request-filed', { path: '/requests', maxAge: 15 * 60 });

export async function filedNote(code: string, token: string | null, mailed: boolean): Promise<string> {
  return filedCookie().serialize({ code, token, mailed });
}

/** Reads and clears the one-time note if it is about this request. */
export async function takeFiledNote(
  cookieHeader: string | null,
  code: string,
): Promise<{ note: { token: string | null; mailed: boolean } | null; setCookie: string | null }> {
  try {
    const value = (await filedCookie().parse(cookieHeader)) as { code?: string; token?: string | null; mailed?: boolean } | null;
    if (!value || value.code !== code) return { note: null, setCookie: null };
    return { note: { token: value.token ?? null, mailed: !!value.mailed }, setCookie: await filedCookie().serialize('', { maxAge: 0 }) };
  } catch {
    return { note: null, setCookie: null };
  }
}
