import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { replyForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmissionWithFiles } from '~/lib/submission.server';
import { cleanText } from '~/lib/text';
import { UploadFormSchema } from './fields';

/**
 * Reading a legacy CSV file: UTF-8 with or without a byte-order mark, comma, semicolon (as
 * spreadsheets write it in Spanish locales) or tab separated, the first row being the headers.
 * Anything else is refused with an i18n key instead of being half read.
 */
export type CsvFile = { headers: string[]; rows: string[][] };
const MAX_COLUMNS = 200;
export type CsvResult = { ok: true; file: CsvFile; text: string } | { ok: false; error: string };

const DELIMITERS = [',', ';', '\t'] as const;

/** Decodes the uploaded bytes (UTF-8 only: a wrong encoding would store garbled names). */
function decodeCsv(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: string } {
  if (bytes.includes(0)) return { ok: false, error: 'admin:imports.errors.notCsv' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    return { ok: false, error: 'admin:imports.errors.encoding' };
  }
}

/** The separator used by the header line: the most frequent of comma, semicolon and tab. */
function delimiterOf(text: string) {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let best: (typeof DELIMITERS)[number] = ',';
  for (const d of DELIMITERS) if (firstLine.split(d).length > firstLine.split(best).length) best = d;
  return best;
}

export function parseCsv(text: string): CsvResult {
  const clean = text.replace(/^\uFEFF/, '');
  let records: string[][];
  try {
    records = parse(clean, { delimiter: delimiterOf(clean), relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch {
    return { ok: false, error: 'admin:imports.errors.notCsv' };
  }
  // Cells become request text: cleaned like any text input (controls, noncharacters out).
  const [headerRow, ...rows] = records.map((record) => record.map(cleanText));
  const headers = (headerRow ?? []).map((h) => h.trim());
  if (headers.length < 2 || headers.some((h) => h === '')) return { ok: false, error: 'admin:imports.errors.notCsv' };
  if (new Set(headers).size !== headers.length) return { ok: false, error: 'admin:imports.errors.duplicateHeaders' };
  // Each column gets a row on the mapping page; a case export has a few dozen at most.
  if (headers.length > MAX_COLUMNS) return { ok: false, error: 'admin:imports.errors.tooManyColumns' };
  if (!rows.length) return { ok: false, error: 'admin:imports.errors.noRows' };
  return { ok: true, file: { headers, rows }, text: clean };
}

export function readCsv(bytes: Uint8Array): CsvResult {
  const decoded = decodeCsv(bytes);
  return decoded.ok ? parseCsv(decoded.text) : decoded;
}

/**
 * The one file posted with a form (`file` field, multipart) and the form's other fields read by
 * `schema`; or the form's answer to send back instead: fields invalid (400), no file (400),
 * larger than `maxBytes` (413).
 */
export async function readUpload<S extends z.ZodTypeAny>(request: Request, schema: S, maxBytes: number) {
  const { submission, files } = await readSubmissionWithFiles(request, schema, { fileField: 'file', maxFiles: 1, maxFileBytes: maxBytes });
  if (submission.status !== 'success') return { ok: false, reply: replyForm(submission) } as const;
  const file = files[0];
  const refuse = (key: string) => replyForm(submission, fail.invalid({ file: key }));
  if (!file) return { ok: false, reply: refuse('admin:imports.errors.noFile') } as const;
  if (file.tooLarge) {
    const reply = refuse('admin:imports.errors.tooLarge');
    return { ok: false, reply: new Response(reply.body, { status: 413, headers: reply.headers }) } as const;
  }
  return { ok: true, submission, file, refuse } as const;
}

/** An uploaded text file as UTF-8 text, or the i18n key of why not (binary, another encoding). */
export function readTextUpload(bytes: Uint8Array) {
  return decodeCsv(bytes);
}

/**
 * A CSV file posted with an upload form (UploadFormSchema: one `file` field, multipart), read and
 * decoded; or the form's answer to send back instead: no file (400), larger than `maxBytes`
 * (413), not a CSV file (400). The legacy import and the budget facts import read theirs here.
 */
export async function readCsvUpload(request: Request, maxBytes: number) {
  const upload = await readUpload(request, UploadFormSchema, maxBytes);
  if (!upload.ok) return upload;
  const { submission, file, refuse } = upload;
  const read = readCsv(file.bytes);
  if (!read.ok) return { ok: false, reply: refuse(read.error) } as const;
  return { ok: true, submission, fileName: file.filename, file: read.file, text: read.text } as const;
}
