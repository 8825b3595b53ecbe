import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';

/**
 * A fresh, empty database for one test server: a SQLite file under tests/.tmp, or (with
 * TEST_ENGINE=postgres) a new database on TEST_POSTGRES_URL's server, dropped afterwards.
 */
export type TestDatabase = { url: string; engine: 'sqlite' | 'postgres'; drop(): Promise<void> };

export function testEngine(): 'sqlite' | 'postgres' {
  return process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

export async function createTestDatabase(engine = testEngine()): Promise<TestDatabase> {
  const name = `ts_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  if (engine === 'sqlite') {
    const dir = resolve('tests/.tmp');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}.db`);
    return {
      url: `file:${file}`,
      engine,
      async drop() {
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      },
    };
  }
  const admin = process.env.TEST_POSTGRES_URL;
  if (!admin) throw new Error('TEST_ENGINE=postgres needs TEST_POSTGRES_URL (see .ci/run)');
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    engine,
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
