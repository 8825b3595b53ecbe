import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { json } from '@remix-run/node';
import { CSRF, CSRFError } from 'remix-utils/csrf/server';
import { requireCurrentTerms } from '~/modules/identity/legal-acceptance.server';
import { Honeypot, SpamError } from 'remix-utils/honeypot/server';
import { signedCookie } from './cookies.server';
import { getEnv } from './env.server';
import { readFormBody, type FileOptions, type FormBody } from './form-body.server';

/**
 * remix-utils' CSRF token, drawn from Node's random source: the library's crypto-js asks Web
 * Crypto for 4 bytes at a time (about 0.1 ms per new visitor's page). Same length and alphabet.
 */
class NodeRandomCSRF extends CSRF {
  override generate(bytes = 32): string {
    return randomBytes(bytes).toString('base64url');
  }
}

const csrfCookie = signedCookie('csrf', { path: '/' });
let csrfInstance: CSRF | undefined;
export function csrf(): CSRF {
  csrfInstance ??= new NodeRandomCSRF({
    cookie: csrfCookie(),
    formDataKey: 'csrf',
    // No `secret`: the token lives in a cookie Remix already signs with SESSION_SECRET, so a
    // second signature (crypto-js HMAC in JavaScript, on every page and post) adds nothing.
  });
  return csrfInstance;
}

/**
 * remix-utils' honeypot (its fields and checks) with the form's start time sealed by Node's own
 * AES-256-GCM instead of crypto-js, which derives a key in JavaScript at every page and post
 * (about 0.3 ms each). A token sealed by crypto-js before an upgrade is still opened by the
 * library's own cipher (no dot in it), so a form left open across a deploy still posts.
 */
class SealedHoneypot extends Honeypot {
  private readonly key: Buffer;
  constructor(secret: string) {
    super({ nameFieldName: 'website', validFromFieldName: 'form_started', encryptionSeed: secret });
    this.key = createHash('sha256').update(`honeypot:${secret}`).digest();
  }
  protected override encrypt(value: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return [iv, sealed, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
  }
  /** The sealed text, or '' when it was not sealed with this key (the library then refuses it). */
  protected override decrypt(value: string): string {
    const parts = value.split('.');
    if (parts.length === 1) return super.decrypt(value);
    if (parts.length !== 3) return '';
    try {
      const [iv, sealed, tag] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
      if (iv.length !== 12 || tag.length !== 16) return '';
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
    } catch {
      return '';
    }
  }
}

let honeypotInstance: Honeypot | undefined;
export function honeypot(): Honeypot {
  honeypotInstance ??= new SealedHoneypot(getEnv().SESSION_SECRET);
  return honeypotInstance;
}

/**
 * Reads a form post and checks its CSRF token (and honeypot for public forms). Every action
 * reads its body through here (or readFormWithFiles): the field limits and the clean-up of text
 * input happen there (form-body.server.ts). Origin / Sec-Fetch-Site is checked for all non-GET
 * requests, and the body size, by the Express server before Remix runs.
 */
export async function readForm(request: Request, options: { honeypot?: boolean } = {}): Promise<FormData> {
  const { formData } = await readFormBody(request);
  await checkForm(formData, request, options);
  return formData;
}

/** The CSRF token (and honeypot) of a form already read. */
export async function checkForm(formData: FormData, request: Request, options: { honeypot?: boolean } = {}) {
  try {
    await csrf().validate(formData, request.headers);
  } catch (error) {
    if (error instanceof CSRFError) throw json({ error: 'csrf' }, { status: 403 });
    throw error;
  }
  if (options.honeypot) checkHoneypot(formData);
  // After the token: a forged post is refused as such, not redirected.
  await requireCurrentTerms(request);
}

const HONEYPOT_FIELDS = ['website', 'form_started'] as const;

/**
 * The honeypot of a public form: its two fields must each be there exactly once, as text. A
 * missing field is what a bot posting straight to the URL sends, so it fails like a filled-in
 * trap (400 "spam"); a repeated, non-text or undecodable one is a malformed request (400), never
 * a 500. Both answers render the localized error page.
 */
function checkHoneypot(formData: FormData) {
  for (const name of HONEYPOT_FIELDS) {
    const values = formData.getAll(name);
    if (values.length === 0) throw json({ error: 'spam' }, { status: 400 });
    if (values.length > 1 || typeof values[0] !== 'string' || values[0].length > 1024) throw json({ error: 'badRequest' }, { status: 400 });
  }
  try {
    honeypot().check(formData);
  } catch (error) {
    // The library throws SpamError for a caught bot, and crypto errors for a forged timestamp.
    throw json({ error: error instanceof SpamError ? 'spam' : 'badRequest' }, { status: 400 });
  }
}

export type { UploadedFile } from './form-body.server';

/**
 * Like readForm, for forms that may carry files (multipart/form-data; a url-encoded post is read
 * as usual): see readFormBody for what is kept of the files.
 */
export async function readFormWithFiles(request: Request, options: { honeypot?: boolean } & FileOptions): Promise<FormBody> {
  const body = await readFormBody(request, options);
  await checkForm(body.formData, request, options);
  return body;
}
