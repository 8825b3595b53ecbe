import { createCookie, json, unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { CSRF, CSRFError } from 'remix-utils/csrf/server';
import { Honeypot, SpamError } from 'remix-utils/honeypot/server';
import { getEnv } from './env.server';

let csrfInstance: CSRF | undefined;
export function csrf(): CSRF {
  const env = getEnv();
  csrfInstance ??= new CSRF({
    cookie: createCookie('csrf', {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: env.secureCookies,
      secrets: [env.SESSION_SECRET],
    }),
    formDataKey: 'csrf',
    // No `secret`: the token lives in a cookie Remix already signs with SESSION_SECRET, so a
    // second signature (crypto-js HMAC in JavaScript, on every page and post) adds nothing.
  });
  return csrfInstance;
}

let honeypotInstance: Honeypot | undefined;
export function honeypot(): Honeypot {
  honeypotInstance ??= new Honeypot({
    nameFieldName: 'website',
    validFromFieldName: 'form_started',
    encryptionSeed: getEnv().SESSION_SECRET,
  });
  return honeypotInstance;
}

/**
 * Reads a form post and checks its CSRF token (and honeypot for public forms). Every action
 * reads its body through here; Origin / Sec-Fetch-Site is checked for all non-GET requests by
 * the Express server before Remix runs.
 */
export async function readForm(request: Request, options: { honeypot?: boolean } = {}): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw json({ error: 'badRequest' }, { status: 400 });
  }
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

/** A file posted with a multipart form, read into memory (never more than the limit). */
export type UploadedFile = { field: string; filename: string; contentType: string; bytes: Buffer; tooLarge: boolean };

const MAX_TEXT_PART = 64 * 1024;
const MAX_PARTS = 200;

/**
 * Like readForm, for forms that may carry files (multipart/form-data; a url-encoded post is read
 * as usual). Text fields land in the FormData; files of `fileField` are collected apart, at most
 * `maxFiles` of at most `maxFileBytes` each (a larger one is kept as `tooLarge` with no bytes,
 * further ones are counted in `extraFiles`); empty file inputs and other file fields are dropped.
 * Nothing is written to disk here.
 */
export async function readFormWithFiles(
  request: Request,
  options: { honeypot?: boolean; fileField: string; maxFiles: number; maxFileBytes: number },
): Promise<{ formData: FormData; files: UploadedFile[]; extraFiles: number }> {
  const type = request.headers.get('Content-Type') ?? '';
  if (!type.startsWith('multipart/form-data')) return { formData: await readForm(request, options), files: [], extraFiles: 0 };
  const files: UploadedFile[] = [];
  let extraFiles = 0;
  let parts = 0;
  const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
    if (++parts > MAX_PARTS) throw json({ error: 'tooLarge' }, { status: 413 });
    const chunks: Uint8Array[] = [];
    let size = 0;
    const limit = filename === undefined ? MAX_TEXT_PART : options.maxFileBytes;
    let over = false;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > limit) over = true;
      else chunks.push(chunk);
    }
    if (filename === undefined) {
      if (over) throw json({ error: 'tooLarge' }, { status: 413 });
      return Buffer.concat(chunks).toString('utf8');
    }
    if (name !== options.fileField || filename === '' || size === 0) return undefined;
    if (files.length >= options.maxFiles) {
      extraFiles++;
      return undefined;
    }
    files.push({ field: name, filename, contentType, bytes: over ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge: over });
    return undefined;
  };
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof Response) throw error;
    throw json({ error: 'badRequest' }, { status: 400 });
  }
  await checkForm(formData, request, options);
  return { formData, files, extraFiles };
}
