// Generates one Prisma client per engine from the single schema in prisma/schema.prisma.
// Prisma 7's CLI would try to download a schema engine it does not need for `generate`;
// pointing PRISMA_SCHEMA_ENGINE_BINARY at /bin/false keeps it offline (see docs/decisions).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

export const ENGINES = { sqlite: 'sqlite', postgres: 'postgresql' };

export function schemaFor(engine, source = readFileSync('prisma/schema.prisma', 'utf8')) {
  return source
    .replace(/provider = "sqlite"/, `provider = "${ENGINES[engine]}"`)
    .replace(/output\s*=\s*"..\/app\/generated\/prisma"/, `output       = "../../../app/generated/${engine}"`);
}

export function writeEngineSchemas() {
  const source = readFileSync('prisma/schema.prisma', 'utf8');
  const paths = {};
  for (const engine of Object.keys(ENGINES)) {
    mkdirSync(`prisma/.generated/${engine}`, { recursive: true });
    paths[engine] = `prisma/.generated/${engine}/schema.prisma`;
    writeFileSync(paths[engine], schemaFor(engine, source));
  }
  return paths;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const paths = writeEngineSchemas();
  for (const path of Object.values(paths)) {
    execFileSync('npx', ['prisma', 'generate', '--schema', path], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    });
  }
}
