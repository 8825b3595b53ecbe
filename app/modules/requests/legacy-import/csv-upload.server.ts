import { replyForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmissionWithFiles } from '~/lib/submission.server';
import { readCsv } from './csv.server';
import { UploadFormSchema } from './fields';

/**
 * A form's one uploaded CSV file (field `file`, up to `maxBytes`; the legacy import, the census),
 * read: the submission, the file's name and contents; or the form's answer refusing it, the
 * reason on the field (400, or 413 for a file too large).
 */
export async function readCsvUpload(request: Request, maxBytes: number) {
  const { submission, files } = await readSubmissionWithFiles(request, UploadFormSchema, {
    fileField: 'file',
    maxFiles: 1,
    maxFileBytes: maxBytes,
  });
  if (submission.status !== 'success') return { refused: replyForm(submission) };
  const refuse = (key: string, status = 400) => {
    const reply = replyForm(submission, fail.invalid({ file: key }));
    return { refused: status === 400 ? reply : new Response(reply.body, { status, headers: reply.headers }) };
  };
  const file = files[0];
  if (!file) return refuse('admin:imports.errors.noFile');
  if (file.tooLarge) return refuse('admin:imports.errors.tooLarge', 413);
  const read = readCsv(file.bytes);
  if (!read.ok) return refuse(read.error);
  return { submission, fileName: file.filename, ...read };
}
