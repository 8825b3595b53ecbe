import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dialectOf } from './dialect/index.server';
import type { MigrationResult } from './dialect/dialect';

/**
 * A small migration runner for the plain SQL files in prisma/migrations/<engine>/
 * (docs/decisions/0002-migrations.md): files apply in name order, each in its own transaction,
 * and are recorded with a checksum; a changed file that was already applied stops start-up. How
 * each engine locks (BEGIN IMMEDIATE, an advisory lock) and applies is in its dialect.
 */
export type { MigrationResult };

function migrationFiles(engine: 'sqlite' | 'postgres', root = process.cwd()) {
  const dir = resolve(root, 'prisma/migrations', engine);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

function checkApplied(applied: Map<string, string>, files: ReturnType<typeof migrationFiles>) {
  for (const [name, checksum] of applied) {
    const file = files.find((f) => f.name === name);
    if (file && file.checksum !== checksum) {
      throw new Error(`Migration ${name} was changed after it was applied; add a new migration instead.`);
    }
  }
}

/** Applies pending migrations; `upTo` (a file name) stops there, for tests of data migrations. */
export async function migrate(databaseUrl: string, options: { upTo?: string } = {}): Promise<MigrationResult> {
  const dialect = dialectOf(databaseUrl);
  const files = pending(migrationFiles(dialect.engine), options.upTo);
  const applied = await dialect.migrate(databaseUrl, files, (done) => checkApplied(done, files));
  return { applied, total: files.length };
}

function pending(files: ReturnType<typeof migrationFiles>, upTo?: string) {
  return upTo ? files.filter((f) => f.name <= upTo) : files;
}
