import type { ActionFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { callerOf } from '~/lib/caller.server';
import { consume } from '~/lib/rate-limit.server';
import { statusOf } from '~/lib/respond.server';
import type { Failure } from '~/lib/result';
import { readFormWithFiles } from '~/lib/security.server';
import { pictureUploadOptions, uploadPostPicture } from '~/modules/channels/post-pictures.server';
import { channelAccess, findChannel } from '~/modules/channels/queries.server';

/**
 * POST /channels/<id or slug>/pictures (multipart: `picture`, and the page's CSRF token): the
 * editor's picture upload. Signed in (401), someone who may post in the channel (403; no such
 * channel 404), at most 30 per 10 minutes (429). Answers 201 `{ id, url, width, height }`, the
 * picture staged for the uploader's next post, or 400 `{ error, fields }` with the reason as an
 * i18n key (not a JPEG/PNG/WebP picture by its bytes, unreadable, too large).
 */
const NO_STORE = 'private, no-store';
const refused = (failure: Failure) =>
  json(
    { error: failure.code, fields: failure.fieldErrors ?? {} },
    { status: statusOf(failure.code), headers: { 'Cache-Control': NO_STORE } },
  );

export async function action({ request, params, context }: ActionFunctionArgs) {
  const caller = await callerOf(request, context);
  if (!caller.user) return json({ error: 'unauthorized' }, { status: 401, headers: { 'Cache-Control': NO_STORE } });
  await consume('pictureUploadAccount', caller.user.id);
  const { files } = await readFormWithFiles(request, pictureUploadOptions);
  const channel = await findChannel((params.slug ?? '').slice(0, 100));
  if (!channel) return refused({ ok: false, code: 'notFound' });
  const { readable, member } = await channelAccess(caller.user, channel);
  if (!readable) return refused({ ok: false, code: 'forbidden' });
  const result = await uploadPostPicture(caller, channel, member, files[0]);
  if (!result.ok) return refused(result);
  return json(result.value, { status: 201, headers: { 'Cache-Control': NO_STORE } });
}
