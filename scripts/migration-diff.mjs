// Writes the SQL migration that takes both engines from the last migrated schema to the current
// prisma/schema.prisma:  npm run db:diff -- add_threads
//
// Prisma 7's `migrate` cannot run offline, but Prisma 6.19's CLI diffs two datamodels with its
// WebAssembly engine and needs no database (docs/decisions/0002-migrations.md). It is installed on
// first use into node_modules/.cache/prisma-diff, so it never ships with the app.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENGINES, schemaFor } from './prisma-generate.mjs';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_').toLowerCase();
if (!name) {
  console.error('usage: npm run db:diff -- <migration_name>');
  process.exit(2);
}

const tool = resolve('node_modules/.cache/prisma-diff');
if (!existsSync(join(tool, 'node_modules/prisma'))) {
  mkdirSync(tool, { recursive: true });
  writeFileSync(
    join(tool, 'package.json'),
    JSON.stringify({
      private: true,
      type: 'module',
      dependencies: { prisma: '6.19.3', '@prisma/adapter-better-sqlite3': '6.19.3' },
    }),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: tool, stdio: 'inherit' });
}
writeFileSync(
  join(tool, 'prisma.config.ts'),
  `import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
export default defineConfig({ engine: 'js', experimental: { adapter: true },
  adapter: async () => new PrismaBetterSQLite3({ url: ':memory:' }) });
`,
);

const URLS = { sqlite: 'file:./diff.db', postgres: 'postgresql://diff@localhost/diff' };
/** The datamodel for one engine, without generator and with the url Prisma 6 wants. */
function datamodel(engine, source) {
  return schemaFor(engine, source)
    .replace(/generator client \{[\s\S]*?\}\n/, '')
    .replace(/(provider = "[a-z]+")/, `$1\n  url = "${URLS[engine]}"`);
}

const snapshotPath = 'prisma/migrations/schema.snapshot.prisma';
const current = readFileSync('prisma/schema.prisma', 'utf8');
const previous = existsSync(snapshotPath) ? readFileSync(snapshotPath, 'utf8') : null;

for (const engine of Object.keys(ENGINES)) {
  const dir = `prisma/migrations/${engine}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(tool, 'to.prisma'), datamodel(engine, current));
  const from = previous === null ? ['--from-empty'] : ['--from-schema-datamodel', 'from.prisma'];
  if (previous !== null) writeFileSync(join(tool, 'from.prisma'), datamodel(engine, previous));
  const sql = execFileSync('npx', ['prisma', 'migrate', 'diff', ...from, '--to-schema-datamodel', 'to.prisma', '--script'], {
    cwd: tool,
    encoding: 'utf8',
    env: {
      ...process.env,
      PRISMA_QUERY_ENGINE_LIBRARY: '/bin/false',
      PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
  if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
    console.log(`${engine}: no changes`);
    continue;
  }
  const number = String(readdirSync(dir).filter((f) => f.endsWith('.sql')).length + 1).padStart(4, '0');
  const file = `${dir}/${number}_${name}.sql`;
  writeFileSync(file, sql.trimStart());
  console.log(`wrote ${file}`);
}
writeFileSync(snapshotPath, current);
