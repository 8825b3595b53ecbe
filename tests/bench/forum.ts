/**
 * `npm run bench` (forum part): figures for the forum on this machine, each beside a baseline
 * measured in the same run. Prints, never asserts.
 *  1. Thread page (50 replies) on a database with 10,000 threads and 200,000 replies: req/s and
 *     p50/p99 at 10 concurrent readers, beside raw node:http sending the same bytes.
 *  2. Reply creation through the real action (session, CSRF, validation, transaction, events):
 *     replies/s and errors, 10 concurrent writers spread over 150 accounts and client addresses
 *     (TRUST_PROXY=1, so per-account and per-IP limits apply as in production).
 *  3. Fan-out of one event to 1,000 connected sockets: deliveries/s and p50/p99 latency, beside a
 *     bare socket.io broadcast to 1,000 sockets in the same run.
 * For quick iterations: BENCH_ONLY=thread,reply,fanout picks parts, and BENCH_DATA_DIR keeps the
 * filled database in that directory and reuses it on the next run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { freePort } from '../support/server';
import { benchAccounts, csrfPair } from './accounts';
import { benchServerEnv, migrateAndSeed, startRawServer, stop, waitFor } from './processes';
import { percentile, printWrites, timedWrites } from './writes';
import { printTable } from './http';
import { richBody } from '../support/richtext';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/** 10,000 threads and 200,000 replies straight into SQLite (after the server has migrated and seeded). */
function fill(file: string) {
  const db = new Database(file);
  const channels = db.prepare(`SELECT id FROM "Channel"`).all() as { id: string }[];
  const users = db.prepare(`SELECT id FROM "User"`).all() as { id: string }[];
  const insertThread = db.prepare(
    `INSERT INTO "Thread" (id, "channelId", "authorId", title, pinned, locked, "replyCount", "lastActivityAt", "createdAt") VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?)`,
  );
  const insertPost = db.prepare(
    `INSERT INTO "Post" (id, "threadId", "authorId", "isOpening", body, text, status, "createdAt") VALUES (?, ?, ?, ?, ?, ?, 'published', ?)`,
  );
  const start = Date.now() - 400 * 24 * 3600 * 1000;
  let benchThread = '';
  db.transaction(() => {
    for (let t = 0; t < 10_000; t++) {
      const id = `bt${t.toString(36).padStart(6, '0')}`;
      const replies = t === 9_999 ? 50 : 20;
      const created = new Date(start + t * 3_000_000).toISOString();
      insertThread.run(
        id,
        channels[t % channels.length].id,
        users[t % users.length].id,
        `Benchmark conversation ${t}`,
        replies,
        created,
        created,
      );
      for (let p = 0; p <= replies; p++) {
        const text = `Reply ${p} in conversation ${t}: the streetlight on Mill St is still out and the sidewalk near the school needs repair.`;
        insertPost.run(
          `bp${t.toString(36)}x${p}`,
          id,
          users[(t + p) % users.length].id,
          p === 0 ? 1 : 0,
          richBody(text),
          text,
          new Date(start + t * 3_000_000 + p * 1000).toISOString(),
        );
      }
      if (t === 9_999) benchThread = id;
    }
  })();
  const counts = db.prepare(`SELECT (SELECT count(*) FROM "Thread") AS threads, (SELECT count(*) FROM "Post") AS posts`).get() as {
    threads: number;
    posts: number;
  };
  db.close();
  return { benchThread, ...counts };
}

/**
 * 10 concurrent writers posting `fields(n)` to a thread page's action (`threadFor(n)`) for
 * SECONDS; `server` is the app's process id, for its CPU time per write.
 */
async function writeLoad(
  base: string,
  server: number | undefined,
  threadFor: (n: number) => string,
  cookies: string[],
  fields: (n: number) => Record<string, string>,
) {
  // Each writer loads the page once for its CSRF cookie and token, like a browser.
  const writers = await Promise.all(
    cookies.map(async (cookie, i) => {
      const ip = `10.9.${i >> 8}.${i & 255}`;
      const csrf = await csrfPair(`${base}/threads/${threadFor(0)}`, { Cookie: cookie, 'X-Forwarded-For': ip });
      return { cookie: `${cookie}; ${csrf.cookie}`, token: csrf.token, ip };
    }),
  );
  return timedWrites(SECONDS, server, (n) => {
    const w = writers[n % writers.length];
    return fetch(`${base}/threads/${threadFor(n)}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: w.cookie, Origin: base, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': w.ip },
      body: new URLSearchParams({ csrf: w.token, ...fields(n) }),
    });
  });
}

async function openSockets(url: string, count: number, origin: string, room?: string) {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, async () => {
        const s = connect(url, { transports: ['websocket'], extraHeaders: { Origin: origin }, reconnection: false, forceNew: true });
        await new Promise<void>((resolve, reject) => {
          s.once('connect', () => resolve());
          s.once('connect_error', reject);
        });
        if (room) await s.emitWithAck('subscribe', { room });
        sockets.push(s);
      }),
    );
  }
  return sockets;
}

/**
 * Delivery of one broadcast to every socket, timed two ways (wall clock, same machine): from
 * `trigger` (for Townsquare that includes the HTTP request and its transaction) and from the
 * moment the event was published (`publishedAt`: the bare emit, or the Event row's createdAt,
 * written inside the transaction, so slightly before the commit).
 */
async function fanout(sockets: Socket[], eventName: string, trigger: () => Promise<void>, publishedAt: (event: unknown) => number) {
  const received: { at: number; event: unknown }[] = [];
  const now = () => performance.timeOrigin + performance.now();
  const all = new Promise<void>((resolve) => {
    for (const s of sockets) {
      s.once(eventName, (event: unknown) => {
        received.push({ at: now(), event });
        if (received.length === sockets.length) resolve();
      });
    }
  });
  const started = now();
  await trigger();
  await Promise.race([all, new Promise((r) => setTimeout(r, 30_000))]);
  const from = (origin: number) => {
    const times = received.map((r) => r.at - origin).sort((a, b) => a - b);
    const total = times[times.length - 1] ?? 0;
    return { perSecond: total ? (times.length / total) * 1000 : 0, p50: percentile(times, 50), p99: percentile(times, 99) };
  };
  return {
    delivered: received.length,
    fromTrigger: from(started),
    fromPublish: received.length ? from(publishedAt(received[0].event)) : from(started),
  };
}

async function main() {
  const keep = process.env.BENCH_DATA_DIR;
  const only = new Set((process.env.BENCH_ONLY ?? 'thread,reply,fanout').split(','));
  const dataDir = keep ?? mkdtempSync(join(tmpdir(), 'townsquare-bench-forum-'));
  const file = join(dataDir, 'townsquare.db');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = benchServerEnv(port, dataDir);
  const prepared = join(dataDir, 'bench.json');
  let data: { benchThread: string; threads: number; posts: number; cookies: string[] };
  if (keep && existsSync(prepared)) {
    data = JSON.parse(readFileSync(prepared, 'utf8'));
    console.log(`\nforum data reused from ${dataDir}`);
  } else {
    mkdirSync(dataDir, { recursive: true });
    // First start migrates and seeds; then the data is added and the server started again.
    await migrateAndSeed(env, base);
    const t0 = Date.now();
    data = { ...fill(file), cookies: benchAccounts(file, 301) };
    writeFileSync(prepared, JSON.stringify(data));
    console.log(`\nforum data: ${data.threads} threads, ${data.posts} posts (inserted in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const { benchThread, threads, posts, cookies } = data;
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the measured server.
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const app: ChildProcess = spawn(process.execPath, [...nodeArgs, 'build/server.js'], { env, stdio: 'inherit' });
  await waitFor(`${base}/healthz`);

  const rawProcs: ChildProcess[] = [];
  try {
    const threadUrl = `${base}/threads/${benchThread}`;
    // 1. Thread page.
    if (only.has('thread')) {
      const body = Buffer.from(await (await fetch(threadUrl, { headers: { 'Accept-Encoding': 'identity' } })).arrayBuffer());
      const raw = await startRawServer(body, dataDir, 'thread.html');
      rawProcs.push(raw.child);
      const run = async (label: string, url: string, headers: Record<string, string> = {}) => {
        await autocannon({ url, headers, connections: 10, duration: 2 });
        const r = await autocannon({ url, headers, connections: 10, duration: SECONDS });
        return { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
      };
      printTable(`Thread page with 50 replies, ${body.length} bytes, database of ${threads} threads / ${posts} posts`, [
        await run('raw node:http, same bytes', raw.url),
        await run('Townsquare thread page, anonymous readers', threadUrl),
        // The same page rendered for every request: a cookie the page cache does not know makes
        // the request uncacheable (the page cache's gain is the difference to the row above).
        await run('same, page cache bypassed', threadUrl, { Cookie: 'bench=1' }),
        // Signed-in pages are never cached (and each visit records how far the reader got).
        await run('Townsquare thread page, signed-in reader', threadUrl, { Cookie: cookies[300] }),
      ]);
    }

    // 2. Reply creation.
    if (only.has('reply')) {
      // Baseline: the cheapest action through the same stack (session, CSRF, a one-row
      // transaction, redirect): following the thread.
      const hot = () => benchThread;
      // Each write scenario has its own 150 accounts (and client addresses), so no one reaches
      // the posting limits (30 posts per account and per address in 10 minutes).
      const [hotWriters, spreadWriters] = [cookies.slice(0, 150), cookies.slice(150, 300)];
      const follow = await writeLoad(base, app.pid, hot, hotWriters, () => ({ intent: 'follow', level: 'follow' }));
      const r = await writeLoad(base, app.pid, hot, hotWriters, (n) => ({ bodyText: `Bench reply ${n}` }));
      // The same writers replying across 100 ordinary threads (each with a few followers).
      const spread = await writeLoad(
        base,
        app.pid,
        (n) => `bt${(n % 100).toString(36).padStart(6, '0')}`,
        spreadWriters,
        (n) => ({ bodyText: `Bench reply ${n}` }),
      );
      printWrites(`Writes through the thread page's action (10 writers, ${SECONDS} s each)`, 'CPU ms/write (main)', [
        ['baseline: follow the thread (cheapest write)', follow],
        ['reply to one thread 150 people follow', r],
        ['reply across 100 threads', spread],
      ]);
    }

    // 3. Fan-out: Townsquare (a reply's post.created event) vs a bare socket.io broadcast.
    if (only.has('fanout')) {
      const bareHttp = createServer();
      const bare = new Server(bareHttp);
      const barePort = await freePort();
      await new Promise<void>((resolve) => bareHttp.listen(barePort, '127.0.0.1', () => resolve()));
      const bareSockets = await openSockets(`http://127.0.0.1:${barePort}`, 1000, `http://127.0.0.1:${barePort}`);
      let emittedAt = 0;
      const bareResult = await fanout(
        bareSockets,
        'event',
        async () => {
          emittedAt = performance.timeOrigin + performance.now();
          bare.emit('event', { id: 1, type: 'post.created' });
        },
        () => emittedAt,
      );
      for (const s of bareSockets) s.disconnect();
      bare.close();

      const appSockets = await openSockets(base, 1000, base, `thread:${benchThread}`);
      const w = cookies[300];
      const { cookie: csrfCookie, token } = await csrfPair(threadUrl, { Cookie: w, 'X-Forwarded-For': '10.8.0.1' });
      const appResult = await fanout(
        appSockets,
        'event',
        async () => {
          await fetch(threadUrl, {
            method: 'POST',
            redirect: 'manual',
            headers: {
              Cookie: `${w}; ${csrfCookie}`,
              Origin: base,
              'Content-Type': 'application/x-www-form-urlencoded',
              'X-Forwarded-For': '10.8.0.1',
            },
            body: new URLSearchParams({ csrf: token, bodyText: 'Fan-out reply' }),
          });
        },
        (event) => Date.parse((event as { createdAt: string }).createdAt),
      );
      for (const s of appSockets) s.disconnect();
      console.log('\nFan-out of one event to 1,000 sockets (deliveries/s = sockets reached / time until the last one)');
      console.log('target'.padEnd(44), 'delivered'.padStart(9), 'per s'.padStart(9), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8));
      const rows = [
        ['bare socket.io broadcast, from emit', bareResult.delivered, bareResult.fromPublish],
        ["Townsquare, from the event's commit", appResult.delivered, appResult.fromPublish],
        ['Townsquare, from the reply request', appResult.delivered, appResult.fromTrigger],
      ] as const;
      for (const [label, delivered, x] of rows) {
        console.log(
          label.padEnd(44),
          String(delivered).padStart(9),
          x.perSecond.toFixed(0).padStart(9),
          x.p50.toFixed(1).padStart(8),
          x.p99.toFixed(1).padStart(8),
        );
      }
      const ratio = (x: { perSecond: number }) => ((x.perSecond / bareResult.fromPublish.perSecond) * 100).toFixed(1);
      console.log(
        `ratio: from commit, Townsquare delivers at ${ratio(appResult.fromPublish)}% of the bare broadcast rate; counting the reply's HTTP request and transaction too, ${ratio(appResult.fromTrigger)}%`,
      );
    }
  } finally {
    await Promise.all([stop(app), ...rawProcs.map(stop)]);
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
