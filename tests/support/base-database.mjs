// Run by tests/support/database.ts in a child process: migrates DATABASE_URL and seeds the demo
// city into it exactly as the server does at start (the built app's lifecycle.startUp), then
// closes it. Integration test files get copies of this database instead of each migrating and
// seeding their own. The files the seed uploads (the residents' avatars) are kept in
// BASE_UPLOADS_DIR, for each copy's server to start with.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dataDir = mkdtempSync(join(tmpdir(), 'ts-base-'));
Object.assign(process.env, {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATA_DIR: dataDir,
  SEED_DEMO: 'true',
  PUBLIC_URL: 'http://localhost:3000',
  UPLOADS_DIR: process.env.BASE_UPLOADS_DIR ?? join(dataDir, 'uploads'),
});
const build = await import(pathToFileURL(resolve('build/index.js')).href);
const { lifecycle } = build.entry.module;
await lifecycle.startUp({ seed: true, jobs: false });
await lifecycle.shutDown();
rmSync(dataDir, { recursive: true, force: true });
