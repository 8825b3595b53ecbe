import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { reply, startThread } from '../support/forum';
import { startServerProcess, waitFor, type ServerProcess } from '../support/process';
import { freePort } from '../support/server';
import { openSocket, subscribe } from '../support/sockets';
import { sql } from '../support/sql';

/**
 * Two server processes on one PostgreSQL database, as behind a load balancer: an event
 * committed on one reaches a socket connected to the other (socket.io PostgreSQL adapter).
 */
const children: ServerProcess[] = [];
let database: TestDatabase | undefined;
let socket: Socket | undefined;
afterAll(async () => {
  socket?.disconnect();
  await Promise.all(children.map((c) => c.stop()));
  await database?.drop();
});

describe.runIf(!!process.env.TEST_POSTGRES_URL)('several processes', () => {
  it('delivers a reply posted on one process to a client of the other', async () => {
    database = await createTestDatabase('postgres');
    const [portA, portB] = [await freePort(), await freePort()];
    // Both answer for the same public address, as behind a load balancer.
    const publicUrl = `http://localhost:${portA}`;
    children.push(await startServerProcess({ port: portA, databaseUrl: database.url, publicUrl }));
    children.push(await startServerProcess({ port: portB, databaseUrl: database.url, publicUrl }));
    const a = `http://localhost:${portA}`;
    const b = `http://localhost:${portB}`;

    const rosa = await signedIn(a, DEMO.resident);
    const threadId = await startThread(rosa, 'n-riverside', 'Two processes', 'Hello from A');

    // A reader connected to process B (anonymous: the channel is public).
    socket = await openSocket(b, [], null, { origin: publicUrl });
    expect((await subscribe(socket, `thread:${threadId}`)).ok).toBe(true);
    const received = new Promise<{ type: string; payload: { postId: string } }>((resolve) =>
      socket!.on('event', (e) => e.type === 'post.created' && resolve(e)),
    );

    const postId = await reply(await signedIn(a, DEMO.staff), threadId, 'Reply posted on process A');

    const event = await Promise.race([
      received,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event on B within 10 s')), 10_000)),
    ]);
    expect(event.payload.postId).toBe(postId);
    // And B's pages show it too (same database).
    expect(await new Client(b).page(`/threads/${threadId}`)).toContain('Reply posted on process A');
    // Two server processes start here, the first migrating and seeding a new database: on a busy
    // machine that alone took over the default 30 s.
  }, 120_000);
});

/**
 * The adapter's LISTEN connection is lost (terminated by an operator, or the database restarts):
 * no process exits, the adapter listens again, and events cross processes again; clients are
 * told to catch up on what crossed meanwhile.
 */
describe.runIf(!!process.env.TEST_POSTGRES_URL)('losing the database connection', () => {
  const procs: ServerProcess[] = [];
  let db: TestDatabase | undefined;
  const opened: Socket[] = [];
  afterAll(async () => {
    for (const s of opened) s.disconnect();
    await Promise.all(procs.map((p) => p.stop()));
    await db?.drop();
  });

  const dbName = () => new URL(db!.url).pathname.slice(1);
  const admin = (statement: string, params: unknown[] = []) => sql(process.env.TEST_POSTGRES_URL!, statement, params);
  const listeners = async () =>
    Number((await admin(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'`, [dbName()]))[0].n);

  /** Polls `check` (an error counts as not yet: the database may be down) for 30 s at most. */
  const until = (check: () => Promise<boolean>, what: string) =>
    waitFor(() => check().catch(() => false), { intervalMs: 100, timeoutMs: 30_000, what: () => what });

  /** A reply posted on A reaches a reader connected to B. */
  async function crosses(a: string, b: string, publicUrl: string, threadId: string, text: string) {
    const reader = await openSocket(b, opened, null, { origin: publicUrl });
    expect((await subscribe(reader, `thread:${threadId}`)).ok).toBe(true);
    const received = new Promise<{ payload: { postId: string } }>((resolve) =>
      reader.on('event', (e) => e.type === 'post.created' && resolve(e)),
    );
    const postId = await reply(await signedIn(a, DEMO.staff), threadId, text);
    const event = await Promise.race([
      received,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`"${text}" did not reach B`)), 10_000)),
    ]);
    expect(event.payload.postId).toBe(postId);
    reader.disconnect();
  }

  it('survives its LISTEN connection being terminated and a database restart, and delivers across processes again', async () => {
    db = await createTestDatabase('postgres');
    const [portA, portB] = [await freePort(), await freePort()];
    const publicUrl = `http://localhost:${portA}`;
    procs.push(await startServerProcess({ port: portA, databaseUrl: db.url, publicUrl }));
    procs.push(await startServerProcess({ port: portB, databaseUrl: db.url, publicUrl }));
    const [a, b] = procs.map((p) => p.url);
    await until(async () => (await listeners()) === 2, 'both processes to listen');

    const rosa = await signedIn(a, DEMO.resident);
    const threadId = await startThread(rosa, 'n-riverside', 'Connection loss', 'Testing');
    await crosses(a, b, publicUrl, threadId, 'Before anything happens');

    // A reader of B that stays connected throughout is told to catch up once B listens again.
    const staying = await openSocket(b, opened, null, { origin: publicUrl });
    const resynced = new Promise<void>((resolve) => staying.once('resync', () => resolve()));

    // 1. An operator terminates the adapters' LISTEN connections.
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'`, [dbName()]);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      procs.map((p) => p.child.exitCode),
      procs.map((p) => p.output()).join('\n'),
    ).toEqual([null, null]);
    await until(async () => (await listeners()) === 2, 'the adapters to listen again');
    await crosses(a, b, publicUrl, threadId, 'After the LISTEN connections were terminated');
    await Promise.race([resynced, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no resync on B')), 10_000))]);

    // 2. The database "restarts": every connection is dropped and none is taken for a while.
    await admin(`ALTER DATABASE ${dbName()} ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [dbName()]);
    await new Promise((r) => setTimeout(r, 3000));
    expect(procs.map((p) => p.child.exitCode)).toEqual([null, null]);
    await admin(`ALTER DATABASE ${dbName()} ALLOW_CONNECTIONS true`);
    await until(async () => (await listeners()) === 2, 'the adapters to listen after the restart');
    await until(async () => (await fetch(`${b}/healthz`)).ok && (await fetch(`${a}/healthz`)).ok, 'both processes to be healthy');
    await crosses(a, b, publicUrl, threadId, 'After the database came back');
    expect(procs.map((p) => p.child.exitCode)).toEqual([null, null]);
  }, 120_000);
});
