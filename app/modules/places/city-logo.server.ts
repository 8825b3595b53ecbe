import type { Caller } from '~/lib/caller.server';
import { afterCommit, db } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { fail, ok, type Result } from '~/lib/result';
import type { UploadedFile } from '~/lib/security.server';
import { audit } from '~/modules/audit/audit.server';
import { authorize, refused } from '~/modules/identity/policy';
import {
  processPhoto,
  removeSinglePicture,
  replaceSinglePicture,
  storedPictureResponse,
} from '~/modules/requests/intake/photo-uploads.server';
import { forgetCity } from './queries.server';

/**
 * The city's logo, set by admins on /admin/city/logo. It takes the avatars' path (the request
 * photo helpers): accepted by its bytes (JPEG, PNG or WebP; SVG and anything else refused, since a
 * picture that can carry script is never served), re-encoded by sharp without metadata within a
 * 512 px box (a PNG keeps its transparency), moved into place as the transaction commits. The
 * Attachment row (ownerKind `logo`, ownerId `city`) holds the file; City.logoId points at it and
 * is the version in its URL, so each URL is cached for good.
 */

/** The largest logo accepted (bytes) and the box it is stored within (px). */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
const LOGO_SIDE = 512;
const OWNER = { kind: 'logo', id: 'city' } as const;

/** How the logo form's file is read (readSubmissionWithFiles). */
export const logoUploadOptions = { fileField: 'logo', maxFiles: 1, maxFileBytes: LOGO_MAX_BYTES } as const;

/** Sets the city's logo from the uploaded file, replacing any earlier one (its file removed once committed). */
export async function setLogo(caller: Caller, files: UploadedFile[], extraFiles: number): Promise<Result> {
  const actor = authorize(caller, 'manage:city');
  if (refused(actor)) return actor;
  const file = files[0];
  if (!file || extraFiles > 0) return fail.invalid({ logo: msg('admin:logo.chooseOne') });
  const processed = await processPhoto(file, { maxSide: LOGO_SIDE });
  if (!processed.ok) {
    return fail.invalid({ logo: msg(processed.error, { name: file.filename.slice(0, 80), max: LOGO_MAX_BYTES / 1024 / 1024 }) });
  }
  await replaceSinglePicture(OWNER, processed.photo, caller.user?.id ?? null, async (tx, logoId) => {
    await tx.city.update({ where: { id: 1 }, data: { logoId } });
    const { mimeType, width, height } = processed.photo;
    await audit(tx, {
      actorId: caller.user?.id ?? null,
      action: 'city.logo-set',
      targetKind: 'city',
      targetId: '1',
      after: { logoId, mimeType, width, height },
      requestId: caller.requestId,
    });
    afterCommit(tx, forgetCity);
  });
  return ok();
}

/** Back to the generic mark: the logo's row and file go. */
export async function removeLogo(caller: Caller): Promise<Result> {
  const actor = authorize(caller, 'manage:city');
  if (refused(actor)) return actor;
  await removeSinglePicture(OWNER, async (tx) => {
    const before = await tx.city.findUnique({ where: { id: 1 }, select: { logoId: true } });
    await tx.city.update({ where: { id: 1 }, data: { logoId: null } });
    await audit(tx, {
      actorId: caller.user?.id ?? null,
      action: 'city.logo-remove',
      targetKind: 'city',
      targetId: '1',
      before,
      requestId: caller.requestId,
    });
    afterCommit(tx, forgetCity);
  });
  return ok();
}

/** GET /city/logo/<version>: public and immutable (a new logo has a new version); only the current one is served. */
export async function logoResponse(version: string | undefined): Promise<Response> {
  const city =
    version && version.length <= 40 ? await db().city.findFirst({ where: { id: 1, logoId: version }, select: { id: true } }) : null;
  const attachment =
    city && version
      ? await db().attachment.findFirst({
          where: { id: version, ownerKind: OWNER.kind, ownerId: OWNER.id },
          select: { path: true, mimeType: true, sha256: true },
        })
      : null;
  return storedPictureResponse(attachment, 'public, max-age=31536000, immutable');
}
