import { replyForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmissionWithFiles } from '~/lib/submission.server';
import { checkPhotoFiles, decodePhotos, photoUploadOptions, type IntakeErrors } from '~/modules/requests/intake/intake-form.server';
import { ProposalSchema } from './schemas';

/**
 * A proposal's form as posted (new or edit): multipart with its photos, or url-encoded without
 * them. The fields go through Conform; the photos are checked as a request's are (count, size,
 * type by their bytes) and re-encoded only once the whole form is valid. On any error the reply
 * (400) keeps the input but the files, which the browser must pick again.
 */
export async function readProposalForm(request: Request) {
  const { submission, files, extraFiles } = await readSubmissionWithFiles(request, ProposalSchema, photoUploadOptions);
  const errors: IntakeErrors = {};
  const photoErrors = checkPhotoFiles(files, extraFiles);
  if (photoErrors.length) errors.photos = photoErrors;
  const reply = () => replyForm(submission, Object.keys(errors).length ? fail.invalid(errors) : undefined);
  if (submission.status !== 'success' || photoErrors.length) return { ok: false as const, reply: reply() };
  const photos = await decodePhotos(files, errors);
  if (!photos) return { ok: false as const, reply: reply() };
  return { ok: true as const, submission, input: submission.value, photos };
}
