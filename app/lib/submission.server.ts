import { parseWithSchema, parseWithSchemaAsync } from './schema-parse';
import type { z } from 'zod';
import { readForm, readFormWithFiles } from './security.server';
import type { FileOptions } from './form-body.server';

/**
 * Reads a form post (CSRF, honeypot, limits: security.server) and validates it with Conform and
 * the schema the page's form uses in the browser. Branch on `submission.status === 'success'`;
 * otherwise answer `replyForm(submission)` (respond.server.ts). A multi-action route's schema is
 * a discriminated union on `intent`.
 */
export async function readSubmission<S extends z.ZodTypeAny>(request: Request, schema: S, options: { honeypot?: boolean } = {}) {
  const formData = await readForm(request, options);
  return parseWithSchema(formData, schema);
}

/** The same, for a schema with async checks (e.g. a lookup in the database). */
export async function readSubmissionAsync<S extends z.ZodTypeAny>(request: Request, schema: S, options: { honeypot?: boolean } = {}) {
  const formData = await readForm(request, options);
  return parseWithSchemaAsync(formData, schema);
}

/**
 * The same, for a form that may carry files (multipart/form-data): the files are collected apart
 * (security.server readFormWithFiles) and never echoed back; the other fields go through Conform.
 */
export async function readSubmissionWithFiles<S extends z.ZodTypeAny>(
  request: Request,
  schema: S,
  options: { honeypot?: boolean } & FileOptions,
) {
  const { formData, files, extraFiles } = await readFormWithFiles(request, options);
  return { submission: parseWithSchema(formData, schema), files, extraFiles };
}
