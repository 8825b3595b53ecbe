/**
 * `npm run bench` (service-request part): figures on a database of 100,000 service requests,
 * each beside a baseline measured in the same run. Prints, never asserts.
 *  1. queue: the staff queue (/staff/requests), first page, under several realistic filters,
 *     10 concurrent signed-in staff members (city-wide staff, or Public Works liaisons), beside
 *     raw node:http sending the same bytes; then the CSV export of filtered lists (time to stream
 *     the whole file, rows, bytes) beside raw node:http streaming the same file.
 *  2. open311: GET /open311/v2/requests.json and .xml with filters that return exactly 1,000
 *     requests (the maximum), 10 concurrent clients, beside raw node:http with the same bytes.
 *     TRUST_PROXY=1 and one X-Forwarded-For address per call keep the per-IP limit out of the way
 *     (each address makes one call, as from many clients), so no bench-only setting is needed.
 * SQLite by default; BENCH_POSTGRES_URL (a server URL whose user may create databases) runs the
 * same on a fresh PostgreSQL database, dropped afterwards. BENCH_ONLY=queue,csv,open311 picks
 * parts; BENCH_DATA_DIR keeps the filled SQLite database there for the next run;
 * BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the measured server;
 * BENCH_COMPARE_DIR=/path/to/another/built/checkout (its build/ and migrations, e.g. the commit
 * before a change) measures that one too, row by row beside this one, under the same load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';
import { freePort } from '../support/server';
import { benchServerEnv, migrateAndSeed, stop, waitFor } from './processes';
import { printTable } from './http';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
const DAY = 24 * 3600 * 1000;

/** A small seeded generator, so every run builds the same city. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  /** One of `weights`' keys, in proportion to its weight. */
  const weighted = <K extends string>(weights: Record<K, number>): K => {
    const total = Object.values<number>(weights).reduce((s, w) => s + w, 0);
    let x = next() * total;
    for (const [k, w] of Object.entries<number>(weights)) if ((x -= w) < 0) return k as K;
    return Object.keys(weights)[0] as K;
  };
  return { next, pick, weighted };
}

type Value = string | number | boolean | null;
/** Inserts rows into one table; SQLite and PostgreSQL differ only in how. */
type Sink = {
  insert(table: string, columns: string[], rows: Value[][]): Promise<void>;
  all<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
};

function sqliteSink(file: string): Sink {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  return {
    async insert(table, columns, rows) {
      const stmt = db.prepare(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      db.transaction(() => {
        for (const row of rows) stmt.run(row.map((v) => (typeof v === 'boolean' ? Number(v) : v)));
      })();
    },
    async all<T>(sql: string) {
      return db.prepare(sql).all() as T[];
    },
    async close() {
      db.close();
    },
  };
}

async function postgresSink(url: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async insert(table, columns, rows) {
      // Multi-row INSERTs under PostgreSQL's 65,535 parameter limit, in one transaction.
      const per = Math.floor(60_000 / columns.length);
      await client.query('BEGIN');
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const values = chunk.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
        await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values}`, chunk.flat());
      }
      await client.query('COMMIT');
    },
    async all<T>(sql: string) {
      return (await client.query(sql)).rows as T[];
    },
    async close() {
      await client.end();
    },
  };
}

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
const STREETS = [
  'River Rd',
  'Mill St',
  'Willow Ave',
  'Bridge St',
  'Calle Rosa',
  'Orchard Ave',
  'Main St',
  'Oak St',
  'Northgate Blvd',
  'Plaza Way',
  'Market St',
  'School Ln',
];
const NOTES = [
  'Crew scheduled for this week.',
  'Inspected: work order opened.',
  'Fixed on site.',
  'Referred to the contractor.',
  'Waiting for parts.',
];

/** Session rows for bench accounts; returns their cookies (base64 JSON of the token, like Remix). */
function sessionFor(userId: string, sessions: Value[][]) {
  const token = randomBytes(32).toString('base64url');
  const now = new Date().toISOString();
  sessions.push([createHash('sha256').update(token).digest('hex'), userId, new Date(Date.now() + 7 * DAY).toISOString(), now, now]);
  return `session=${encodeURIComponent(Buffer.from(JSON.stringify(token)).toString('base64'))}`;
}

type Prepared = {
  counts: Record<string, number>;
  staffCookies: string[];
  liaisonCookies: string[];
  ids: { publicWorks: string; streetlight: string; pothole: string; hood: string; assignee: string };
};

/**
 * 100,000 requests over four years into the migrated and seeded database: the 21 seeded types
 * (and so the 5 departments), the neighborhoods (a few requests have none), statuses by age
 * (recent ones open, a backlog of older open ones overdue), priorities, sources, assignees on
 * most handled ones, a contact on a third, 2 to 5 timeline events each. Plus 10 bench staff
 * accounts with sessions: 5 city-wide staff, 5 Public Works liaisons.
 */
async function fill(sink: Sink): Promise<Prepared> {
  const rnd = random(311);
  const now = Date.now();
  const types = await sink.all<{ id: string; code: string; departmentId: string; targetHours: number; defaultPriority: string }>(
    `SELECT id, code, "departmentId", "targetHours", "defaultPriority" FROM "RequestType" ORDER BY code`,
  );
  const departments = await sink.all<{ id: string; slug: string }>(`SELECT id, slug FROM "Department"`);
  const hoods = await sink.all<{ id: string }>(`SELECT id FROM "Neighborhood" ORDER BY slug`);
  const publicWorks = departments.find((d) => d.slug === 'public-works')!.id;

  const users: Value[][] = [];
  const grants: Value[][] = [];
  const sessions: Value[][] = [];
  const staffCookies: string[] = [];
  const liaisonCookies: string[] = [];
  const staff: string[] = [];
  const liaisons: string[] = [];
  const old = new Date(now - 90 * DAY).toISOString();
  for (let i = 0; i < 5; i++) {
    for (const [kind, list, cookies, scope] of [
      ['staff', staff, staffCookies, null],
      ['liaison', liaisons, liaisonCookies, publicWorks],
    ] as const) {
      const id = `bench${kind}${i}`;
      users.push([id, `Bench ${kind} ${i}`, `bench-${kind}-${i}@example.org`, old, 'en', 'active', 0, old, 'never']);
      grants.push([`bg${kind}${i}`, id, kind, scope ? 'department' : null, scope, old]);
      list.push(id);
      cookies.push(sessionFor(id, sessions));
    }
  }
  await sink.insert(
    'User',
    ['id', 'displayName', 'email', 'emailVerifiedAt', 'locale', 'status', 'failedLogins', 'createdAt', 'notifyEmail'],
    users,
  );
  await sink.insert('RoleGrant', ['id', 'userId', 'role', 'scopeKind', 'scopeId', 'createdAt'], grants);
  await sink.insert('Session', ['id', 'userId', 'expiresAt', 'createdAt', 'lastSeenAt'], sessions);

  const requestColumns = [
    'id',
    'publicCode',
    'typeId',
    'typeVersion',
    'status',
    'priority',
    'source',
    'description',
    'answers',
    'address',
    'latitude',
    'longitude',
    'neighborhoodId',
    'departmentId',
    'assigneeId',
    'dueAt',
    'createdAt',
    'updatedAt',
    'acknowledgedAt',
    'resolvedAt',
    'closedAt',
  ];
  const contactColumns = ['requestId', 'name', 'email', 'phone', 'locale', 'createdAt'];
  const eventColumns = ['id', 'requestId', 'actorId', 'kind', 'public', 'fromStatus', 'toStatus', 'note', 'createdAt'];
  const codes = new Set<string>();
  // Dates as Prisma writes them on SQLite (text ending in +00:00), so that equal instants compare equal.
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().replace('Z', '+00:00'));
  let requests: Value[][] = [];
  let contacts: Value[][] = [];
  let events: Value[][] = [];
  const counts = { requests: 0, contacts: 0, events: 0 };
  const flush = async () => {
    await sink.insert('ServiceRequest', requestColumns, requests);
    await sink.insert('RequesterContact', contactColumns, contacts);
    await sink.insert('RequestEvent', eventColumns, events);
    counts.requests += requests.length;
    counts.contacts += contacts.length;
    counts.events += events.length;
    requests = [];
    contacts = [];
    events = [];
  };
  // Filing times over four years, slightly more lately (a growing service), inserted oldest
  // first as in real life (SQLite keeps rows in insertion order, so recent ones sit together).
  const times = Array.from({ length: REQUESTS }, () => Math.floor(now - Math.pow(rnd.next(), 1.3) * 4 * 365 * DAY)).sort((a, b) => a - b);
  for (let n = 0; n < REQUESTS; n++) {
    const type = rnd.pick(types);
    const created = times[n];
    const ageDays = (now - created) / DAY;
    const openShare = ageDays < 30 ? 0.55 : ageDays < 365 ? 0.08 : 0.015;
    const status =
      rnd.next() < openShare
        ? rnd.weighted({ new: 4, acknowledged: 3, in_progress: 3 })
        : rnd.weighted({ resolved: 3, closed: 12, duplicate: 1, declined: 1 });
    const priority = rnd.next() < 0.6 ? type.defaultPriority : rnd.weighted({ urgent: 1, high: 3, normal: 10, low: 3 });
    const source = rnd.weighted({
      web: 45,
      phone: 25,
      open311: 10,
      email: 8,
      walk_in: 4,
      voicemail: 2,
      mail: 1,
      meeting: 1,
      forum: 2,
      fax: 0.5,
      import: 1.5,
    });
    const handlers = type.departmentId === publicWorks ? [...staff, ...liaisons] : staff;
    const assignee = status !== 'new' && rnd.next() < 0.8 ? rnd.pick(handlers) : null;
    const hood = rnd.next() < 0.92 ? rnd.pick(hoods).id : null;
    let code: string;
    do code = Array.from({ length: 8 }, () => rnd.pick([...CODE_ALPHABET])).join('');
    while (codes.has(code));
    codes.add(code);
    const id = `br${n.toString(36).padStart(5, '0')}`;
    const ack = status === 'new' ? null : created + rnd.next() * 24 * 3600 * 1000;
    const finished = ['resolved', 'closed', 'duplicate', 'declined'].includes(status)
      ? (ack ?? created) + rnd.next() * type.targetHours * 2 * 3600 * 1000
      : null;
    const closed = status === 'closed' ? finished! + 7 * DAY : status === 'duplicate' || status === 'declined' ? finished : null;
    const last = Math.min(now, closed ?? finished ?? ack ?? created);
    const street = rnd.pick(STREETS);
    requests.push([
      id,
      code,
      type.id,
      1,
      status,
      priority,
      source,
      `${type.code.replace(/-/g, ' ')} reported near ${street}: request ${n}, please have a look when a crew is nearby.`,
      '{}',
      `${100 + Math.floor(rnd.next() * 2000)} ${street}`,
      34.05 + rnd.next() * 0.1,
      -118.3 + rnd.next() * 0.1,
      hood,
      type.departmentId,
      assignee,
      iso(created + type.targetHours * 3600 * 1000),
      iso(created),
      iso(last),
      iso(ack),
      status === 'resolved' || status === 'closed' ? iso(finished) : null,
      iso(closed),
    ]);
    if (rnd.next() < 0.33)
      contacts.push([
        id,
        `Resident ${n}`,
        rnd.next() < 0.7 ? `resident${n}@example.org` : null,
        rnd.next() < 0.5 ? `555-01${String(n % 100).padStart(2, '0')}` : null,
        rnd.next() < 0.3 ? 'es' : 'en',
        iso(created),
      ]);
    events.push([`${id}e0`, id, null, 'created', true, null, 'new', null, iso(created)]);
    if (ack !== null)
      events.push([
        `${id}e1`,
        id,
        assignee,
        'status',
        true,
        'new',
        status === 'acknowledged' ? 'acknowledged' : 'in_progress',
        null,
        iso(ack),
      ]);
    if (assignee) events.push([`${id}e2`, id, assignee, 'assignment', false, null, null, `Bench assignee`, iso((ack ?? created) + 1000)]);
    if (ack !== null && rnd.next() < 0.5)
      events.push([`${id}e3`, id, assignee, 'note', true, null, null, rnd.pick(NOTES), iso(ack + 3600 * 1000)]);
    if (finished !== null)
      events.push([
        `${id}e4`,
        id,
        assignee,
        'status',
        true,
        'in_progress',
        status,
        status === 'declined' ? 'Not a city matter.' : null,
        iso(finished),
      ]);
    if (requests.length === 10_000) await flush();
  }
  await flush();
  const pick = async (sql: string) => (await sink.all<{ id: string }>(sql))[0].id;
  return {
    counts,
    staffCookies,
    liaisonCookies,
    ids: {
      publicWorks,
      streetlight: types.find((t) => t.code === 'street-light-out')?.id ?? types[0].id,
      pothole: types.find((t) => t.code === 'pothole')?.id ?? types[1].id,
      hood: await pick(`SELECT id FROM "Neighborhood" ORDER BY slug`),
      assignee: staff[0],
    },
  };
}

type Load = { label: string; rps: number; p50: number; p99: number; errors: number; non2xx: number };

/** 10 connections, each its own signed-in client (cookie) or its own client address, for SECONDS. */
async function measure(label: string, url: string, opts: { cookies?: string[]; spreadIps?: boolean } = {}): Promise<Load> {
  let client = 0;
  let ip = 0;
  const run = (duration: number) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      duration,
      // autocannon's types lack setupClient's client; it has setHeaders.
      setupClient: opts.cookies
        ? (((c: { setHeaders(h: Record<string, string>): void }) =>
            c.setHeaders({ Cookie: opts.cookies![client++ % opts.cookies!.length] })) as never)
        : undefined,
      requests: opts.spreadIps
        ? [
            {
              setupRequest: (req: { headers?: Record<string, string> }) => ({
                ...req,
                headers: { ...req.headers, 'X-Forwarded-For': `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip++ & 255}` },
              }),
            },
          ]
        : undefined,
    } as autocannon.Options);
  await run(2); // warm-up
  const r = await run(SECONDS);
  return { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

/** A raw node:http server in its own process sending `body` with `type`; returns its URL. */
async function rawServer(dir: string, name: string, body: Buffer, type: string, procs: ChildProcess[]) {
  const file = join(dir, name);
  writeFileSync(file, body);
  const port = await freePort();
  procs.push(
    spawn(
      process.execPath,
      [
        '-e',
        `const b=require('fs').readFileSync(${JSON.stringify(file)});require('http').createServer((q,s)=>{s.writeHead(200,{'Content-Type':${JSON.stringify(type)},'Content-Length':b.length});s.end(b)}).listen(${port},'127.0.0.1')`,
      ],
      { stdio: 'inherit' },
    ),
  );
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(url);
  return url;
}

/** Downloads `url` `times` times in a row; the median time to the last byte, and the body. */
async function download(url: string, headers: Record<string, string>, times = 5) {
  const durations: number[] = [];
  let body = Buffer.alloc(0);
  let status = 0;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: { ...headers, 'Accept-Encoding': 'identity' } });
    body = Buffer.from(await res.arrayBuffer());
    durations.push(performance.now() - started);
    status = res.status;
  }
  durations.sort((a, b) => a - b);
  return { ms: durations[Math.floor(times / 2)], body, status };
}

type Target = { label: string; base: string; data: Prepared; app: ChildProcess; close(): Promise<void> };

/**
 * One server under test with its own database: created (SQLite file in `dataDir`, or a fresh
 * PostgreSQL database), migrated and seeded by a first start of the server, filled, then the
 * server started again for the measurements.
 */
async function startTarget(label: string, appDir: string, dataDir: string, keep: boolean, logLevel = 'warn'): Promise<Target> {
  const pgServer = process.env.BENCH_POSTGRES_URL;
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let databaseUrl = `file:${join(dataDir, 'townsquare.db')}`;
  const pgDatabase = `townsquare_bench_${process.pid}_${label.replace(/\W/g, '')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: pgServer });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  if (pgServer) {
    await admin(`CREATE DATABASE ${pgDatabase}`);
    const u = new URL(pgServer);
    u.pathname = `/${pgDatabase}`;
    databaseUrl = u.toString();
  }
  const env = benchServerEnv(port, dataDir, { DATABASE_URL: databaseUrl, LOG_LEVEL: logLevel });
  const prepared = join(dataDir, 'bench-requests.json');
  let data: Prepared;
  if (keep && !pgServer && existsSync(prepared)) {
    data = JSON.parse(readFileSync(prepared, 'utf8'));
    console.log(`\n${label}: request data reused from ${dataDir}`);
  } else {
    // First start migrates and seeds; then the data goes in and the server starts again.
    await migrateAndSeed(env, base, appDir);
    const t0 = Date.now();
    const sink = pgServer ? await postgresSink(databaseUrl) : sqliteSink(databaseUrl.slice('file:'.length));
    data = await fill(sink);
    await sink.close();
    writeFileSync(prepared, JSON.stringify(data));
    const { requests, contacts, events } = data.counts;
    console.log(
      `\n${label}: ${requests} requests, ${contacts} contacts, ${events} events in ${pgServer ? 'PostgreSQL' : 'SQLite'} (inserted in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    );
  }
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const app = spawn(process.execPath, [...nodeArgs, 'build/server.js'], { env, stdio: 'inherit', cwd: appDir });
  await waitFor(`${base}/healthz`);
  return {
    label,
    base,
    data,
    app,
    async close() {
      await stop(app);
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
      if (pgServer) await admin(`DROP DATABASE IF EXISTS ${pgDatabase} WITH (FORCE)`);
    },
  };
}

async function main() {
  const only = new Set((process.env.BENCH_ONLY ?? 'queue,csv,open311').split(','));
  const keep = process.env.BENCH_DATA_DIR;
  const dataDir = keep ?? mkdtempSync(join(tmpdir(), 'townsquare-bench-requests-'));
  // BENCH_COMPARE_DIR: another built checkout (e.g. before a change), measured row by row beside
  // this one, so both see the same machine load.
  const compare = process.env.BENCH_COMPARE_DIR;
  const targets: Target[] = [];
  const procs: ChildProcess[] = [];
  try {
    // The other checkout logs fatal errors only: what it fails at shows in the tables' error column.
    if (compare) targets.push(await startTarget('before', compare, join(dataDir, 'before'), Boolean(keep), 'fatal'));
    targets.push(
      await startTarget(compare ? 'after' : 'this checkout', process.cwd(), compare ? join(dataDir, 'after') : dataDir, Boolean(keep)),
    );
    const main = targets[targets.length - 1];
    const tag = (t: Target, label: string) => (compare ? `${t.label}: ${label}` : label);

    // 1. The staff queue, first page.
    if (only.has('queue')) {
      const open = 'status=new&status=acknowledged&status=in_progress';
      const combos = (d: Prepared): [string, string, string[]][] => [
        ['staff: no filter (open, newest)', '', d.staffCookies],
        ['staff: department + open', `department=${d.ids.publicWorks}&${open}`, d.staffCookies],
        ['staff: overdue, by due date', 'overdue=1&sort=due', d.staffCookies],
        [
          'staff: neighborhood + type, all statuses',
          `neighborhood=${d.ids.hood}&type=${d.ids.pothole}&status=resolved&status=closed&${open}`,
          d.staffCookies,
        ],
        ['staff: assignee, by priority', `assignee=${d.ids.assignee}&sort=priority`, d.staffCookies],
        ['staff: closed, oldest first', 'status=closed&sort=oldest', d.staffCookies],
        ['liaison: own department (open)', '', d.liaisonCookies],
        ['liaison: source phone, by priority', 'source=phone&sort=priority', d.liaisonCookies],
        ['liaison: overdue + type, by due date', `overdue=1&type=${d.ids.streetlight}&sort=due`, d.liaisonCookies],
      ];
      // The baseline sends the bytes of the first combination's page.
      const sample = await fetch(`${main.base}/staff/requests`, {
        headers: { Cookie: main.data.staffCookies[0], 'Accept-Encoding': 'identity' },
      });
      const body = Buffer.from(await sample.arrayBuffer());
      if (sample.status !== 200) throw new Error(`queue answered ${sample.status}`);
      const rawUrl = await rawServer(dataDir, 'queue.html', body, 'text/html; charset=utf-8', procs);
      const baseline = await measure('raw node:http, same bytes', rawUrl);
      const results = [baseline];
      for (let c = 0; c < combos(main.data).length; c++) {
        for (const t of targets) {
          const [label, query, cookies] = combos(t.data)[c];
          const rows =
            (await (await fetch(`${t.base}/staff/requests?${query}`, { headers: { Cookie: cookies[0] } })).text()).match(/<tr data-code=/g)
              ?.length ?? 0;
          results.push(await measure(tag(t, `${label} (${rows})`), `${t.base}/staff/requests${query ? `?${query}` : ''}`, { cookies }));
        }
      }
      printTable(
        `Staff queue, first page (rows shown in brackets), ${body.length} bytes for the first, ${main.data.counts.requests} requests`,
        results,
      );
      for (const t of targets) {
        const mine = results.filter((r) => r !== baseline && (!compare || r.label.startsWith(`${t.label}:`)));
        const worst = mine.reduce((a, b) => (b.p99 > a.p99 ? b : a));
        console.log(
          `${compare ? `${t.label}, ` : ''}overall: ${(mine.reduce((s, r) => s + r.rps, 0) / mine.length).toFixed(0)} req/s on average, worst p99 ${worst.p99} ms (${worst.label}); baseline ${baseline.rps.toFixed(0)} req/s, p99 ${baseline.p99} ms`,
        );
      }
    }

    // 1b. CSV export of filtered lists: time to stream the whole file.
    if (only.has('csv')) {
      const exports = (d: Prepared): [string, string, string[]][] => [
        ['liaison: own department, open', '', d.liaisonCookies],
        ['staff: one department, closed', `department=${d.ids.publicWorks}&status=closed`, d.staffCookies],
      ];
      console.log(`\nCSV export, one download at a time (median of 5)`);
      console.log('export'.padEnd(44), 'rows'.padStart(9), 'KB'.padStart(8), 'ms'.padStart(8), 'raw ms'.padStart(8), 'rows/s'.padStart(9));
      for (let e = 0; e < 2; e++) {
        for (const t of targets) {
          const [label, query, cookies] = exports(t.data)[e];
          const r = await download(`${t.base}/staff/requests.csv${query ? `?${query}` : ''}`, { Cookie: cookies[0] });
          if (r.status !== 200) throw new Error(`CSV answered ${r.status}`);
          const rows = r.body.toString('utf8').trimEnd().split('\n').length - 1;
          const raw = await download(
            await rawServer(dataDir, `export-${t.label.replace(/\W/g, '')}-${e}.csv`, r.body, 'text/csv; charset=utf-8', procs),
            {},
          );
          console.log(
            tag(t, label).padEnd(44),
            String(rows).padStart(9),
            (r.body.length / 1024).toFixed(0).padStart(8),
            r.ms.toFixed(0).padStart(8),
            raw.ms.toFixed(0).padStart(8),
            ((rows / r.ms) * 1000).toFixed(0).padStart(9),
          );
        }
      }
    }

    // 2. Open311 GET requests with 1,000 results.
    if (only.has('open311')) {
      const year = (ago: number) => new Date(Date.now() - ago * 365 * DAY).toISOString().slice(0, 10);
      const queries: [string, string][] = [
        ['open, default window (90 days)', 'status=open'],
        [
          'closed, two service codes, one year',
          `status=closed&service_code=pothole,street-light-out&start_date=${year(2)}T00:00:00Z&end_date=${year(1)}T00:00:00Z`,
        ],
      ];
      const results: Load[] = [];
      for (const format of ['json', 'xml'] as const) {
        const type = format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8';
        for (const [i, [label, query]] of queries.entries()) {
          for (const t of targets) {
            const url = `${t.base}/open311/v2/requests.${format}?${query}`;
            const sample = await fetch(url, { headers: { 'Accept-Encoding': 'identity', 'X-Forwarded-For': '10.255.0.1' } });
            const body = Buffer.from(await sample.arrayBuffer());
            const text = body.toString('utf8');
            const count = !sample.ok
              ? 0
              : format === 'json'
                ? (JSON.parse(text) as unknown[]).length
                : (text.match(/<request>/g)?.length ?? 0);
            if (count !== 1000)
              console.log(`note: ${tag(t, `${format} "${label}"`)} answered ${sample.status} with ${count} requests, not 1,000`);
            if (i === 0 && t === main)
              results.push(
                await measure(
                  `raw node:http, same bytes (${format}, ${(body.length / 1024).toFixed(0)} KB)`,
                  await rawServer(dataDir, `open311.${format}`, body, type, procs),
                ),
              );
            results.push(await measure(tag(t, `${format}: ${label}`), url, { spreadIps: true }));
          }
        }
      }
      printTable('Open311 GET requests, 1,000 results per response', results);
    }
  } finally {
    await Promise.all([...targets.map((t) => t.close()), ...procs.map(stop)]);
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
