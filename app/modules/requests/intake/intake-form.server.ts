import { parseWithSchema } from '~/lib/schema-parse';
import type { Submission } from '@conform-to/react';
import type { z } from 'zod';
import { msg } from '~/lib/forms';
import { replyForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readForm, readFormWithFiles, type UploadedFile } from '~/lib/security.server';
import { neighborhoodExists } from '~/modules/places/queries.server';
import type { FieldSet } from '~/modules/requests/catalog/schemas';
import { MAX_PHOTO_BYTES } from '~/lib/pictures';
import { MAX_PHOTOS, PickerSearchSchema } from './intake-schemas';
import { getVersionFields, type IntakeType } from './intake-queries.server';
import { processPhoto, sniffImage, type ProcessedPhoto } from './photo-uploads.server';

/**
 * Reading an intake form, shared by the resident's form, staff recording on someone's behalf and
 * the promote page: Conform with the schema for the field version the form showed (versions never
 * change; an unknown one falls back to the current), then what only the server can check (the
 * neighborhood exists, the photos are images) as extra field errors for `replyIntake`. The schema
 * depends on a posted field (the version), so the body is read first (security.server: CSRF,
 * honeypot, limits, the maintained multipart parser) and Conform parses it after. Files are never
 * kept: the browser must pick them again.
 */
export type IntakeErrors = Record<string, string[]>;

async function postedFields(formData: FormData, type: IntakeType | null): Promise<{ version: number; fields: FieldSet }> {
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
  const submission = parseWithSchema(formData, schemaFor(fields));
  const errors: IntakeErrors = {};
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

/** A photo's name as error messages quote it, and the size limit they state (MB). */
const photoValues = (file: UploadedFile) => ({ name: file.filename.slice(0, 80), max: MAX_PHOTO_BYTES / 1024 / 1024 });

/**
 * The intake form of a request type from a post: `photos` when the form may carry them (the
 * resident's, multipart; kept only when the type allows photos). Photos over the limits or that
 * are not images are field errors on `photos`.
 */
export async function readIntake<S extends z.ZodTypeAny>(
  request: Request,
  type: IntakeType,
  schemaFor: (fields: FieldSet) => S,
  options: { honeypot?: boolean; photos?: boolean } = {},
) {
  const body = options.photos
    ? await readFormWithFiles(request, { honeypot: options.honeypot, ...photoUploadOptions })
    : { formData: await readForm(request, { honeypot: options.honeypot }), files: [], extraFiles: 0 };
  const read = await readIntakeSubmission(body.formData, type, schemaFor);
  const allowed = !!options.photos && type.photosAllowed;
  const photos = allowed ? body.files : [];
  const photoErrors = allowed ? checkPhotoFiles(photos, body.extraFiles) : [];
  if (photoErrors.length) read.errors.photos = photoErrors;
  return { ...read, photos };
}

/** Photo files read with `photoUploadOptions`: the messages for too many, too large or not images (none: all fine). */
export function checkPhotoFiles(files: UploadedFile[], extraFiles: number): string[] {
  const errors: string[] = [];
  if (extraFiles > 0) errors.push(msg('requests:errors.tooManyPhotos', { max: MAX_PHOTOS }));
  for (const file of files) {
    if (file.tooLarge) errors.push(msg('requests:errors.photoTooLarge', photoValues(file)));
    else if (!sniffImage(file.bytes)) errors.push(msg('requests:errors.photoType', { name: photoValues(file).name }));
  }
  return errors;
}

/** How a form's `photos` files are read (readFormWithFiles): the request limits, for every form that takes photos. */
export const photoUploadOptions = { fileField: 'photos', maxFiles: MAX_PHOTOS, maxFileBytes: MAX_PHOTO_BYTES } as const;

/** The form back with Conform's errors and the server's own (`errors`), the input kept. */
export function replyIntake(submission: Submission<unknown>, errors: IntakeErrors) {
  return replyForm(submission, Object.keys(errors).length ? fail.invalid(errors) : undefined);
}

/**
 * Decodes and re-encodes the photos (no metadata kept: photo-uploads.server), once the form is
 * complete and counted; a photo that cannot be read becomes an error on `photos` instead.
 */
export async function decodePhotos(files: UploadedFile[], errors: IntakeErrors): Promise<ProcessedPhoto[] | null> {
  const processed: ProcessedPhoto[] = [];
  for (const file of files) {
    const result = await processPhoto(file);
    if (result.ok) processed.push(result.photo);
    else (errors.photos ??= []).push(msg(result.error, photoValues(file)));
  }
  return errors.photos ? null : processed;
}

/** The type picker's search (GET ?q=, read with Conform like any form); a bad one searches nothing. */
export function pickerSearch(request: Request): string | undefined {
  const search = parseWithSchema(new URL(request.url).searchParams, PickerSearchSchema);
  return search.status === 'success' ? search.value.q : undefined;
}
