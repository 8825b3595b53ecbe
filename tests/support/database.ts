import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * A database for one test server: a SQLite file under tests/.tmp, or (with TEST_ENGINE=postgres)
 * a new database on TEST_POSTGRES_URL's server, dropped afterwards. Empty (the server migrates it
 * at start), or with `seeded: true` a copy of the run's base database, migrated and seeded with
 * the demo city once per run: a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL.
 */
/** `seedFiles`: for a copy of the seeded base, the uploads its rows point at (the residents' avatars). */
export type TestDatabase = { url: string; engine: 'sqlite' | 'postgres'; seedFiles?: string; drop(): Promise<void> };
type Base = { base: string; uploads: string };
type Engine = TestDatabase['engine'];

export function testEngine(): Engine {
  return process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

const uniqueName = (prefix = 'ts') => `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

function adminUrl(): string {
  const admin = process.env.TEST_POSTGRES_URL;
  if (!admin) throw new Error('TEST_ENGINE=postgres needs TEST_POSTGRES_URL (see .ci/run)');
  return admin;
}

function postgresUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function onPostgres(statement: string) {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function sqliteFile(name: string): string {
  const dir = resolve('tests/.tmp');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.db`);
}

export async function createTestDatabase(engine: Engine = testEngine(), options: { seeded?: boolean } = {}): Promise<TestDatabase> {
  const name = uniqueName();
  const seeded = options.seeded ? await baseDatabase(engine) : null;
  const base = seeded?.base ?? null;
  if (engine === 'sqlite') {
    const file = sqliteFile(name);
    if (base) copyFileSync(base, file);
    return {
      url: `file:${file}`,
      engine,
      seedFiles: seeded?.uploads,
      async drop() {
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      },
    };
  }
  await createPostgresDatabase(name, base);
  return {
    url: postgresUrl(name),
    engine,
    seedFiles: seeded?.uploads,
    drop: () => onPostgres(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function createPostgresDatabase(name: string, template: string | null) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await onPostgres(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
    } catch (error) {
      // Two copies of one template at the same moment can collide; the next attempt succeeds.
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

/**
 * The run's base database (a SQLite file path or a PostgreSQL database name): built by the first
 * test file that asks (the others wait for it) in a child process that starts the built app's
 * lifecycle on it (tests/support/base-database.mjs). Without a run directory (vitest's global
 * setup, tests/support/global-setup.ts) there is none, and each server migrates and seeds its own.
 */
async function baseDatabase(engine: Engine): Promise<Base | null> {
  const runDir = process.env.TEST_RUN_DIR;
  if (!runDir) return null;
  const ready = join(runDir, `base-${engine}.json`);
  const failed = join(runDir, `base-${engine}.error`);
  let mine = false;
  try {
    mkdirSync(join(runDir, `base-${engine}.lock`));
    mine = true;
  } catch {
    // another file is building it
  }
  if (mine) {
    try {
      writeFileSync(ready, JSON.stringify(await buildBase(engine, runDir)));
    } catch (error) {
      writeFileSync(failed, (error as Error).message);
      throw error;
    }
  }
  for (let waited = 0; !existsSync(ready); waited += 100) {
    if (existsSync(failed)) throw new Error(`the base test database could not be built:\n${readFileSync(failed, 'utf8')}`);
    if (waited > 180_000) throw new Error('timed out waiting for the base test database');
    await new Promise((r) => setTimeout(r, 100));
  }
  return JSON.parse(readFileSync(ready, 'utf8')) as Base;
}

async function buildBase(engine: Engine, runDir: string): Promise<Base> {
  const name = uniqueName('ts_base');
  const uploads = join(runDir, `${name}-uploads`);
  let url: string;
  let base: string;
  if (engine === 'sqlite') {
    base = join(runDir, `${name}.db`);
    url = `file:${base}`;
  } else {
    await onPostgres(`CREATE DATABASE ${name}`);
    writeFileSync(join(runDir, 'base-postgres.name'), name);
    base = name;
    url = postgresUrl(name);
  }
  const child = spawnSync(process.execPath, ['tests/support/base-database.mjs'], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: url, BASE_UPLOADS_DIR: uploads },
    encoding: 'utf8',
    timeout: 170_000,
  });
  if (child.status !== 0) throw new Error(`tests/support/base-database.mjs failed (${child.status}):\n${child.stderr}${child.stdout}`);
  if (engine === 'sqlite') {
    // Everything in the main file, so copying that one file copies the whole database.
    const db = new Database(base);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  return { base, uploads };
}

/** After the run (global setup's teardown): drops the PostgreSQL base database, if one was made. */
export async function dropBaseDatabases(runDir: string) {
  const file = join(runDir, 'base-postgres.name');
  if (existsSync(file)) await onPostgres(`DROP DATABASE IF EXISTS ${readFileSync(file, 'utf8').trim()} WITH (FORCE)`);
}
