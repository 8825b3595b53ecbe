import { parseWithSchema, schemaConstraint } from './schema-parse';
import { useForm, type SubmissionResult } from '@conform-to/react';
import type { z } from 'zod';

/**
 * The one form hook: Conform's useForm with the zod schema the server validates against
 * (submission.server.ts). With JavaScript the browser checks fields as they are left and
 * re-checks as they are corrected; without it, or for checks only the server can make, the
 * action's `replyForm(...)` comes back as `lastResult` with the errors and the user's input.
 * Messages are i18n keys (lib/forms.ts error map), translated where they are shown.
 */
export function useSchemaForm<S extends z.ZodTypeAny>(
  schema: S,
  options: { lastResult?: SubmissionResult<string[]> | null | unknown; defaultValue?: Record<string, unknown>; id?: string } = {},
) {
  const lastResult = isSubmissionResult(options.lastResult) ? options.lastResult : undefined;
  return useForm<z.input<S>, z.output<S>, string[]>({
    id: options.id,
    lastResult,
    defaultValue: options.defaultValue as never,
    constraint: schemaConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithSchema(formData, schema),
  });
}

/** Action data that is a form reply (not a redirect's or another route's payload). */
function isSubmissionResult(value: unknown): value is SubmissionResult<string[]> {
  return typeof value === 'object' && value !== null && 'status' in value && ('initialValue' in value || 'error' in value);
}
