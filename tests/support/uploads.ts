import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The test server's uploads directory (UPLOADS_DIR's default under its DATA_DIR). */
export const uploads = () => join(process.env.DATA_DIR!, 'uploads');

/** Every file under the uploads directory (relative paths). */
export function storedFiles(dir = uploads(), prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? storedFiles(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}
