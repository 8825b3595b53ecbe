import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import sharp from 'sharp';
import { getEnv } from '~/lib/env.server';
import type { UploadedFile } from '~/lib/security.server';
import { PHOTO_TYPES } from './intake-schemas';

/**
 * Request photos. A photo is accepted by its bytes (magic numbers), never by its name or declared
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

/** Checks and re-encodes one uploaded photo; the error is an i18n key for the form. */
export async function processPhoto(
  file: Pick<UploadedFile, 'bytes' | 'tooLarge'>,
): Promise<{ ok: true; photo: ProcessedPhoto } | { ok: false; error: string }> {
  if (file.tooLarge) return { ok: false, error: 'requests:errors.photoTooLarge' };
  const type = sniffImage(file.bytes);
  if (!type) return { ok: false, error: 'requests:errors.photoType' };
  try {
    let pipeline = sharp(file.bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
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

/** Writes photos under temporary names (uploads/tmp), choosing their final relative paths. */
export async function stagePhotos(photos: ProcessedPhoto[], now = new Date()): Promise<StagedFile[]> {
  if (!photos.length) return [];
  const root = uploadsDir();
  const tmpDir = join(root, 'tmp');
  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  // Owner-only: photos may show people's homes (the process umask says the same, see server/index.ts).
  await mkdir(tmpDir, { recursive: true, mode: 0o700 });
  await mkdir(join(root, 'requests', month), { recursive: true, mode: 0o700 });
  const staged: StagedFile[] = [];
  try {
    for (const photo of photos) {
      const name = randomBytes(16).toString('hex');
      const relativePath = `requests/${month}/${name}.${photo.ext}`;
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
