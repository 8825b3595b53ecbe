import { json, unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { cleanText } from './text';

/**
 * What a request may send (README, "Limits"). The server refuses a larger body with 413 before
 * reading it (from Content-Length, or while a chunked body arrives: server/app.ts); the form
 * readers below refuse more fields or a longer field with 413 as well.
 */
export const BODY_LIMITS = {
  /** Any body that is not multipart/form-data (forms, Open311 posts), in bytes. */
  bytes: 1024 * 1024,
  /** A multipart/form-data body: three 5 MB photos with a request, or one 10 MB import file. */
  multipartBytes: 16 * 1024 * 1024,
  /** Fields (multipart parts included) in one form. */
  fields: 1000,
  /** Characters of one field's name. */
  nameChars: 256,
  /** Characters (multipart: bytes) of one field's value; rich text is at most 64 KB as well. */
  valueChars: 64 * 1024,
} as const;

/** The body limit for a request with this Content-Type. */
export function bodyLimit(contentType: string | undefined): number {
  return (contentType ?? '').toLowerCase().startsWith('multipart/form-data') ? BODY_LIMITS.multipartBytes : BODY_LIMITS.bytes;
}

export const tooLarge = () => json({ error: 'tooLarge' }, { status: 413 });
const badRequest = () => json({ error: 'badRequest' }, { status: 400 });

/** A file posted with a multipart form, read into memory (never more than the limit). */
export type UploadedFile = { field: string; filename: string; contentType: string; bytes: Buffer; tooLarge: boolean };
export type FileOptions = { fileField: string; maxFiles: number; maxFileBytes: number };
export type FormBody = { formData: FormData; files: UploadedFile[]; extraFiles: number };

/**
 * Urlencoded text as form entries, within the field limits, every name and value cleaned
 * (cleanText) once here. Counting the fields first keeps a body of 100,000 empty fields cheap.
 */
export function parseUrlEncoded(text: string): [string, string][] {
  if (text.length > BODY_LIMITS.bytes) throw tooLarge();
  let fields = 1;
  for (let at = text.indexOf('&'); at >= 0; at = text.indexOf('&', at + 1)) {
    if (++fields > BODY_LIMITS.fields) throw tooLarge();
  }
  const entries: [string, string][] = [];
  for (const [name, value] of new URLSearchParams(text)) {
    if (name.length > BODY_LIMITS.nameChars || value.length > BODY_LIMITS.valueChars) throw tooLarge();
    entries.push([cleanText(name), cleanText(value)]);
  }
  return entries;
}

/**
 * Reads a form post (urlencoded or multipart) into FormData, the single place where form input
 * enters the app. Files of `files.fileField` are collected apart, at most `maxFiles` of at most
 * `maxFileBytes` each (a larger one is kept as `tooLarge` with no bytes, further ones are counted
 * in `extraFiles`); other files and empty file inputs are dropped. Nothing is written to disk.
 */
export async function readFormBody(request: Request, files?: FileOptions): Promise<FormBody> {
  const type = (request.headers.get('Content-Type') ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return readMultipart(request, files);
  if (!type.startsWith('application/x-www-form-urlencoded')) throw badRequest();
  let text: string;
  try {
    text = await request.text();
  } catch {
    throw badRequest();
  }
  const formData = new FormData();
  for (const [name, value] of parseUrlEncoded(text)) formData.append(name, value);
  return { formData, files: [], extraFiles: 0 };
}

async function readMultipart(request: Request, options: FileOptions | undefined): Promise<FormBody> {
  const files: UploadedFile[] = [];
  let extraFiles = 0;
  let parts = 0;
  const handler: UploadHandler = async ({ name, filename, contentType, data }) => {
    if (++parts > BODY_LIMITS.fields || name.length > BODY_LIMITS.nameChars) throw tooLarge();
    const chunks: Uint8Array[] = [];
    let size = 0;
    const wanted = filename !== undefined && options !== undefined && name === options.fileField;
    const limit = filename === undefined ? BODY_LIMITS.valueChars : wanted ? options!.maxFileBytes : 0;
    let over = false;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > limit) over = true;
      else chunks.push(chunk);
    }
    if (filename === undefined) {
      if (over) throw tooLarge();
      return cleanText(Buffer.concat(chunks).toString('utf8'));
    }
    if (!wanted || filename === '' || size === 0) return undefined;
    if (files.length >= options!.maxFiles) {
      extraFiles++;
      return undefined;
    }
    files.push({ field: name, filename: cleanText(filename), contentType, bytes: over ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge: over });
    return undefined;
  };
  let parsed: FormData;
  try {
    parsed = await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof Response) throw error;
    throw badRequest();
  }
  // Part names are cleaned like urlencoded ones.
  const formData = new FormData();
  for (const [name, value] of parsed.entries()) formData.append(cleanText(name), value);
  return { formData, files, extraFiles };
}
