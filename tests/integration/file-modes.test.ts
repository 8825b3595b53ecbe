import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlitePath } from '~/lib/db.server';
import { testEngine } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';

/**
 * What the server keeps on disk is readable by its own user only, after a real start: the data
 * directory (0700), the generated session secret and the SQLite database with its -wal and -shm
 * files (0600), including files an earlier version left world-readable. Photos: service-requests.test.ts.
 */
let server: TestServer;
let parent = '';
let dataDir = '';
beforeAll(async () => {
  // A data directory and secret as an older version (umask 022) left them.
  parent = mkdtempSync(join(tmpdir(), 'townsquare-modes-'));
  dataDir = join(parent, 'data');
  mkdirSync(dataDir, { mode: 0o755 });
  chmodSync(dataDir, 0o755);
  writeFileSync(join(dataDir, 'session-secret'), 'an-old-secret-that-is-long-enough-for-the-schema');
  chmodSync(join(dataDir, 'session-secret'), 0o644);
  process.umask(0o022);
  server = await startTestServer({ DATA_DIR: dataDir, SESSION_SECRET: '' });
  // A page view: the database is written to (sessions, WAL) after start.
  await fetch(server.url);
});
afterAll(async () => {
  await server?.stop();
  rmSync(parent, { recursive: true, force: true });
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe('file modes', () => {
  it("keeps the data directory and the session secret to the server's user", () => {
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'session-secret'))).toBe(0o600);
    expect(process.umask()).toBe(0o077);
  });

  it.runIf(testEngine() === 'sqlite')('creates the SQLite database and its -wal and -shm files as 0600', () => {
    const file = sqlitePath(server.database.url);
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(mode(path), path).toBe(0o600);
  });
});
