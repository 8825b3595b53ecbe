import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startServerProcess, type ServerProcess } from '../support/process';
import { freePort } from '../support/server';

/**
 * SIGTERM under keep-alive load, as in a deploy: the process drains (busy connections get
 * `Connection: close` and end after their current request, idle ones are closed), finishes every
 * request it has started, and exits 0 well before its 10 s grace period, with no request reset.
 */
let database: TestDatabase | undefined;
let proc: ServerProcess | undefined;
afterAll(async () => {
  await proc?.stop();
  await database?.drop();
});

type Outcome = { sentAt: number; answeredAt?: number; status?: number; connection?: string; error?: string };

function request(
  agent: http.Agent,
  port: number,
  options: { method?: string; path: string; body?: string; trickleMs?: number },
): Promise<Outcome> {
  const sentAt = Date.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.body
          ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(options.body) }
          : {},
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve({ sentAt, answeredAt: Date.now(), status: res.statusCode, connection: res.headers.connection }));
        res.once('error', (e: NodeJS.ErrnoException) => resolve({ sentAt, error: e.code ?? e.message }));
      },
    );
    req.once('error', (e: NodeJS.ErrnoException) => resolve({ sentAt, error: e.code ?? e.message }));
    if (!options.body) return void req.end();
    // A slow upload: the request is in flight (its action waits for the body) across the SIGTERM.
    const body = options.body;
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    setTimeout(() => req.end(body.slice(half)), options.trickleMs ?? 0);
  });
}

describe('graceful shutdown', () => {
  it('drains keep-alive connections under load, finishes in-flight requests and exits 0 without resets', async () => {
    database = await createTestDatabase();
    const port = await freePort();
    proc = await startServerProcess({ port, databaseUrl: database.url });
    const pages = ['/', '/channels', '/requests', '/healthz'];

    // Six keep-alive connections, each sending its next request as soon as the last is answered.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
    const outcomes: Outcome[] = [];
    let stop = false;
    const loops = Array.from({ length: 6 }, async (_, i) => {
      for (let n = 0; !stop; n++) {
        const outcome = await request(agent, port, { path: pages[(i + n) % pages.length] });
        outcomes.push(outcome);
        // Refused: the listener is closed (a load balancer would send it elsewhere). Done.
        if (outcome.error === 'ECONNREFUSED') return;
      }
    });
    // Warm: every connection has served requests.
    while (outcomes.filter((o) => o.status === 200).length < 30) await new Promise((r) => setTimeout(r, 20));

    const slow = request(new http.Agent({ keepAlive: true }), port, {
      method: 'POST',
      path: '/signin',
      body: 'email=nobody%40example.org&password=wrong-password',
      trickleMs: 1500,
    });
    await new Promise((r) => setTimeout(r, 200));
    const signalled = Date.now();
    proc.child.kill('SIGTERM');
    const code = await proc.exited;
    const tookMs = Date.now() - signalled;
    stop = true;
    await Promise.all(loops);
    const slowOutcome = await slow;
    agent.destroy();
    console.info(`graceful shutdown under keep-alive load: exited ${tookMs} ms after SIGTERM; ${outcomes.length} requests`);

    expect(code).toBe(0);
    // Well inside the 10 s grace: the connections were drained, not waited out.
    expect(tookMs).toBeLessThan(9_000);
    // The slow request started before the signal got a full answer, not a reset.
    expect(slowOutcome.error).toBeUndefined();
    expect(slowOutcome.status).toBeGreaterThanOrEqual(200);
    // Every request got a full answer, except those refused once nothing was listening.
    const failed = outcomes.filter((o) => o.error && o.error !== 'ECONNREFUSED');
    expect(failed).toEqual([]);
    expect(outcomes.filter((o) => o.status !== undefined && o.status >= 500)).toEqual([]);
    // Busy connections were told to close after the signal: their answers since then say so (a
    // connection is almost always busy, so its request in flight at the signal is the one told).
    const answeredAfter = outcomes.filter((o) => o.answeredAt !== undefined && o.answeredAt > signalled);
    expect(answeredAfter.filter((o) => o.connection === 'close').length).toBeGreaterThan(0);
  });
});
