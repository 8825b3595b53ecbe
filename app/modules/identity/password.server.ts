import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { createRequire } from 'node:module';
import { msg } from '~/lib/forms';
import { fail, type Failure } from '~/lib/result';

/** Passwords are hashed with scrypt (node:crypto); the parameters are stored with the hash. */
const PARAMS = { N: 16384, r: 8, p: 1 };
const KEYLEN = 64;

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { ...opts, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** A hash of a random password: verifying against it costs the same time as a real one. */
const DUMMY = hashPassword(randomBytes(16).toString('hex'));

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const hash = stored ?? (await DUMMY);
  const [scheme, n, r, p, salt, key] = hash.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return stored != null && actual.length === expected.length && timingSafeEqual(actual, expected);
}

// Mozilla's fxa-common-password-list bundles the most common leaked passwords
// (docs/decisions/0004-libraries.md).
const require = createRequire(import.meta.url);
const common = require('fxa-common-password-list') as { test(password: string): boolean };

function isCommonPassword(password: string): boolean {
  return common.test(password) || common.test(password.toLowerCase());
}

/** A new password from the list of common ones is refused on its field. */
export function weakPassword(password: string, field = 'password'): Failure | null {
  return isCommonPassword(password) ? fail.invalid({ [field]: msg('account:errors.commonPassword') }) : null;
}
