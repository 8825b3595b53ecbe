import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { dropBaseDatabases } from './database';

/**
 * Vitest global setup: a directory for this run (TEST_RUN_DIR, inherited by the workers), where
 * the first test file that needs it builds the migrated, seeded base database the others copy
 * (tests/support/database.ts). Removed, with any PostgreSQL base database, after the run.
 */
export default function setup() {
  const dir = resolve('tests/.tmp', `run-${process.pid}-${randomBytes(3).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  process.env.TEST_RUN_DIR = dir;
  return async () => {
    await dropBaseDatabases(dir);
    rmSync(dir, { recursive: true, force: true });
  };
}
