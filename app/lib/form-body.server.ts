import {
  MaxHeaderSizeExceededError,
  MaxPartsExceededError,
  MaxTotalSizeExceededError,
  parseFormData,
  type FileUpload,
} from '@remix-run/form-data-parser';
import { json } from '@remix-run/node';
import { cleanText } from './text';

/**
 * What a request may send (README, "Limits"). The server refuses a larger body with 413 before
 * reading it (from Content-Length, or while a chunked body arrives: server/app.ts); the form
 * readers below refuse more fields or a longer field with 413 as well.
 */
const BODY_LIMITS = {
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

/**
 * Multipart through @remix-run/form-data-parser, in memory (the body is at most
 * BODY_LIMITS.multipartBytes: server/app.ts). More parts than BODY_LIMITS.fields, a longer part
 * name or header, or a text part over BODY_LIMITS.valueChars bytes: 413. A malformed body: 400.
 */
async function readMultipart(request: Request, options: FileOptions | undefined): Promise<FormBody> {
  const files: UploadedFile[] = [];
  let extraFiles = 0;
  const upload = async (file: FileUpload) => {
    if (file.fieldName.length > BODY_LIMITS.nameChars) throw tooLarge();
    const wanted = options !== undefined && file.fieldName === options.fileField;
    if (!wanted || file.name === '' || file.size === 0) return null;
    if (files.length >= options.maxFiles) {
      extraFiles++;
      return null;
    }
    const over = file.size > options.maxFileBytes;
    files.push({
      field: file.fieldName,
      filename: cleanText(file.name),
      contentType: file.type,
      bytes: over ? Buffer.alloc(0) : Buffer.from(await file.arrayBuffer()),
      tooLarge: over,
    });
    return null;
  };
  let parsed: FormData;
  try {
    parsed = await parseFormData(
      request,
      {
        maxParts: BODY_LIMITS.fields,
        maxFiles: BODY_LIMITS.fields,
        // Every part may be as large as the body: a file over its field's limit is kept as tooLarge
        // (above), a text part over BODY_LIMITS.valueChars refused (below).
        maxFileSize: BODY_LIMITS.multipartBytes,
        maxTotalSize: BODY_LIMITS.multipartBytes,
      },
      upload,
    );
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof MaxPartsExceededError || error instanceof MaxHeaderSizeExceededError || error instanceof MaxTotalSizeExceededError)
      throw tooLarge();
    // A malformed body (FormDataParseError, MultipartParseError) or one that ended early.
    throw badRequest();
  }
  // Text parts and their names are cleaned like urlencoded ones.
  const formData = new FormData();
  for (const [name, value] of parsed.entries()) {
    if (typeof value !== 'string') continue;
    if (name.length > BODY_LIMITS.nameChars || Buffer.byteLength(value) > BODY_LIMITS.valueChars) throw tooLarge();
    formData.append(cleanText(name), cleanText(value));
  }
  return { formData, files, extraFiles };
}
