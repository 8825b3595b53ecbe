import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { getEnv } from '~/lib/env.server';

/**
 * Seals what must never be readable from the database alone: a draft of someone's answers (it
 * sits next to their user id) and an anonymous answer set waiting for its batch (it was written in
 * the same transaction as its participation). AES-256-GCM with a key derived from the server's
 * session secret, which is not in the database (docs/decisions/0021-anonymous-surveys.md).
 * Changing SESSION_SECRET makes existing drafts and pending answers unreadable: drafts are then
 * dropped; pending answers are mixed before a secret is rotated (see the README).
 */
let key: Buffer | undefined;
function sealKey(): Buffer {
  key ??= Buffer.from(hkdfSync('sha256', getEnv().SESSION_SECRET, 'townsquare', 'survey-seal-v1', 32));
  return key;
}

export function seal(value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** The sealed value, or null when it cannot be opened (another key, a damaged row). */
export function unseal<T>(sealed: string): T | null {
  try {
    const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', sealKey(), iv);
    decipher.setAuthTag(tag);
    return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as T;
  } catch {
    return null;
  }
}
