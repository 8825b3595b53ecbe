import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePort } from '../support/server';

/**
 * Two server processes on one PostgreSQL database, as behind a load balancer: an event
 * committed on one reaches a socket connected to the other (socket.io PostgreSQL adapter).
 */
const children: ChildProcess[] = [];
let database: TestDatabase | undefined;
let socket: Socket | undefined;
afterAll(async () => {
  socket?.disconnect();
  await Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : (c.once('exit', resolve), c.kill('SIGTERM'))))));
  await database?.drop();
});

async function startProcess(databaseUrl: string, port: number, publicUrl: string) {
  const child = spawn(process.execPath, ['build/server.js'], {
    env: {
      PATH: process.env.PATH, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl, DATA_DIR: mkdtempSync(join(tmpdir(), 'ts-scale-')), SESSION_SECRET: 'shared-secret-for-both-processes-0123456789', PUBLIC_URL: publicUrl,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`process on ${port} did not start`);
}

describe.runIf(!!process.env.TEST_POSTGRES_URL)('several processes', () => {
  it('delivers a reply posted on one process to a client of the other', async () => {
    database = await createTestDatabase('postgres');
    const [portA, portB] = [await freePort(), await freePort()];
    // Both answer for the same public address, as behind a load balancer.
    const publicUrl = `http://localhost:${portA}`;
    await startProcess(database.url, portA, publicUrl);
    await startProcess(database.url, portB, publicUrl);
    const a = `http://localhost:${portA}`;
    const b = `http://localhost:${portB}`;

    const rosa = await signedIn(a, DEMO.resident);
    await rosa.get('/channels/n-riverside/new');
    const started = await rosa.post('/channels/n-riverside/new', { title: 'Two processes', bodyText: 'Hello from A' });
    const threadId = /\/threads\/([^?#]+)/.exec(started.headers.get('location') ?? '')![1];

    // A reader connected to process B (anonymous: the channel is public).
    socket = connect(b, { transports: ['websocket'], extraHeaders: { Origin: publicUrl }, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket!.once('connect', () => resolve());
      socket!.once('connect_error', reject);
    });
    expect(((await socket.emitWithAck('subscribe', { room: `thread:${threadId}` })) as { ok: boolean }).ok).toBe(true);
    const received = new Promise<{ type: string; payload: { postId: string } }>((resolve) => socket!.on('event', (e) => e.type === 'post.created' && resolve(e)));

    const staff = await signedIn(a, DEMO.staff);
    await staff.get(`/threads/${threadId}`);
    const replied = await staff.post(`/threads/${threadId}`, { bodyText: 'Reply posted on process A' });
    expect(replied.status).toBe(303);
    const postId = /#post-(.+)$/.exec(replied.headers.get('location') ?? '')![1];

    const event = await Promise.race([received, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event on B within 10 s')), 10_000))]);
    expect(event.payload.postId).toBe(postId);
    // And B's pages show it too (same database).
    expect(await new Client(b).page(`/threads/${threadId}`)).toContain('Reply posted on process A');
  });
});
