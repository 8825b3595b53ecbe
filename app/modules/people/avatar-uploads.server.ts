import type { SignedInCaller } from '~/lib/caller.server';
import { db, type Tx } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { fail, ok, type Result } from '~/lib/result';
import type { UploadedFile } from '~/lib/security.server';
import { MAX_PHOTO_BYTES } from '~/lib/pictures';
import {
  dropOwnerRows,
  processPhoto,
  removeSinglePicture,
  replaceSinglePicture,
  storedPictureResponse,
} from '~/modules/requests/intake/photo-uploads.server';
import { AVATAR_SIDE } from './avatars';

/**
 * Uploaded avatars take the request photo path (photo-uploads.server): checked by their bytes,
 * re-encoded by sharp without any metadata (here a 256 px WebP square), written under a
 * temporary name and moved into place as the transaction that records them commits. The
 * Attachment row (ownerKind `avatar`, ownerId the person) holds the file; User.avatarId points
 * at it and is the version in its URL.
 */

/** How the avatar form's file is read (readSubmissionWithFiles). */
export const avatarUploadOptions = { fileField: 'avatar', maxFiles: 1, maxFileBytes: MAX_PHOTO_BYTES } as const;

const fileValues = (file: UploadedFile) => ({ name: file.filename.slice(0, 80), max: MAX_PHOTO_BYTES / 1024 / 1024 });

/** Sets the caller's avatar from the uploaded file, replacing any earlier one (its file removed once committed). */
export async function setAvatar(caller: SignedInCaller, files: UploadedFile[], extraFiles: number): Promise<Result> {
  const file = files[0];
  if (!file || extraFiles > 0) return fail.invalid({ avatar: msg('people:errors.chooseOne') });
  const processed = await processPhoto(file, { square: AVATAR_SIDE });
  if (!processed.ok) return fail.invalid({ avatar: msg(processed.error, fileValues(file)) });
  const userId = caller.user.id;
  await replaceSinglePicture({ kind: 'avatar', id: userId }, processed.photo, userId, async (tx, avatarId) => {
    await tx.user.update({ where: { id: userId }, data: { avatarId } });
  });
  return ok();
}

/** Back to generated initials: the uploaded avatar's row and file go. */
export async function removeAvatar(caller: SignedInCaller): Promise<Result> {
  await removeSinglePicture({ kind: 'avatar', id: caller.user.id }, async (tx) => {
    await tx.user.update({ where: { id: caller.user.id }, data: { avatarId: null } });
  });
  return ok();
}

/**
 * Deletes a person's avatar rows in `tx` and answers the paths of their files, for removeStored
 * once the transaction has committed (account deletion calls this too).
 */
export function dropAvatarRows(tx: Tx, userId: string): Promise<string[]> {
  return dropOwnerRows(tx, { kind: 'avatar', id: userId });
}

/**
 * GET /people/<id>/avatar/<version>: public (the picture is shown beside the person's public
 * posts), and immutable since a new picture has a new version. Only the current one is served;
 * deleted accounts have none.
 */
export async function avatarResponse(userId: string | undefined, version: string | undefined): Promise<Response> {
  const valid = (s: string | undefined): s is string => !!s && s.length <= 40;
  const user =
    valid(userId) && valid(version)
      ? await db().user.findFirst({ where: { id: userId, avatarId: version, status: { not: 'deleted' } }, select: { id: true } })
      : null;
  const attachment =
    user && version
      ? await db().attachment.findFirst({
          where: { id: version, ownerKind: 'avatar', ownerId: user.id },
          select: { path: true, mimeType: true, sha256: true },
        })
      : null;
  // Immutable: a new picture has a new version, so a URL's bytes never change.
  return storedPictureResponse(attachment, 'public, max-age=31536000, immutable');
}

/** The stored picture's type, size and date, for the person's data export. */
export async function avatarFileOf(userId: string) {
  const row = await db().attachment.findFirst({
    where: { ownerKind: 'avatar', ownerId: userId },
    select: { mimeType: true, size: true, width: true, height: true, createdAt: true },
  });
  return row ?? {};
}
