import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { json } from '@remix-run/node';
import sharp from 'sharp';
import { beforeCommit, db, inChunks, transaction, type Tx } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { logger } from '~/lib/logger.server';
import type { UploadedFile } from '~/lib/security.server';
import { PHOTO_TYPES } from '~/lib/pictures';

/**
 * Photos of service requests and of budget proposals. A photo is accepted by its bytes (magic numbers), never by its name or declared
 * type, then decoded and re-encoded by sharp (libvips) without any metadata: EXIF (GPS position,
 * camera serial), XMP and comments are gone; the EXIF orientation is applied first so the picture
 * stays upright. Files are written under a temporary name before the database transaction and
 * moved to their final name only as it commits; on failure both are removed
 * (docs/decisions/0011-service-requests.md).
 */
export type PhotoType = (typeof PHOTO_TYPES)[number];
export type ProcessedPhoto = { bytes: Buffer; mimeType: PhotoType; ext: string; width: number; height: number; sha256: string };

/** The largest side a stored photo keeps (bigger ones are scaled down), and the decode limit. */
const MAX_SIDE = 2560;
const MAX_INPUT_PIXELS = 50_000_000;

export function sniffImage(bytes: Uint8Array): PhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

const EXT: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * Checks and re-encodes one uploaded photo; the error is an i18n key for the form. `square` crops
 * it to a centred square of that side in WebP instead (avatars), whatever type it came in;
 * `maxSide` keeps its type and shape within a smaller box (the city's logo).
 */
export async function processPhoto(
  file: Pick<UploadedFile, 'bytes' | 'tooLarge'>,
  options: { square?: number; maxSide?: number } = {},
): Promise<{ ok: true; photo: ProcessedPhoto } | { ok: false; error: string }> {
  if (file.tooLarge) return { ok: false, error: 'requests:errors.photoTooLarge' };
  const sniffed = sniffImage(file.bytes);
  if (!sniffed) return { ok: false, error: 'requests:errors.photoType' };
  const type: PhotoType = options.square ? 'image/webp' : sniffed;
  try {
    let pipeline = sharp(file.bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(
        options.square
          ? { width: options.square, height: options.square, fit: 'cover' }
          : { width: options.maxSide ?? MAX_SIDE, height: options.maxSide ?? MAX_SIDE, fit: 'inside', withoutEnlargement: true },
      );
    // No withMetadata()/keepMetadata(): sharp writes no EXIF, XMP, IPTC or ICC chunks by default.
    if (type === 'image/jpeg') pipeline = pipeline.jpeg({ quality: 85, mozjpeg: true });
    else if (type === 'image/png') pipeline = pipeline.png({ compressionLevel: 9 });
    else pipeline = pipeline.webp({ quality: 85 });
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return {
      ok: true,
      photo: {
        bytes: data,
        mimeType: type,
        ext: EXT[type],
        width: info.width,
        height: info.height,
        sha256: createHash('sha256').update(data).digest('hex'),
      },
    };
  } catch {
    return { ok: false, error: 'requests:errors.photoUnreadable' };
  }
}

function uploadsDir() {
  return getEnv().UPLOADS_DIR;
}

/** The absolute path of a stored file; a path that would leave the uploads directory is refused. */
function storedPath(relativePath: string): string {
  const root = resolve(uploadsDir());
  const full = resolve(root, relativePath);
  if (!full.startsWith(root + sep)) throw new Error('path outside the uploads directory');
  return full;
}

export type StagedFile = { tmp: string; final: string; relativePath: string; photo: ProcessedPhoto };

/** What a photo belongs to: its Attachment row's ownerKind and ownerId (also its folder under uploads/). */
export type PhotoOwner = { kind: 'request' | 'proposal' | 'avatar' | 'logo' | 'post' | 'postDraft'; id: string };

/** Writes photos under temporary names (uploads/tmp), choosing their final relative paths under `<kind>s/`. */
export async function stagePhotos(photos: ProcessedPhoto[], kind: PhotoOwner['kind'] = 'request', now = new Date()): Promise<StagedFile[]> {
  if (!photos.length) return [];
  const root = uploadsDir();
  const tmpDir = join(root, 'tmp');
  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  // Owner-only: photos may show people's homes (the process umask says the same, see server/index.ts).
  await mkdir(tmpDir, { recursive: true, mode: 0o700 });
  await mkdir(join(root, `${kind}s`, month), { recursive: true, mode: 0o700 });
  const staged: StagedFile[] = [];
  try {
    for (const photo of photos) {
      const name = randomBytes(16).toString('hex');
      const relativePath = `${kind}s/${month}/${name}.${photo.ext}`;
      const tmp = join(tmpDir, `${name}.part`);
      staged.push({ tmp, final: storedPath(relativePath), relativePath, photo });
      await writeFile(tmp, photo.bytes, { flag: 'wx', mode: 0o600 });
    }
  } catch (error) {
    await discardStaged(staged);
    throw error;
  }
  return staged;
}

/** Moves staged files to their final names (same directory tree: an atomic rename each). */
export async function commitStaged(staged: StagedFile[]) {
  for (const file of staged) {
    await mkdir(dirname(file.final), { recursive: true, mode: 0o700 });
    await rename(file.tmp, file.final);
  }
}

/** Removes staged files wherever they are (temporary or final name). */
export async function discardStaged(staged: StagedFile[]) {
  await Promise.all(staged.flatMap((f) => [rm(f.tmp, { force: true }), rm(f.final, { force: true })]));
}

/** discardStaged for a failed write's clean-up: a file left over is logged, never the answer. */
export async function discardStagedQuietly(staged: StagedFile[]) {
  await discardStaged(staged).catch((e) => logger().error({ err: (e as Error).message }, 'upload cleanup failed'));
}

/** The Attachment row of a staged photo (the demo seed writes these in bulk). */
export function attachmentData(file: StagedFile, owner: PhotoOwner, createdById: string | null) {
  const { mimeType, bytes, sha256, width, height } = file.photo;
  return {
    ownerKind: owner.kind,
    ownerId: owner.id,
    path: file.relativePath,
    mimeType,
    size: bytes.length,
    sha256,
    width,
    height,
    createdById,
  };
}

/** The Attachment rows of staged photos, written in the owner's transaction. */
export async function attachStaged(tx: Tx, staged: StagedFile[], owner: PhotoOwner, createdById: string | null) {
  for (const file of staged) await tx.attachment.create({ data: attachmentData(file, owner, createdById) });
}

/**
 * Stores `photo` as the one picture of `owner` (a person's avatar, the city's logo), replacing any
 * earlier one: staged first, its row written in one transaction with `record` (which points the
 * owner at the new row's id, and audits), the file moved into place as that commits, the replaced
 * files removed once it has.
 */
export async function replaceSinglePicture(
  owner: PhotoOwner,
  photo: ProcessedPhoto,
  createdById: string | null,
  record: (tx: Tx, attachmentId: string) => Promise<void>,
) {
  const staged = await stagePhotos([photo], owner.kind);
  let removed: string[] = [];
  try {
    await transaction(async (tx) => {
      removed = await dropOwnerRows(tx, owner);
      await attachStaged(tx, staged, owner, createdById);
      const row = await tx.attachment.findUniqueOrThrow({ where: { path: staged[0]!.relativePath }, select: { id: true } });
      await record(tx, row.id);
      beforeCommit(tx, () => commitStaged(staged));
    });
  } catch (error) {
    await discardStagedQuietly(staged);
    throw error;
  }
  await removeStored(removed);
}

/** Removes the one picture of `owner` in one transaction with `record` (which clears the owner's pointer, and audits); its file goes once that has committed. */
export async function removeSinglePicture(owner: PhotoOwner, record: (tx: Tx) => Promise<void>) {
  const removed = await transaction(async (tx) => {
    const paths = await dropOwnerRows(tx, owner);
    await record(tx);
    return paths;
  });
  await removeStored(removed);
}

/** Deletes an owner's attachment rows in `tx` and answers their files' paths, for removeStored once it has committed. */
export async function dropOwnerRows(tx: Tx, owner: PhotoOwner): Promise<string[]> {
  const where = { ownerKind: owner.kind, ownerId: owner.id };
  const rows = await tx.attachment.findMany({ where, select: { path: true } });
  if (rows.length) await tx.attachment.deleteMany({ where });
  return rows.map((r) => r.path);
}

/** Deletes stored files whose rows are gone (after the commit that removed them); a failure is logged. */
export async function removeStored(relativePaths: string[]) {
  await Promise.all(
    relativePaths.map((path) =>
      rm(storedPath(path), { force: true }).catch((e) => logger().error({ err: (e as Error).message }, 'photo removal failed')),
    ),
  );
}

/** An owner's photos in the order they were added, with what an img tag needs. */
export function photosOf(owner: PhotoOwner) {
  return db().attachment.findMany({
    where: { ownerKind: owner.kind, ownerId: owner.id },
    select: { id: true, mimeType: true, width: true, height: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}
export type PhotoItem = Awaited<ReturnType<typeof photosOf>>[number];

/** The first photo of each of these owners (one kind), by owner id, for lists that show one small. */
export async function firstPhotos(kind: PhotoOwner['kind'], ownerIds: string[]): Promise<Map<string, PhotoItem>> {
  const rows = await inChunks(ownerIds, (part) =>
    db().attachment.findMany({
      where: { ownerKind: kind, ownerId: { in: part } },
      select: { ownerId: true, id: true, mimeType: true, width: true, height: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
  );
  const first = new Map<string, PhotoItem>();
  for (const { ownerId, ...photo } of rows) if (!first.has(ownerId)) first.set(ownerId, photo);
  return first;
}

/**
 * Removes staged files left behind by a process that stopped between writing them and its
 * transaction (a crash or a kill): anything in uploads/tmp older than `olderThanMs`.
 */
export async function sweepStaleStaged(olderThanMs = 24 * 3600 * 1000, now = Date.now()): Promise<number> {
  const tmpDir = join(uploadsDir(), 'tmp');
  let names: string[];
  try {
    names = await readdir(tmpDir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const path = join(tmpDir, name);
    const info = await stat(path).catch(() => null);
    if (info?.isFile() && now - info.mtimeMs > olderThanMs) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}

export async function readStored(relativePath: string): Promise<Buffer | null> {
  try {
    return await readFile(storedPath(relativePath));
  } catch {
    return null;
  }
}

/**
 * One of an owner's photos as the answer to its GET (null owner: the reader may not see them, 404).
 * Files are never in a public static directory; they were re-encoded at upload, and are sent with
 * their stored type, no sniffing, and private caching only.
 */
export async function photoResponse(owner: PhotoOwner | null, attachmentId: string | undefined): Promise<Response> {
  const attachment =
    owner && attachmentId && attachmentId.length <= 40
      ? await db().attachment.findFirst({
          where: { id: attachmentId, ownerKind: owner.kind, ownerId: owner.id },
          select: { path: true, mimeType: true, sha256: true },
        })
      : null;
  return storedPictureResponse(attachment, 'private, max-age=3600');
}

/**
 * A stored picture (an Attachment row's file) as the answer to its GET, 404 when there is none:
 * sent with its stored type, no sniffing, sandboxed; `cacheControl` says who may keep it how long.
 */
export async function storedPictureResponse(
  attachment: { path: string; mimeType: string; sha256: string } | null,
  cacheControl: string,
): Promise<Response> {
  const bytes = attachment ? await readStored(attachment.path) : null;
  if (!attachment || !bytes) throw json({ error: 'notFound' }, { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': attachment.mimeType,
      'Content-Length': String(bytes.length),
      'Content-Disposition': 'inline',
      'Cache-Control': cacheControl,
      ETag: `"${attachment.sha256}"`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}
