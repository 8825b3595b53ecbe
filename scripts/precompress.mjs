// Writes a Brotli (quality 11) and a gzip (level 9) copy beside every script and stylesheet of
// the client build, once at build time, so the server sends the smallest form a browser accepts
// (express-static-gzip in server/app.ts) without compressing on every request. Brotli 11 is too
// slow to run per request; this is where the thread page's JavaScript budget is met.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const root = process.argv[2] ?? 'public/build';
const br = promisify(brotliCompress);
const gz = promisify(gzip);

const files = (await readdir(root, { recursive: true })).filter((name) => /\.(js|css)$/.test(name));
let raw = 0;
let brotli = 0;
for (const name of files) {
  const path = join(root, name);
  const bytes = await readFile(path);
  const [small, zipped] = await Promise.all([
    br(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
    gz(bytes, { level: 9 }),
  ]);
  await Promise.all([writeFile(`${path}.br`, small), writeFile(`${path}.gz`, zipped)]);
  raw += bytes.length;
  brotli += small.length;
}
console.log(`precompressed ${files.length} files: ${Math.round(raw / 1024)} KB -> ${Math.round(brotli / 1024)} KB brotli`);
