/**
 * `npm run bench` (block-watch part): figures for block watch on this machine, each beside a
 * baseline measured in the same run. Prints, never asserts.
 *  1. alert: a captain's alert to a group of 1,000 members (the captain and 999 others), each
 *     with one socket connected as themselves (their session cookie) and subscribed to the group's
 *     room `group:<id>` as its page does. The alert goes through the real page (POST
 *     /groups/<slug>, intent=alert: session, CSRF, one transaction writing the alert, a
 *     notification and its event per member, the mails). Per alert, the time from the POST's
 *     response to each socket's `alert.sent`: deliveries/s (sockets reached / time until the last
 *     one, median of the alerts) and p50/p99 of all deliveries; also from the event rows'
 *     createdAt (stamped just before they are written and committed) and from the POST sent, the
 *     POST's time, the server's CPU and where the time goes. Baseline: a bare socket.io server
 *     (node:http + socket.io, no app, its own process like the app) that answers a POST, then
 *     broadcasts the app's event (the same bytes) to 1,000 sockets in one room.
 *     A group sends 3 alerts an hour (LIMITS.alertGroup; on SQLite counted in the server's memory,
 *     with no rows to reset): the same people are in ceil(BENCH_ALERTS / 3) groups, each socket in
 *     every group's room, and each group sends 3. One member in 50 takes alerts by mail (20 mails
 *     queued per alert, to the outbox: no SMTP), so these figures are about the live path; one
 *     more alert, shown apart, goes to a group where all keep the default (999 mails queued).
 *  2. calendar: the community calendar page (/calendar, four weeks from today) and feed
 *     (/calendar.ics, a month back to a year ahead) with 5,000 public meetings of 60 groups in the
 *     demo's neighborhoods, from a year back to a year ahead (7 in 10 single, the rest monthly
 *     series with COUNT). The page is rendered for every request (the page cache holds forum pages
 *     only; the requests also carry a cookie it does not know, as the surveys bench does). The
 *     feed is kept per city, language, neighborhood and day until a meeting, group or survey
 *     changes (communityFeed), so it is measured twice: as served (repeat requests, the kept copy)
 *     and as written (one request at a time, each right after a meeting's updatedAt moves to now,
 *     as an edit does; the first request since the server started is shown apart). The page and
 *     the served feed run BENCH_SECONDS at 10 connections (req/s, p50/p99, the server's CPU per
 *     request), beside raw node:http sending the same bytes; the written feed beside raw node:http
 *     asked one request at a time.
 * BENCH_SECONDS (default 10) sets the length of each calendar run (and of the written feed's, at
 * least 3 writes); BENCH_ALERTS (default 12) how many alerts are timed; BENCH_PART=alert or
 * calendar runs one part; BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles
 * the measured server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import type { Socket } from 'socket.io-client';
import { dateIn, localDateTimeIn } from '~/lib/time';
import { buildRrule, lastStart } from '~/modules/blockwatch/recurrence';
import { Client } from '../support/client';
import { freePort } from '../support/server';
import { openSocket, subscribe, type LiveEvent } from '../support/sockets';
import { printTable } from './http';
import { benchServerEnv, migrateAndSeed, cpuMs, startRawServer, stop, waitFor } from './processes';
import { percentile } from './writes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ALERTS = Number(process.env.BENCH_ALERTS ?? 12);
/** Members besides the captain; each member (the captain too) has one socket in the group's room. */
const OTHERS = 999;
const SOCKETS = OTHERS + 1;
const MEETINGS = 5000;
const CALENDAR_GROUPS = 60;
const DAY = 24 * 3600 * 1000;
const runs = (part: 'alert' | 'calendar') => !process.env.BENCH_PART || process.env.BENCH_PART === part;

/** Dates as Prisma writes them on SQLite (text ending in +00:00), so equal instants compare equal. */
const iso = (at: Date | number) => new Date(at).toISOString().replace('Z', '+00:00');
/** Wall-clock time in ms (comparable with the server's timestamps on the same machine). */
const now = () => performance.timeOrigin + performance.now();

type Row = Record<string, string | number | null>;

/** Inserts rows (all with the first one's columns) into `table`. */
function insertRows(db: Database.Database, table: string, rows: Row[]) {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]);
  const insert = db.prepare(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  for (const row of rows) insert.run(columns.map((c) => row[c]));
}

/** Accounts with a session each, as sign-up and sign-in write them; their ids and session cookies. */
function accounts(db: Database.Database, prefix: string, count: number) {
  const [at, old, week] = [iso(Date.now()), iso(Date.now() - 60 * DAY), iso(Date.now() + 7 * DAY)];
  const users: Row[] = [];
  const sessions: Row[] = [];
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${prefix}${i}`;
    const locale = i % 3 === 0 ? 'es' : 'en';
    users.push({
      id,
      displayName: `Bench ${prefix} ${i}`,
      email: `${prefix}${i}@example.org`,
      emailVerifiedAt: old,
      locale,
      createdAt: old,
    });
    const token = randomBytes(32).toString('base64url');
    sessions.push({ id: createHash('sha256').update(token).digest('hex'), userId: id, expiresAt: week, createdAt: at, lastSeenAt: at });
    // The session cookie's value as Remix writes it: base64-encoded JSON of the token.
    cookies.push(encodeURIComponent(Buffer.from(JSON.stringify(token)).toString('base64')));
  }
  insertRows(db, 'User', users);
  insertRows(db, 'Session', sessions);
  return { ids: users.map((u) => String(u.id)), cookies };
}

type BenchGroup = { id: string; slug: string; channelId: string };

/** A group and its board (a members-only channel of kind group), as insertGroup writes them. */
function insertGroup(db: Database.Database, slug: string, name: string, neighborhoodId: string | null): BenchGroup {
  const group = { id: `bg-${slug}`, slug, channelId: `bc-${slug}` };
  const at = iso(Date.now() - 90 * DAY);
  insertRows(db, 'Channel', [
    {
      id: group.channelId,
      slug: `group-${slug}`,
      kind: 'group',
      name: JSON.stringify({ en: name, es: name }),
      visibility: 'members',
      neighborhoodId,
      createdAt: at,
    },
  ]);
  insertRows(db, 'BlockWatchGroup', [
    { id: group.id, slug, name, neighborhoodId, streets: '[]', channelId: group.channelId, createdAt: at, updatedAt: at },
  ]);
  return group;
}

/** Active members as activateMember makes them: a membership and a row in the board's channel. */
function insertMembers(db: Database.Database, group: BenchGroup, userIds: string[], alertByMail: (i: number) => boolean, via = 'invite') {
  const at = iso(Date.now() - 30 * DAY);
  insertRows(
    db,
    'GroupMembership',
    userIds.map((userId, i) => ({
      id: `bm-${group.slug}-${userId}`,
      groupId: group.id,
      userId,
      status: 'active',
      via,
      alertByMail: alertByMail(i) ? 1 : 0,
      createdAt: at,
      updatedAt: at,
    })),
  );
  insertRows(
    db,
    'ChannelMember',
    userIds.map((userId) => ({ channelId: group.channelId, userId, createdAt: at })),
  );
}

/** The captain's grant scoped to the group, and the board's moderation that comes with it (syncBoardModerator). */
function insertCaptain(db: Database.Database, group: BenchGroup, userId: string) {
  const at = iso(Date.now() - 90 * DAY);
  insertRows(db, 'RoleGrant', [
    { id: `bgc-${group.slug}`, userId, role: 'captain', scopeKind: 'group', scopeId: group.id, createdAt: at },
    { id: `bgl-${group.slug}`, userId, role: 'groupLeader', scopeKind: 'channel', scopeId: group.channelId, createdAt: at },
  ]);
  insertMembers(db, group, [userId], () => false, 'staff');
}

type AlertData = { captain: string; members: string[]; groups: BenchGroup[]; mailedGroup: BenchGroup };

/**
 * The captain and OTHERS members in ceil(ALERTS / 3) groups, one member in 50 taking alerts by
 * mail, and in one more group where all keep the default (alerts by mail).
 */
function fillAlertGroups(db: Database.Database, neighborhoodId: string): AlertData {
  const captain = accounts(db, 'bwcaptain', 1);
  const members = accounts(db, 'bwmember', OTHERS);
  const make = (slug: string, others: string[], alertByMail: (i: number) => boolean) => {
    const group = insertGroup(db, slug, `Bench Watch ${slug}`, neighborhoodId);
    insertCaptain(db, group, captain.ids[0]);
    insertMembers(db, group, others, alertByMail);
    return group;
  };
  return {
    captain: captain.cookies[0],
    members: members.cookies,
    groups: Array.from({ length: Math.ceil(ALERTS / 3) }, (_, g) => make(`bench-alerts-${g}`, members.ids, (i) => i % 50 === 0)),
    mailedGroup: make('bench-alerts-mailed', members.ids, () => true),
  };
}

const STREETS = [
  'Mill St',
  'Willow Ave',
  'Bridge St',
  'Calle Rosa',
  'Orchard Ave',
  'Oak St',
  'Market St',
  'School Ln',
  'River Rd',
  'Elm St',
];
const TITLES = [
  'Monthly block walk',
  'Neighborhood safety meeting',
  'Reunión de vecinos',
  'Night walk',
  'Cleanup day',
  'Emergency kit workshop',
];
const TIMES = ['18:30', '19:00', '10:00', '18:00'];

/**
 * 5,000 public meetings of 60 groups (spread over the demo's neighborhoods), starting from a year
 * back to a year ahead at a wall-clock time in the city's zone, 1h30 long: 7 in 10 single, the rest
 * monthly series (by weekday or by day of month) of 3 to 12 dates, with their rule and last start
 * written by the recurrence helpers as the scheduling form does; one in 40 cancelled.
 */
function fillMeetings(db: Database.Database, neighborhoods: string[], timeZone: string, createdById: string) {
  const groups = Array.from({ length: CALENDAR_GROUPS }, (_, n) => {
    const street = STREETS[n % STREETS.length];
    return insertGroup(
      db,
      `bench-watch-${n}`,
      `${street} Watch ${Math.floor(n / STREETS.length) + 1}`,
      neighborhoods[n % neighborhoods.length],
    );
  });
  const meetings: Row[] = [];
  let series = 0;
  for (let i = 0; i < MEETINGS; i++) {
    // Spread evenly (7,919 is prime to 731) over the 731 days around today.
    const day = dateIn(new Date(Date.now() + (((i * 7919) % 731) - 365) * DAY), timeZone);
    const startsAt = localDateTimeIn(`${day}T${TIMES[i % TIMES.length]}`, timeZone)!;
    const endsAt = new Date(startsAt.getTime() + 90 * 60 * 1000);
    const repeat = i % 10 < 7 ? 'none' : i % 2 ? 'monthlyByWeekday' : 'monthlyByDay';
    const rrule = buildRrule(startsAt, timeZone, repeat, { count: 3 + ((i * 31) % 10) });
    if (rrule) series++;
    const online = i % 5 === 0;
    // Scheduled a month ahead, in the past: the feed's version (the latest updatedAt) moves with an edit made now.
    const written = iso(Math.min(startsAt.getTime() - 30 * DAY, Date.now() - DAY));
    meetings.push({
      id: `bmt${i}`,
      groupId: groups[i % groups.length].id,
      title: TITLES[i % TITLES.length],
      startsAt: iso(startsAt),
      endsAt: iso(endsAt),
      timeZone,
      place: online ? null : `${100 + (i % 800)} ${STREETS[i % STREETS.length]}, community room`,
      link: online ? `https://meet.example.org/bench-${i}` : null,
      visibility: 'public',
      rrule,
      lastStartsAt: iso(lastStart({ startsAt, endsAt, timeZone, rrule })),
      cancelledAt: i % 40 === 39 ? iso(Date.now() - DAY) : null,
      createdById,
      createdAt: written,
      updatedAt: written,
    });
  }
  insertRows(db, 'Meeting', meetings);
  return { groups: groups.length, meetings: meetings.length, series };
}

/** Fills the migrated and seeded database: the alert groups and the calendar's meetings. */
function fill(file: string) {
  const db = new Database(file);
  const { timeZone } = db.prepare(`SELECT "timeZone" FROM "City" WHERE id = 1`).get() as { timeZone: string };
  const neighborhoods = (db.prepare(`SELECT id FROM "Neighborhood" ORDER BY slug`).all() as { id: string }[]).map((r) => r.id);
  const data = db.transaction(() => {
    const alerts = fillAlertGroups(db, neighborhoods[0]);
    return { alerts, calendar: fillMeetings(db, neighborhoods, timeZone, `bwcaptain0`) };
  })();
  db.close();
  return data;
}

/** One alert (or broadcast) timed at every socket: when it was posted, answered, and each arrival. */
type Timed = { sentAt: number; respondedAt: number; status: number; arrivals: number[]; event: LiveEvent | null; cpu: number | null };

/**
 * Posts with `send` and waits until every socket has the `alert.sent` of `room` (30 s at most);
 * `server`'s CPU time meanwhile (the process that answers and delivers).
 */
async function timeDelivery(sockets: Socket[], room: string, send: () => Promise<Response>, server?: number): Promise<Timed> {
  const arrivals: number[] = [];
  let event: LiveEvent | null = null;
  let allArrived = () => {};
  const all = new Promise<void>((resolve) => (allArrived = resolve));
  const seen = (e: LiveEvent) => {
    if (e.room !== room || e.type !== 'alert.sent') return;
    arrivals.push(now());
    event ??= e;
    if (arrivals.length === sockets.length) allArrived();
  };
  for (const s of sockets) s.on('event', seen);
  const cpuBefore = cpuMs(server);
  const sentAt = now();
  const res = await send();
  const respondedAt = now();
  await res.arrayBuffer();
  if (res.status === 303) await Promise.race([all, new Promise((r) => setTimeout(r, 30_000))]);
  const cpuAfter = cpuMs(server);
  for (const s of sockets) s.off('event', seen);
  const cpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
  return { sentAt, respondedAt, status: res.status, arrivals, event, cpu };
}

type Fanout = { delivered: number; expected: number; perSecond: number; p50: number; p99: number };

/**
 * Latencies of every delivery from `origin` (pooled over the alerts), and deliveries/s: sockets
 * reached / time from `origin` to the last one, the median over the alerts.
 */
function fanoutFigures(timed: Timed[], origin: (t: Timed) => number, sockets: number): Fanout {
  const latencies = timed.flatMap((t) => t.arrivals.map((a) => a - origin(t))).sort((a, b) => a - b);
  const rates = timed
    .filter((t) => t.arrivals.length)
    .map((t) => (t.arrivals.length / (Math.max(...t.arrivals) - origin(t))) * 1000)
    .sort((a, b) => a - b);
  return {
    delivered: latencies.length,
    expected: timed.length * sockets,
    perSecond: percentile(rates, 50),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

function printFanout(title: string, rows: [string, Fanout][]) {
  console.log(`\n${title}`);
  console.log('target'.padEnd(48), 'delivered'.padStart(13), 'per s'.padStart(9), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8));
  for (const [label, x] of rows) {
    console.log(
      label.padEnd(48),
      `${x.delivered}/${x.expected}`.padStart(13),
      x.perSecond.toFixed(0).padStart(9),
      x.p50.toFixed(1).padStart(8),
      x.p99.toFixed(1).padStart(8),
    );
  }
}

/** `count` sockets (as `cookies[i]`'s session, or anonymous), each subscribed to every room in `rooms`. */
async function connectMembers(base: string, count: number, rooms: string[], cookies: string[] = []) {
  const sockets: Socket[] = [];
  // 50 handshakes at a time: all at once would time out some on a small machine.
  for (let i = 0; i < count; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, async (_, k) => {
        const client = new Client(base);
        if (cookies.length) client.cookies.set('session', cookies[i + k]);
        const socket = await openSocket(base, sockets, client);
        for (const room of rooms) {
          const ack = await subscribe(socket, room);
          if (!ack.ok) throw new Error(`subscribing to ${room} answered ${ack.error}`);
        }
      }),
    );
  }
  return sockets;
}

/**
 * The baseline's server, in its own process like the app: node:http + socket.io, nothing else.
 * A socket joins the room it asks for; a POST of an event (JSON) is answered 303, as the alert's
 * action is, then stamped and broadcast to its room (answering first makes "from the POST's
 * response" a delivery time here too; the app emits before it answers).
 */
async function startBareSocketServer(): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const script = `
    const io = new (require('socket.io').Server)(require('http').createServer((req, res) => {
      if (req.method !== 'POST') return res.end('ok');
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        res.writeHead(303, { Location: '/' }).end();
        const event = { ...JSON.parse(body), createdAt: new Date().toISOString() };
        io.to(event.room).emit('event', event);
      });
    }).listen(${port}, '127.0.0.1'), { serveClient: false });
    io.on('connection', (s) => s.on('subscribe', (m, ack) => { s.join(m.room); ack({ ok: true }); }));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/`);
  return { child, url };
}

/** Sends `count` alerts as the captain, each through the group page's form (its CSRF token from the page, as a browser). */
async function sendAlerts(base: string, captainCookie: string, sockets: Socket[], groups: BenchGroup[], count: number, server?: number) {
  const captain = new Client(base);
  captain.cookies.set('session', captainCookie);
  const timed: Timed[] = [];
  for (let n = 0; n < count; n++) {
    const group = groups[Math.floor(n / 3)];
    await captain.page(`/groups/${group.slug}`);
    const body = `Bench alert ${n}: a car was broken into on Mill St tonight. Lock your cars and call 911 if you see anything.`;
    const send = () => captain.post(`/groups/${group.slug}`, { intent: 'alert', body });
    timed.push(await timeDelivery(sockets, `group:${group.id}`, send, server));
    await new Promise((r) => setTimeout(r, 200)); // let the clients settle
  }
  return timed;
}

/** Bare socket.io: `ALERTS` broadcasts of `sample` (the app's event, the same bytes) to `SOCKETS` sockets in its room. */
async function bareBroadcasts(sample: LiveEvent) {
  const bare = await startBareSocketServer();
  try {
    const sockets = await connectMembers(bare.url, SOCKETS, [sample.room]);
    const timed: Timed[] = [];
    for (let n = 0; n < ALERTS; n++) {
      const post = () => fetch(bare.url, { method: 'POST', redirect: 'manual', body: JSON.stringify(sample) });
      timed.push(await timeDelivery(sockets, sample.room, post, bare.child.pid));
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const s of sockets) s.disconnect();
    return timed;
  } finally {
    await stop(bare.child);
  }
}

/** 1. Alerts to 1,000 connected members, beside a bare socket.io broadcast of the same event. */
async function alertBench(base: string, data: AlertData, server: number | undefined) {
  const rooms = [...data.groups, data.mailedGroup].map((g) => `group:${g.id}`);
  const t0 = Date.now();
  // The captain's page and every member's: one socket each.
  const sockets = await connectMembers(base, SOCKETS, rooms, [data.captain, ...data.members]);
  const took = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`\n${SOCKETS} sockets of ${OTHERS + 1} members connected, each subscribed to ${rooms.length} group rooms, in ${took} s`);
  const app = await sendAlerts(base, data.captain, sockets, data.groups, ALERTS, server);
  const [mailed] = await sendAlerts(base, data.captain, sockets, [data.mailedGroup], 1, server);
  for (const s of sockets) s.disconnect();
  const failed = [...app, mailed].find((t) => t.status !== 303);
  if (failed) throw new Error(`an alert answered ${failed.status}`);
  const bare = await bareBroadcasts(app[0].event!);

  // The event's createdAt: stamped just before the event rows are written and committed (bare: the emit).
  const committed = (t: Timed) => Date.parse((t.event as { createdAt?: string } | null)?.createdAt ?? '') || t.respondedAt;
  printFanout(
    `Alert to ${OTHERS + 1} members on ${SOCKETS} sockets (${ALERTS} alerts, event of ${JSON.stringify(app[0].event).length} bytes; per s = sockets reached / time until the last one, median of the alerts)`,
    [
      ["bare socket.io, from the POST's response", fanoutFigures(bare, (t) => t.respondedAt, SOCKETS)],
      ['bare socket.io, from the emit', fanoutFigures(bare, committed, SOCKETS)],
      ["Townsquare, from the POST's response", fanoutFigures(app, (t) => t.respondedAt, SOCKETS)],
      ['Townsquare, from the event rows (commit)', fanoutFigures(app, committed, SOCKETS)],
      ['Townsquare, from the POST sent', fanoutFigures(app, (t) => t.sentAt, SOCKETS)],
      ["all mailed (1 alert), from the POST's response", fanoutFigures([mailed], (t) => t.respondedAt, SOCKETS)],
      ['all mailed (1 alert), from the event rows', fanoutFigures([mailed], committed, SOCKETS)],
    ],
  );
  const median = (timed: Timed[], of: (t: Timed) => number | null) => {
    const values = timed.map(of);
    return values.every((v) => v !== null)
      ? percentile(
          (values as number[]).sort((x, y) => x - y),
          50,
        ).toFixed(0)
      : '?';
  };
  const postMs = (t: Timed) => t.respondedAt - t.sentAt;
  console.log(
    `POST to its answer, median: ${median(app, postMs)} ms with 20 mails queued, ${median([mailed], postMs)} ms with ${OTHERS} (all mailed); bare ${median(bare, postMs)} ms`,
  );
  console.log(
    `server CPU per alert, deliveries included, median: ${median(app, (t) => t.cpu)} ms (${median([mailed], (t) => t.cpu)} ms all mailed); bare ${median(bare, (t) => t.cpu)} ms`,
  );
  const alertRow = (t: Timed) => Date.parse(String(t.event?.payload.at));
  console.log(
    `where an alert's time goes (median): ${median(app, (t) => alertRow(t) - t.sentAt)} ms to its Alert row, ${median(app, (t) => committed(t) - alertRow(t))} ms more to its event rows (notifications, mails, audit), ${median(app, (t) => t.respondedAt - committed(t))} ms more to the 303 (events written, commit, emits), ${median(app, (t) => Math.max(...t.arrivals) - t.respondedAt)} ms more to the last delivery`,
  );
}

type Load = { label: string; rps: number; p50: number; p99: number; errors: number; non2xx: number };
const figuresOf = (label: string, r: autocannon.Result): Load => ({
  label,
  rps: r.requests.total / (r.duration || 1),
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors, // timeouts included
  non2xx: r.non2xx,
});

/** Waits until `server` has used no CPU for 250 ms (done with the requests of a run that ended); 60 s at most. */
async function settle(server: number | undefined) {
  for (let i = 0, last = cpuMs(server); i < 240 && last !== null; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const cpu = cpuMs(server);
    if (cpu === null || cpu - last <= 10) return;
    last = cpu;
  }
}

/** The baseline: 10 connections on `url` for SECONDS, after 2 s of warm-up. */
async function rawLoad(label: string, url: string) {
  await autocannon({ url, connections: 10, duration: 2 });
  return figuresOf(label, await autocannon({ url, connections: 10, duration: SECONDS }));
}

/**
 * A page of the app at 10 connections for SECONDS, after a warm-up of one request at a time for
 * 2 s (the first ones are several times slower: JIT); the server's CPU per request sent, read once
 * it is done with the requests still open when the run ends.
 */
async function pageLoad(label: string, url: string, headers: Record<string, string>, server: number | undefined) {
  let alone = 0;
  for (const until = Date.now() + 2000; Date.now() < until;) {
    const started = performance.now();
    await (await fetch(url, { headers })).arrayBuffer();
    alone = performance.now() - started;
  }
  const before = cpuMs(server);
  const r = await autocannon({ url, headers, connections: 10, duration: SECONDS });
  await settle(server);
  const after = cpuMs(server);
  const cpu = before !== null && after !== null ? `, server CPU ${((after - before) / r.requests.sent).toFixed(1)} ms/request` : '';
  console.log(
    `${label}: ${alone.toFixed(1)} ms alone after the warm-up; at 10 connections ${r.requests.total} answered in ${SECONDS} s${cpu}`,
  );
  return figuresOf(label, r);
}

/** `count` requests one at a time (each after `before`, if given): each one's time and the server's CPU for it. */
async function oneAtATime(url: string, headers: Record<string, string>, count: number, server?: number, before?: () => void) {
  const times: number[] = [];
  const cpu: number[] = [];
  const bodies: string[] = [];
  for (let n = 0; n < count; n++) {
    before?.();
    const cpuBefore = cpuMs(server);
    const started = performance.now();
    const res = await fetch(url, { headers });
    bodies.push(await res.text());
    times.push(performance.now() - started);
    const cpuAfter = cpuMs(server);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    if (cpuBefore !== null && cpuAfter !== null) cpu.push(cpuAfter - cpuBefore);
  }
  return { times, cpu, bodies };
}

/** req/s, p50 and p99 of requests made one at a time, and the median CPU of one, as a line. */
function aloneLine(label: string, x: { times: number[]; cpu: number[] }) {
  const sorted = [...x.times].sort((a, b) => a - b);
  const perSecond = (x.times.length / x.times.reduce((a, b) => a + b, 0)) * 1000;
  const cpu = x.cpu.length
    ? `, server CPU ${percentile(
        [...x.cpu].sort((a, b) => a - b),
        50,
      ).toFixed(0)} ms/request`
    : '';
  return `${label.padEnd(44)} ${perSecond.toFixed(2).padStart(9)} ${percentile(sorted, 50).toFixed(0).padStart(8)} ${percentile(sorted, 99).toFixed(0).padStart(8)}  (${x.times.length} request${x.times.length === 1 ? '' : 's'}${cpu})`;
}

/**
 * The feed written anew for about SECONDS (3 times at least), after one such write unmeasured
 * (JIT): before each request, one meeting's updatedAt moves to now (as any edit does), so the
 * feed's version changes and the request writes it.
 */
async function feedWrites(url: string, headers: Record<string, string>, dbFile: string, server: number | undefined) {
  const db = new Database(dbFile, { timeout: 10_000 });
  const touch = db.prepare(`UPDATE "Meeting" SET "updatedAt" = ? WHERE id = 'bmt0'`);
  let last = 0;
  const edit = () => touch.run(iso((last = Math.max(Date.now(), last + 1))));
  try {
    await oneAtATime(url, headers, 1, server, edit);
    const written: Awaited<ReturnType<typeof oneAtATime>> = { times: [], cpu: [], bodies: [] };
    for (const until = Date.now() + SECONDS * 1000; written.times.length < 3 || Date.now() < until;) {
      const one = await oneAtATime(url, headers, 1, server, edit);
      written.times.push(...one.times);
      written.cpu.push(...one.cpu);
      written.bodies.push(...one.bodies);
    }
    return written;
  } finally {
    db.close();
  }
}

/** 2. The community calendar page and feed (as served and as written), each beside raw node:http sending the same bytes. */
async function calendarBench(base: string, dataDir: string, server: number | undefined, procs: ChildProcess[]) {
  // A cookie the page cache does not know: never served from it (see the header).
  const headers = { Cookie: 'bench=1' };
  const results: Load[] = [];
  const sizes: string[] = [];
  const dates = (body: string, pattern: RegExp) =>
    `${body.match(pattern)?.length ?? 0} dates, ${(Buffer.byteLength(body) / 1024).toFixed(0)} KB`;

  // The feed's first request since the server started: written (cold), then kept.
  const first = await oneAtATime(`${base}/calendar.ics`, headers, 1, server);
  const page = (await oneAtATime(`${base}/calendar`, headers, 1, server)).bodies[0];
  sizes.push(`/calendar: ${dates(page, /class="agenda-item"/g)}`);
  const pageRaw = await startRawServer(Buffer.from(page), dataDir, 'calendar');
  procs.push(pageRaw.child);
  results.push(await rawLoad('raw node:http, same bytes as /calendar', pageRaw.url));
  results.push(await pageLoad('Townsquare /calendar', `${base}/calendar`, headers, server));

  const served = (await oneAtATime(`${base}/calendar.ics`, headers, 1, server)).bodies[0];
  if (served !== first.bodies[0]) console.log('the feed was written again since its first request: not kept?');
  sizes.push(`/calendar.ics: ${dates(served, /BEGIN:VEVENT/g)}`);
  const feedRaw = await startRawServer(Buffer.from(served), dataDir, 'calendar.ics');
  procs.push(feedRaw.child);
  results.push(await rawLoad('raw node:http, same bytes as /calendar.ics', feedRaw.url));
  results.push(await pageLoad('Townsquare /calendar.ics, as served', `${base}/calendar.ics`, headers, server));
  printTable(`Community calendar, ${MEETINGS} public meetings (${sizes.join('; ')})`, results);

  const written = await feedWrites(`${base}/calendar.ics`, headers, join(dataDir, 'townsquare.db'), server);
  // ical-generator stamps every event (DTSTAMP, to the second) when it writes the feed: a body
  // unlike the one served before says the feed was written anew.
  const rewritten = written.bodies.filter((b) => b !== served).length;
  const rawAlone = await oneAtATime(feedRaw.url, {}, 20);
  console.log(
    `\nCommunity feed written anew (requests one at a time, each after an edit of a meeting; ${rewritten} of ${written.times.length} bodies new)`,
  );
  console.log('target'.padEnd(44), 'req/s'.padStart(9), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8));
  console.log(aloneLine('raw node:http, same bytes, one at a time', rawAlone));
  console.log(aloneLine('Townsquare /calendar.ics, written', written));
  console.log(aloneLine('Townsquare /calendar.ics, first since start', first));
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'townsquare-bench-blockwatch-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = benchServerEnv(port, dataDir);
  // First start migrates and seeds; then the groups and meetings go in and the server starts again.
  await migrateAndSeed(env, base);
  const t0 = Date.now();
  const data = fill(join(dataDir, 'townsquare.db'));
  const { groups, meetings, series } = data.calendar;
  console.log(
    `\nblock-watch data: ${data.alerts.groups.length + 1} groups of ${OTHERS + 1} members; ${meetings} public meetings (${series} monthly series) of ${groups} groups (inserted in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const app: ChildProcess = spawn(process.execPath, [...nodeArgs, 'build/server.js'], { env, stdio: 'inherit' });
  await waitFor(`${base}/healthz`);
  const procs: ChildProcess[] = [];
  try {
    if (runs('alert')) await alertBench(base, data.alerts, app.pid);
    if (runs('calendar')) await calendarBench(base, dataDir, app.pid, procs);
  } finally {
    await Promise.all([stop(app), ...procs.map(stop)]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
