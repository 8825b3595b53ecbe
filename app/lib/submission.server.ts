import { parseWithZod } from '@conform-to/zod';
import type { z } from 'zod';
import { readForm } from './security.server';

/**
 * Reads a form post (CSRF, honeypot, limits: security.server) and validates it with Conform and
 * the schema the page's form uses in the browser. Branch on `submission.status === 'success'`;
 * otherwise answer `replyForm(submission)` (respond.server.ts). A multi-action route's schema is
 * a discriminated union on `intent`.
 */
export async function readSubmission<S extends z.ZodTypeAny>(request: Request, schema: S, options: { honeypot?: boolean } = {}) {
  const formData = await readForm(request, options);
  return parseWithZod(formData, { schema });
}

/** The same, for a schema with async checks (e.g. a lookup in the database). */
export async function readSubmissionAsync<S extends z.ZodTypeAny>(request: Request, schema: S, options: { honeypot?: boolean } = {}) {
  const formData = await readForm(request, options);
  return parseWithZod(formData, { schema, async: true });
}
