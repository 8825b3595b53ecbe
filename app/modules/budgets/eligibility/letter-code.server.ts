import { randomInt } from 'node:crypto';
import { hashToken, newToken } from '~/modules/identity/tokens.server';

/**
 * The one-time codes printed on residency letters. A person types them from paper, so they are
 * short (10 characters, about 50 bits: with the attempt limit, LIMITS.residencyCodeAccount, no one
 * guesses one) in Crockford's base 32 (no I, L, O, U), printed in two groups of five; what is
 * typed is read leniently (case, spaces, dashes, O for 0, I or L for 1). Only the SHA-256 is
 * stored (identity/tokens.server.ts, as invite and calendar links).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;

export function newLetterCode(): { code: string; hash: string } {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return { code: `${code.slice(0, 5)}-${code.slice(5)}`, hash: hashToken(code) };
}

/** The hash a typed code is looked up by, or null when it cannot be a code. */
export function hashOfTyped(typed: string): string | null {
  const code = typed
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (code.length !== CODE_LENGTH || [...code].some((c) => !ALPHABET.includes(c))) return null;
  return hashToken(code);
}

/**
 * A letter asked for but not printed yet still needs a unique codeHash: the hash of a random token
 * nobody ever sees, so no typed code can match it before its letter is printed.
 */
export function unprintedHash(): string {
  return newToken().hash;
}
