import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type AppBuild, type RunningServer } from '../../server/app';
import { createTestDatabase, type TestDatabase } from './database';
import { MailCatcher } from './mail-catcher';

/**
 * The real server (the production Remix build, Express, socket.io) on a free port, with its own
 * database (a copy of the run's migrated base seeded with the demo city: tests/support/database.ts)
 * and a real SMTP server catching its mail.
 * Needs `npm run build` first (npm test does it).
 */
export type TestServer = RunningServer & {
  mail: MailCatcher;
  database: TestDatabase;
  stop(): Promise<void>;
  /**
   * Stops the server (close(): sockets dropped, database closed) and starts a new one on the
   * same database, data directory and port, as a redeploy would. `server`, `url` and `close`
   * then refer to the new one.
   */
  restart(): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const mail = await new MailCatcher().start();
  // A copy of the run's seeded base database when the server would seed an empty one anyway.
  const seeds = (env.SEED_DEMO ?? (env.PUBLIC_URL?.startsWith('https:') ? 'false' : 'true')) === 'true';
  const database = await createTestDatabase(undefined, { seeded: seeds && !env.DATABASE_URL });
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'townsquare-'));
  // The seeded rows' files (avatars) come with the copy of the base database.
  if (database.seedFiles && existsSync(database.seedFiles) && !env.UPLOADS_DIR)
    cpSync(database.seedFiles, join(dataDir, 'uploads'), { recursive: true });
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    SMTP_URL: mail.url,
    PUBLIC_URL: `http://localhost:${port}`,
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'test-secret-that-is-long-enough-for-the-schema',
    ...env,
  });
  const build = (await import(/* @vite-ignore */ pathToFileURL(resolve('build/index.js')).href)) as AppBuild;
  let running = await startServer(build, { port, host: '127.0.0.1' });
  const test: TestServer = {
    server: running.server,
    url: running.url,
    mail,
    database,
    close: () => running.close(),
    async restart() {
      await running.close();
      running = await startServer(build, { port, host: '127.0.0.1' });
      test.server = running.server;
      test.url = running.url;
      // fetch's pool may still hold keep-alive sockets the old server closed: a request that
      // lands on one fails, and drops it. Spend those on health checks, not on the test's requests.
      for (let i = 0; i < 20; i++) {
        const ok = await fetch(`${running.url}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok && i > 0) break;
      }
    },
    async stop() {
      await running.close();
      await mail.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return test;
}
