import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { sqlitePath } from './db.server';

/**
 * A small migration runner for the plain SQL files in prisma/migrations/<engine>/
 * (docs/decisions/0002-migrations.md): files apply in name order, each in its own transaction,
 * and are recorded with a checksum; a changed file that was already applied stops start-up.
 */
export type MigrationResult = { applied: string[]; total: number };

const TABLE = '_townsquare_migrations';

export function migrationFiles(engine: 'sqlite' | 'postgres', root = process.cwd()) {
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
  return databaseUrl.startsWith('file:') ? migrateSqlite(databaseUrl, options.upTo) : migratePostgres(databaseUrl, options.upTo);
}

function pending(files: ReturnType<typeof migrationFiles>, upTo?: string) {
  return upTo ? files.filter((f) => f.name <= upTo) : files;
}

function migrateSqlite(url: string, upTo?: string): MigrationResult {
  const file = sqlitePath(url);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const conn = new Database(file, { timeout: 10000 });
  try {
    conn.pragma('journal_mode = WAL');
    // SQLite changes a table by copying it into a new one and dropping the old one. With foreign
    // keys on, that DROP would cascade-delete every row that points at the table, so they are off
    // while migrating (the pragma only works outside a transaction) and checked before commit.
    conn.pragma('foreign_keys = OFF');
    conn.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const files = pending(migrationFiles('sqlite'), upTo);
    const applied: string[] = [];
    // BEGIN IMMEDIATE takes the write lock, so two processes starting together do not race.
    conn.exec('BEGIN IMMEDIATE');
    try {
      const rows = conn.prepare(`SELECT name, checksum FROM ${TABLE}`).all() as { name: string; checksum: string }[];
      const done = new Map(rows.map((r) => [r.name, r.checksum]));
      checkApplied(done, files);
      for (const f of files) {
        if (done.has(f.name)) continue;
        conn.exec(f.sql);
        conn.prepare(`INSERT INTO ${TABLE} (name, checksum, applied_at) VALUES (?, ?, ?)`).run(f.name, f.checksum, new Date().toISOString());
        applied.push(f.name);
      }
      const broken = conn.pragma('foreign_key_check') as unknown[];
      if (broken.length) throw new Error(`Migration left ${broken.length} rows with broken foreign keys`);
      conn.exec('COMMIT');
    } catch (error) {
      conn.exec('ROLLBACK');
      throw error;
    }
    return { applied, total: files.length };
  } finally {
    conn.close();
  }
}

async function migratePostgres(url: string, upTo?: string): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One process migrates at a time; the others wait and then find nothing to do.
    await client.query('SELECT pg_advisory_lock(7412001)');
    await client.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`);
    const files = pending(migrationFiles('postgres'), upTo);
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM ${TABLE}`);
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    checkApplied(done, files);
    const applied: string[] = [];
    for (const f of files) {
      if (done.has(f.name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(f.sql);
        await client.query(`INSERT INTO ${TABLE} (name, checksum, applied_at) VALUES ($1, $2, now())`, [f.name, f.checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${f.name} failed: ${(error as Error).message}`);
      }
      applied.push(f.name);
    }
    return { applied, total: files.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock(7412001)').catch(() => {});
    await client.end();
  }
}
