import { callerOf, type Caller } from '~/lib/caller.server';
import { beforeCommit, db, transaction, type Tx } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { refuse } from '~/lib/respond.server';
import { fail, ok, type Result } from '~/lib/result';
import type { UploadedFile } from '~/lib/security.server';
import type { Body } from '~/modules/content/body.server';
import { toPlainText } from '~/modules/content/plaintext';
import {
  ERRORS,
  imageNode,
  imageNodes,
  LIMITS,
  paragraphNode,
  parseRichText,
  pictureUrl,
  PICTURE_ID,
  type RichTextDoc,
} from '~/modules/content/richtext';
import { MAX_PHOTO_BYTES } from '~/lib/pictures';
import {
  attachStaged,
  commitStaged,
  discardStagedQuietly,
  dropOwnerRows,
  processPhoto,
  removeStored,
  stagePhotos,
  storedPictureResponse,
  type PhotoOwner,
} from '~/modules/requests/intake/photo-uploads.server';
import { loadPost } from './guards.server';
import { canStartThread } from './policy';
import type { Channel } from './queries.server';

/**
 * Pictures in posts (issue 15). An upload takes the request photo path (photo-uploads.server:
 * checked by its bytes, re-encoded by sharp without metadata, size bounded) and is kept as the
 * uploader's *staged* picture (Attachment ownerKind `postDraft`, ownerId the uploader) until a
 * post that shows it (an `image` node, richtext.ts) is written: then, in the post's transaction,
 * it becomes the post's (ownerKind `post`). A post may only show the writer's own staged
 * pictures or its own; staged ones never posted are swept after a day. A picture is served with
 * its post's visibility (`/pictures/<id>`): whoever may see the post, and a staged one only to
 * its uploader.
 */
export const DRAFT: PhotoOwner['kind'] = 'postDraft';
/** How the picture of a post form is read (readSubmissionWithFiles): one file, the request photo limit. */
export const pictureUploadOptions = { fileField: 'picture', maxFiles: 1, maxFileBytes: MAX_PHOTO_BYTES } as const;

export type PostPicture = { id: string; url: string; width: number; height: number };

const notYours = () => fail.invalid({ body: 'content:errors.pictureNotYours' });

/**
 * A picture uploaded for a post in `channel` by someone who may post there: re-encoded, stored,
 * staged as theirs. Errors are on `picture` (not a picture, too large, unreadable).
 */
export async function uploadPostPicture(
  caller: Caller,
  channel: Channel,
  member: boolean,
  file: UploadedFile | undefined,
): Promise<Result<PostPicture>> {
  const user = caller.user;
  if (!user || !canStartThread(user, channel, member)) return fail.forbidden();
  if (!file) return fail.invalid({ picture: 'content:errors.pictureMissing' });
  const processed = await processPhoto(file);
  if (!processed.ok)
    return fail.invalid({ picture: msg(processed.error, { name: file.filename.slice(0, 80), max: MAX_PHOTO_BYTES / 1024 / 1024 }) });
  const staged = await stagePhotos([processed.photo], 'post');
  try {
    const id = await transaction(async (tx) => {
      await attachStaged(tx, staged, { kind: DRAFT, id: user.id }, user.id);
      beforeCommit(tx, () => commitStaged(staged));
      const row = await tx.attachment.findUniqueOrThrow({ where: { path: staged[0]!.relativePath }, select: { id: true } });
      return row.id;
    });
    const { width, height } = processed.photo;
    return ok({ id, url: pictureUrl(id), width, height });
  } catch (error) {
    await discardStagedQuietly(staged);
    throw error;
  }
}

/**
 * A post form's "Add a picture" (without JavaScript): the file uploaded as uploadPostPicture does
 * and added at the end of `body`; its description is required (error on `pictureAlt`).
 */
export async function withFormPicture(
  caller: Caller,
  channel: Channel,
  member: boolean,
  file: UploadedFile | undefined,
  alt: string | undefined,
  body: Body,
): Promise<Result<Body>> {
  if (!file) return ok(body);
  const description = (alt ?? '').replace(/\s+/g, ' ').trim();
  if (!description || description.length > LIMITS.alt) return fail.invalid({ pictureAlt: ERRORS.pictureAlt });
  const uploaded = await uploadPostPicture(caller, channel, member, file);
  if (!uploaded.ok) return uploaded;
  const { id, width, height } = uploaded.value;
  const parsed = parseRichText({
    root: { ...body.doc.root, children: [...body.doc.root.children, paragraphNode([imageNode(id, description, width, height)])] },
  });
  if (!parsed.ok) return fail.invalid({ body: parsed.error });
  return ok({ doc: parsed.doc, text: toPlainText(parsed.doc) });
}

/**
 * Before a post is written: every picture it shows must be the writer's staged one, or already
 * the post's own (`postId`, an edit); otherwise the post is refused (400, on `body`). Each
 * picture's width and height are set from the stored file (in place).
 */
export async function checkPostPictures(writerId: string, doc: RichTextDoc, postId?: string): Promise<Result> {
  const nodes = imageNodes(doc);
  if (!nodes.length) return ok();
  const ids = [...new Set(nodes.map((n) => n.pictureId))];
  const mine = [{ ownerKind: DRAFT, ownerId: writerId }, ...(postId ? [{ ownerKind: 'post', ownerId: postId }] : [])];
  const rows = await db().attachment.findMany({ where: { id: { in: ids }, OR: mine }, select: { id: true, width: true, height: true } });
  if (rows.length !== ids.length) return notYours();
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const node of nodes) {
    const row = byId.get(node.pictureId)!;
    if (row.width && row.height) Object.assign(node, { width: row.width, height: row.height });
  }
  return ok();
}

/**
 * In the post's transaction: the writer's staged pictures the post shows become the post's. A
 * picture that is neither (taken by another post in between) refuses the whole write (400).
 */
export async function attachPostPictures(tx: Tx, writerId: string, postId: string, doc: RichTextDoc) {
  const ids = [...new Set(imageNodes(doc).map((n) => n.pictureId))];
  if (!ids.length) return;
  await tx.attachment.updateMany({
    where: { id: { in: ids }, ownerKind: DRAFT, ownerId: writerId },
    data: { ownerKind: 'post', ownerId: postId },
  });
  const attached = await tx.attachment.count({ where: { id: { in: ids }, ownerKind: 'post', ownerId: postId } });
  if (attached !== ids.length) throw refuse(notYours());
}

/**
 * GET /pictures/<id>: a post's picture to whoever may see the post (loadPost: the channel's
 * readers, not hidden or deleted unless they may still see it), a staged one to its uploader;
 * 404 for anyone else. Cached privately and briefly: hiding a post stops serving its pictures.
 */
export async function postPictureResponse(request: Request, context: unknown, id: string | undefined): Promise<Response> {
  const row =
    id && PICTURE_ID.test(id)
      ? await db().attachment.findFirst({
          where: { id, ownerKind: { in: ['post', DRAFT] } },
          select: { ownerKind: true, ownerId: true, path: true, mimeType: true, sha256: true },
        })
      : null;
  if (!row) throw refuse(fail.notFound());
  if (row.ownerKind === DRAFT) {
    const caller = await callerOf(request, context);
    if (caller.user?.id !== row.ownerId) throw refuse(fail.notFound());
  } else {
    await loadPost(request, row.ownerId, context);
  }
  return storedPictureResponse(row, 'private, max-age=300');
}

/** The person's post pictures (posted and staged), for their data export: where to download each. */
export async function postPicturesOf(userId: string) {
  const rows = await db().attachment.findMany({
    where: { createdById: userId, ownerKind: { in: ['post', DRAFT] } },
    select: { id: true, ownerKind: true, ownerId: true, mimeType: true, size: true, width: true, height: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(({ id, ownerKind, ownerId, ...r }) => ({ ...r, postId: ownerKind === 'post' ? ownerId : null, url: pictureUrl(id) }));
}

/** Account erasure: the person's staged pictures go (their files once `tx` commits: removeStored the paths). */
export function dropStagedPictures(tx: Tx, userId: string): Promise<string[]> {
  return dropOwnerRows(tx, { kind: DRAFT, id: userId });
}

/** The hourly clean-up: staged pictures no post took within `olderThanMs`, rows and files. */
export async function sweepStagedPictures(olderThanMs: number, now = Date.now()): Promise<number> {
  const where = { ownerKind: DRAFT, createdAt: { lt: new Date(now - olderThanMs) } };
  const rows = await db().attachment.findMany({ where, select: { id: true, path: true }, take: 500 });
  if (!rows.length) return 0;
  await db().attachment.deleteMany({ where: { id: { in: rows.map((r) => r.id) }, ownerKind: DRAFT } });
  await removeStored(rows.map((r) => r.path));
  return rows.length;
}
