import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { sql } from '../support/sql';

/**
 * The one job table and worker (app/modules/jobs) on the real database, with real processes:
 * a job runs once with two workers, a killed worker's job is taken over, a schedule's slot fires
 * once across two processes, an enqueued job rolls back with its transaction, a failed job is
 * retried after its backoff.
 */
let database: TestDatabase;
let jobs: typeof import('~/modules/jobs/queue.server');
let worker: typeof import('~/modules/jobs/worker.server');
let dbModule: typeof import('~/lib/db.server');

beforeAll(async () => {
  database = await createTestDatabase();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'test-secret-that-is-long-enough-for-the-schema',
  });
  const { migrate } = await import('~/lib/migrate.server');
  await migrate(database.url);
  jobs = await import('~/modules/jobs/queue.server');
  worker = await import('~/modules/jobs/worker.server');
  dbModule = await import('~/lib/db.server');
});
afterAll(async () => {
  await dbModule?.closeDb();
  await database?.drop();
});

const q = (statement: string, params: unknown[] = []) => sql(database.url, statement, params);
const count = async (statement: string, params: unknown[] = []) => Number((await q(statement, params))[0].n);

type WorkerProcess = { output(): string; exited: Promise<number | null>; stop(): Promise<number | null> };
async function startWorkerProcess(env: Record<string, string> = {}): Promise<WorkerProcess> {
  // Node itself (not npx), so that SIGTERM reaches the worker and none outlives its test.
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/job-worker.ts'], {
    env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 60_000;
  while (!output.includes('ready')) {
    if (gone || Date.now() > deadline) throw new Error(`worker did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    output: () => output,
    exited,
    async stop() {
      if (!gone) child.kill('SIGTERM');
      return exited;
    },
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const lines = (output: string, pattern: RegExp) => output.split('\n').filter((l) => pattern.test(l));

describe('enqueueing', () => {
  it('a job exists if and only if the transaction that enqueued it committed', async () => {
    await expect(
      dbModule.transaction(async (tx) => {
        await jobs.enqueue(tx, 'test.record', { key: 'rolled-back' });
        throw new Error('the write fails');
      }),
    ).rejects.toThrow('the write fails');
    await dbModule.transaction((tx) => jobs.enqueue(tx, 'test.record', { key: 'committed' }));
    const keys = (await dbModule.db().job.findMany({ where: { name: 'test.record' }, select: { payload: true } })).map(
      (j) => (j.payload as { key: string }).key,
    );
    expect(keys).toEqual(['committed']);
    await q(`DELETE FROM "Job"`);
  });
});

describe('workers in several processes', () => {
  it('runs each job exactly once with two workers', async () => {
    const [a, b] = await Promise.all([startWorkerProcess({ WORKER_ID: 'a' }), startWorkerProcess({ WORKER_ID: 'b' })]);
    try {
      const keys = Array.from({ length: 40 }, (_, i) => `once-${i}`);
      await dbModule.transaction(async (tx) => {
        for (const key of keys) await jobs.enqueue(tx, 'test.record', { key });
      });
      await waitFor(async () => (await count(`SELECT count(*) AS n FROM "Job" WHERE "status" = 'done'`)) === keys.length);
      const ran = [...lines(a.output(), /^ran once-/), ...lines(b.output(), /^ran once-/)].map((l) => l.slice(4));
      expect(ran.sort()).toEqual([...keys].sort());
      expect(await count(`SELECT count(*) AS n FROM "Job" WHERE "attempts" <> 1`)).toBe(0);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    await q(`DELETE FROM "Job"`);
  }, 300_000);

  it('a worker killed mid-job (kill -9) leaves the job to another once its lease has run out', async () => {
    const doomed = await startWorkerProcess({ WORKER_ID: 'doomed', CRASH: '1', LEASE_MS: '1500' });
    await dbModule.transaction((tx) => jobs.enqueue(tx, 'test.crash', { key: 'survivor' }));
    await Promise.race([
      doomed.exited,
      new Promise((_, reject) => setTimeout(() => reject(new Error(`the worker did not crash:\n${doomed.output()}`)), 90_000)),
    ]);
    expect(doomed.output()).toContain('crashing');
    const [held] = await q(`SELECT "status", "lockedBy", "attempts" FROM "Job" WHERE "name" = 'test.crash'`);
    expect(held).toMatchObject({ status: 'running', lockedBy: 'doomed' });
    const heir = await startWorkerProcess({ WORKER_ID: 'heir', LEASE_MS: '1500' });
    try {
      await waitFor(async () => (await q(`SELECT "status" FROM "Job" WHERE "name" = 'test.crash'`))[0].status === 'done').catch(
        async (error) => {
          throw new Error(`${(error as Error).message}: ${JSON.stringify(await q(`SELECT * FROM "Job"`))}\n${heir.output()}`);
        },
      );
      expect(heir.output()).toContain('ran survivor at attempt 2');
      expect(Number((await q(`SELECT "attempts" FROM "Job" WHERE "name" = 'test.crash'`))[0].attempts)).toBe(2);
    } finally {
      await heir.stop();
    }
    await q(`DELETE FROM "Job"`);
  }, 300_000);

  it('a schedule fires once per slot with two processes', async () => {
    const [a, b] = await Promise.all([
      startWorkerProcess({ WORKER_ID: 'a', SCHEDULE: '1' }),
      startWorkerProcess({ WORKER_ID: 'b', SCHEDULE: '1' }),
    ]);
    try {
      await waitFor(
        async () => (await count(`SELECT count(*) AS n FROM "Job" WHERE "name" = 'test.tick' AND "status" = 'done'`)) >= 3,
        60_000,
      );
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const ticks = [...lines(a.output(), /^tick /), ...lines(b.output(), /^tick /)].map((l) => l.slice(5));
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ticks).size).toBe(ticks.length);
    const rows = await q(`SELECT "uniqueKey", "status" FROM "Job" WHERE "name" = 'test.tick'`);
    expect(new Set(rows.map((r) => r.uniqueKey)).size).toBe(rows.length);
    // Every slot that ran is one row; a slot fired just before the stop may still be queued.
    for (const tick of ticks) expect(rows.find((r) => r.uniqueKey === tick)?.status).toBe('done');
    await q(`DELETE FROM "Job"`);
  }, 300_000);
});

describe('failures', () => {
  it('retries a failed job after its backoff, and gives up after its attempts', async () => {
    let calls = 0;
    const gaveUp: unknown[] = [];
    const running = worker.startWorker({
      workerId: 'here',
      pollMs: 20,
      leaseMs: 10_000,
      handlers: {
        'test.flaky': {
          backoffMs: 300,
          async run() {
            calls++;
            if (calls === 1) throw Object.assign(new Error('a message naming someone@example.org'), { code: 'ECONNRESET' });
          },
        },
        'test.broken': {
          backoffMs: 10,
          async run() {
            throw new Error('always');
          },
          async giveUp(payload) {
            gaveUp.push(payload);
          },
        },
      },
    });
    try {
      const started = Date.now();
      await dbModule.transaction(async (tx) => {
        await jobs.enqueue(tx, 'test.flaky', {});
        await jobs.enqueue(tx, 'test.broken', { key: 'b' }, { maxAttempts: 3 });
      });
      await waitFor(
        async () =>
          (await count(
            `SELECT count(*) AS n FROM "Job" WHERE "name" IN ('test.flaky', 'test.broken') AND "status" IN ('done', 'failed')`,
          )) === 2,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      const flaky = await dbModule.db().job.findFirstOrThrow({ where: { name: 'test.flaky' } });
      expect(flaky).toMatchObject({ status: 'done', attempts: 2, lastError: null });
      const broken = await dbModule.db().job.findFirstOrThrow({ where: { name: 'test.broken' } });
      expect(broken).toMatchObject({ status: 'failed', attempts: 3, lastError: 'Error' });
      expect(gaveUp).toEqual([{ key: 'b' }]);
      expect(calls).toBe(2);
    } finally {
      await running.stop();
    }
  });
});
