import { parseWithZod } from '@conform-to/zod';
import type { z } from 'zod';
import { neighborhoodExists } from '~/modules/places/queries.server';
import type { FieldSet } from '~/modules/requests/catalog/schemas';
import { getVersionFields, type IntakeType } from './intake-queries.server';

/**
 * Reading an intake form, shared by the resident's form, staff recording on someone's behalf and
 * the promote page: Conform with the schema for the field version the form showed (versions never
 * change; an unknown one falls back to the current), then what only the server can check (the
 * neighborhood exists) as extra field errors for `replyForm(submission, fail.invalid(errors))`.
 * Files are read by the route (readFormWithFiles), never kept: the browser must pick them again.
 */
export async function postedFields(formData: FormData, type: IntakeType | null): Promise<{ version: number; fields: FieldSet }> {
  if (!type) return { version: 0, fields: [] };
  const posted = Number(formData.get('version'));
  if (Number.isInteger(posted) && posted >= 1 && posted <= 1_000_000 && posted !== type.currentVersion) {
    const fields = await getVersionFields(type.id, posted);
    if (fields) return { version: posted, fields };
  }
  return { version: type.currentVersion, fields: type.fields };
}

export async function readIntakeSubmission<S extends z.ZodTypeAny>(
  formData: FormData,
  type: IntakeType | null,
  schemaFor: (fields: FieldSet) => S,
) {
  const { version, fields } = await postedFields(formData, type);
  const submission = parseWithZod(formData, { schema: schemaFor(fields) });
  const errors: Record<string, string[]> = {};
  const neighborhood = formData.get('neighborhoodId');
  if (
    typeof neighborhood === 'string' &&
    neighborhood.trim() &&
    neighborhood.length <= 64 &&
    !(await neighborhoodExists(neighborhood.trim()))
  )
    errors.neighborhoodId = ['forms:choose'];
  return { submission, version, errors };
}
