import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '~/lib/rate-limit.server';
import { Client, DEMO, signedIn } from '../support/client';
import { testEngine } from '../support/database';
import { freePort, startTestServer, type TestServer } from '../support/server';

/**
 * The database unavailable: a full disk (SQLite, on a small tmpfs) and a stopped server
 * (PostgreSQL, a throwaway instance on its own port). Requests that need the database answer 503
 * with Retry-After and a localized page (never 500), /healthz reports it, reads that need no write
 * still work, and a refused post does not use up the posting limit.
 */
const isRoot = process.getuid?.() === 0;

function mountTmpfs(megabytes: number): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'ts-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return null;
  }
}

/** Fills the file system holding `dir` with one file, to the last block. */
function fillDisk(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  for (const size of [1024 * 1024, 4096, 512]) {
    const chunk = Buffer.alloc(size);
    try {
      for (;;) writeSync(fd, chunk);
    } catch {
      // ENOSPC: try smaller pieces, then stop
    }
  }
  closeSync(fd);
  return file;
}

// A full disk is arranged on a tmpfs, which needs root (CI runs as root; elsewhere it is skipped).
describe.runIf(testEngine() === 'sqlite' && isRoot)('SQLite: disk full', () => {
  let mount: string;
  let server: TestServer;
  let rosa: Client;
  let threadId = '';

  beforeAll(async () => {
    mount = mountTmpfs(64)!;
    expect(mount).toBeTruthy();
    server = await startTestServer({ DATABASE_URL: `file:${join(mount, 'townsquare.db')}` });
    rosa = await signedIn(server.url, DEMO.resident);
    // A thread Rosa has not read yet: opening it writes her read marker.
    const moderator = await signedIn(server.url, DEMO.moderator);
    await moderator.get('/channels/n-riverside/new');
    const res = await moderator.post('/channels/n-riverside/new', {
      title: 'Before the disk filled up',
      bodyText: 'Written while there was room.',
    });
    threadId = /\/threads\/([^?#/]+)/.exec(res.headers.get('location') ?? '')![1];
    await rosa.get(`/channels/n-riverside`);
  });
  afterAll(async () => {
    await server?.stop();
    if (mount) {
      execFileSync('umount', ['-l', mount]); // lazily: the closed database may still be settling
      rmSync(mount, { recursive: true, force: true });
    }
  });

  it('answers 503 to writes, serves reads, reports it on /healthz, and recovers', async () => {
    // The write-ahead log is emptied so that the next write needs new blocks, then the disk filled.
    const conn = new Database(join(mount, 'townsquare.db'));
    conn.pragma('wal_checkpoint(TRUNCATE)');
    conn.close();
    const filler = fillDisk(mount);

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', database: 'read-only' });

    // Reading still works, anonymously and signed in (the read marker's write fails quietly).
    expect((await new Client(server.url).get(`/threads/${threadId}`)).status).toBe(200);
    const page = await rosa.get(`/threads/${threadId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Before the disk filled up');

    // Writing answers 503 with Retry-After and a page in the reader's language, more times than
    // the posting limit (30 posts in 10 minutes, 6 for a new account) allows.
    for (let attempt = 0; attempt <= LIMITS.postAccount.points; attempt++) {
      const res = await rosa.post(
        `/threads/${threadId}`,
        { bodyText: `Reply ${attempt} while the disk is full` },
        { headers: { Accept: 'text/html', 'Accept-Language': 'es' } },
      );
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('30');
      const html = await res.text();
      expect(html).toContain('<html lang="es"');
      expect(html).toContain('No disponible por el momento');
    }
    // Filing a service request: the same, more times than the hourly filing limit allows.
    const form = await rosa.get('/requests/new/graffiti');
    expect(form.status).toBe(200);
    const hidden = Object.fromEntries(
      ['submissionKey', 'version'].map((name) => [name, new RegExp(`name="${name}" value="([^"]+)"`).exec(rosa.lastHtml)?.[1] ?? '']),
    );
    const filing = {
      ...hidden,
      'a.surface': 'wall',
      'a.offensive': 'no',
      description: 'Tags on the library wall.',
      address: '12 Library Lane',
    };
    for (let attempt = 0; attempt <= LIMITS.requestFileAccount.points; attempt++) {
      const res = await rosa.post('/requests/new/graffiti', filing, { headers: { Accept: 'text/html' } });
      expect(res.status).toBe(503);
    }

    // A JavaScript form submission (Remix data request) gets a 503 its error boundary shows.
    const data = await rosa.post(`/threads/${threadId}?_data=routes%2Fthreads.%24id`, { bodyText: 'Reply through fetch' });
    expect(data.status).toBe(503);
    expect(data.headers.get('x-remix-catch')).toBe('yes');
    expect(await data.json()).toMatchObject({ error: 'unavailable' });

    // Room again: healthy, and the failed attempts did not use up Rosa's posting limit.
    rmSync(filler);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const reply = await rosa.post(`/threads/${threadId}`, { bodyText: 'Reply once there is room again' });
    expect(reply.status).toBe(303);
    const filed = await rosa.post('/requests/new/graffiti', filing);
    expect(filed.status).toBe(303);
  });
});

const PG_PORT = 54339;
const PG_DATA = '/tmp/ts-pg-robust';
const pgBin = () => execFileSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1']).toString().trim();
function pgCtl(...args: string[]) {
  execFileSync(
    isRoot ? 'runuser' : `${pgBin()}/pg_ctl`,
    isRoot ? ['-u', 'postgres', '--', `${pgBin()}/pg_ctl`, '-D', PG_DATA, ...args] : ['-D', PG_DATA, ...args],
    { stdio: 'ignore' },
  );
}
function startThrowawayPg() {
  execFileSync('bash', ['scripts/postgres-test-server.sh'], {
    env: { ...process.env, PGPORT: String(PG_PORT), PGDATA_DIR: PG_DATA },
    stdio: 'ignore',
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out');
}

// The server process runs against its own PostgreSQL instance, which the test stops and starts.
describe.runIf(testEngine() === 'postgres')('PostgreSQL: server stopped and started again', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ts-pg-outage-'));
  const dbName = `ts_outage_${Date.now().toString(36)}`;
  let child: ReturnType<typeof spawn> | undefined;
  let output = '';
  let url = '';

  beforeAll(async () => {
    startThrowawayPg();
    const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${PG_PORT}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['build/server.js'], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: `postgresql://postgres@127.0.0.1:${PG_PORT}/${dbName}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await waitFor(async () => (await fetch(`${url}/healthz`)).status === 200, 60_000);
  }, 90_000);
  afterAll(async () => {
    if (process.env.DEBUG_OUTAGE) console.log(output);
    child?.kill('SIGKILL');
    startThrowawayPg();
    const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${PG_PORT}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    pgCtl('stop', '-m', 'fast');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while the database is down, in every format, then recovers', async () => {
    expect((await fetch(url, { headers: { Accept: 'text/html' } })).status).toBe(200);
    pgCtl('stop', '-m', 'fast');

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ database: 'unreachable' });

    const page = await fetch(url, { headers: { Accept: 'text/html', 'Accept-Language': 'es' } });
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('30');
    expect(await page.text()).toContain('No disponible por el momento');

    const api = await fetch(`${url}/open311/v2/services.json`);
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toBe('30');
    expect(await api.json()).toEqual([{ code: 503, description: 'service temporarily unavailable, try again later' }]);

    const feed = await fetch(`${url}/channels/n-riverside.atom`);
    expect(feed.status).toBe(503);
    expect(feed.headers.get('retry-after')).toBe('30');

    const anon = new Client(url);
    const signin = await anon.post(
      '/signin',
      { email: DEMO.resident, password: DEMO.password },
      { csrf: false, headers: { Accept: 'text/html' } },
    );
    expect([403, 503]).toContain(signin.status); // no CSRF cookie yet: refused before any query, or 503

    startThrowawayPg();
    await waitFor(async () => (await fetch(`${url}/healthz`)).status === 200);
    expect((await fetch(url, { headers: { Accept: 'text/html' } })).status).toBe(200);
    expect(child!.exitCode).toBeNull(); // the process survived the outage
  }, 90_000);
});
