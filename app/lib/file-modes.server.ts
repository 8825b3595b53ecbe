import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dialectOf } from './dialect/index.server';
import type { Env } from './env.server';

/**
 * What the server keeps on disk (the SQLite database and its -wal/-shm files, the generated
 * session secret, request photos) is for the server's own user only: files 0600, directories
 * 0700. The process umask (077) makes everything it creates so; files an earlier version left
 * readable by others are tightened at start. A file owned by someone else is left alone.
 */
const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;

export function restrictNewFiles() {
  process.umask(0o077);
}

export function tightenStoredFiles(env: Env) {
  const files = [join(env.DATA_DIR, 'session-secret'), ...dialectOf(env.DATABASE_URL).files(env.DATABASE_URL)];
  for (const dir of [env.DATA_DIR, env.UPLOADS_DIR]) tighten(dir, PRIVATE_DIR);
  for (const file of files) tighten(file, PRIVATE_FILE);
}

function tighten(path: string, mode: number) {
  let info;
  try {
    info = statSync(path);
  } catch {
    return; // not there (yet): created later under the umask
  }
  if ((info.mode & 0o777 & ~mode) === 0) return;
  if (typeof process.getuid === 'function' && info.uid !== process.getuid()) return;
  chmodSync(path, mode);
}
