import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn } from '../support/client';
import { reply as replyTo, startThread } from '../support/forum';
import { disconnected, eventsIn, nextEvent, openSocket, subscribe, type LiveEvent } from '../support/sockets';
import { addMembersChannel } from '../support/channels';
import { withTestServer } from '../support/test-server';
import { sqlOf } from '../support/sql';

/**
 * Realtime delivery that survives disconnects: a client that was away asks from its last event id
 * and gets exactly what it missed (also across a server restart, since the Event table is the
 * source of truth), and a socket loses its rooms the moment its user loses access.
 */
const server = withTestServer();
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
});

/** A socket that records every live event it receives, from the moment it connects. */
async function open(client?: Client): Promise<Socket & { received: LiveEvent[] }> {
  const socket = (await openSocket(server.url, sockets, client)) as Socket & { received: LiveEvent[] };
  socket.received = [];
  socket.on('event', (e: LiveEvent) => socket.received.push(e));
  return socket;
}

const sql = sqlOf(server);

/**
 * Subscribes with the last id seen and checks the replay is exactly `postIds` as post.created,
 * in order; then proves nothing else arrives live by posting a marker reply and checking it is
 * the only live event received.
 */
async function expectExactReplay(
  socket: Socket & { received: LiveEvent[] },
  room: string,
  lastEventId: number,
  postIds: string[],
  marker: () => Promise<string>,
) {
  const ack = await subscribe(socket, room, lastEventId);
  expect(ack.ok).toBe(true);
  const missed = ack.missed ?? [];
  expect(missed.map((e) => [e.type, e.payload.postId])).toEqual(postIds.map((id) => ['post.created', id]));
  expect(missed.every((e) => e.room === room)).toBe(true);
  const ids = missed.map((e) => e.id);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  expect(ids[0]).toBeGreaterThan(lastEventId);

  const live = nextEvent(socket, room);
  const markerId = await marker();
  const event = await live;
  expect(event.payload.postId).toBe(markerId);
  // Nothing else from this room (a signed-in socket also gets its own notifications, in its user room).
  expect(socket.received.filter((e) => e.room === room).map((e) => e.payload.postId)).toEqual([markerId]);
}

describe('replay after a disconnect', () => {
  it('delivers exactly the three missed replies, in order, and nothing else', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const staff = await signedIn(server.url, DEMO.staff);
    const liaison = await signedIn(server.url, DEMO.liaison);
    const threadId = await startThread(rosa, 'n-riverside', 'Bus stop bench broken', 'The bench at the Mill St stop is broken.');
    const room = `thread:${threadId}`;

    // An anonymous reader of the public thread, listening live.
    const first = await open();
    expect(await subscribe(first, room, 0)).toEqual({ ok: true, missed: [] });
    const live = nextEvent(first, room);
    const seenPost = await replyTo(staff, threadId, 'Reported to Parks.');
    const seen = await live;
    expect(seen).toMatchObject({ type: 'post.created', payload: { threadId, postId: seenPost } });

    // Away: three replies are posted meanwhile.
    const gone = disconnected(first);
    first.disconnect();
    await gone;
    const missedPosts = [
      await replyTo(staff, threadId, 'Parks will come on Monday.'),
      await replyTo(rosa, threadId, 'Thank you!'),
      await replyTo(staff, threadId, 'Fixed this morning.'),
    ];

    // Back: the same client reconnects and asks from the last id it saw.
    first.connect();
    await new Promise<void>((resolve) => first.once('connect', () => resolve()));
    first.received = [];
    await expectExactReplay(first, room, seen.id, missedPosts, () => replyTo(liaison, threadId, 'Public Works confirms.'));
  });
});

describe('replay across a server restart', () => {
  it('replays exactly the missed replies from the database after the server came back on the same port', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const admin = await signedIn(server.url, DEMO.admin);
    const threadId = await startThread(admin, 'n-riverside', 'Street fair permits', 'Permits for the spring fair are open.');
    const room = `thread:${threadId}`;

    const before = await open(rosa);
    expect((await subscribe(before, room, 0)).ok).toBe(true);
    const live = nextEvent(before, room);
    const seenPost = await replyTo(admin, threadId, 'The form is on the city site.');
    const seen = await live;
    expect(seen.payload.postId).toBe(seenPost);

    // The server goes down (dropping the socket) and a new one starts on the same database and port.
    const dropped = disconnected(before);
    const url = server.url;
    await server.restart();
    expect(await dropped).toBe('io server disconnect');
    expect(server.url).toBe(url);

    // Sessions live in the database: the same cookies still work on the new server.
    const missedPosts = [
      await replyTo(admin, threadId, 'Deadline is April 1.'),
      await replyTo(rosa, threadId, 'Can a block apply together?'),
      await replyTo(admin, threadId, 'Yes, one form per block.'),
    ];

    const after = await open(rosa);
    const captain = await signedIn(server.url, DEMO.captain);
    await expectExactReplay(after, room, seen.id, missedPosts, () => replyTo(captain, threadId, 'Gracias.'));
  });
});

describe('delivery order', () => {
  it('every event names its room’s previous event, live and in a replay', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const threadId = await startThread(staff, 'n-riverside', 'Crosswalk paint', 'The crosswalk on Oak St is fading.');
    const room = `thread:${threadId}`;
    const socket = await open();
    const [{ before }] = (await sql(`SELECT MAX(id) AS before FROM "Event" WHERE room = $1`, [room])) as { before: number | null }[];
    expect((await subscribe(socket, room, 0)).ok).toBe(true);
    const received = eventsIn(socket, room);
    for (const text of ['Repainting is scheduled.', 'Done on Tuesday.', 'Looks great.']) await replyTo(staff, threadId, text);
    for (let i = 0; i < 250 && received.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    // (On PostgreSQL the adapter may emit them out of order: the chain is what tells a client.)
    received.sort((a, b) => a.id - b.id);
    expect(received.map((e) => e.prev)).toEqual([before ?? 0, received[0].id, received[1].id]);

    // A replay answers the same chain, starting from the id asked after.
    const again = await open();
    const ack = await subscribe(again, room, received[0].id);
    expect(ack.missed!.map((e) => [e.id, e.prev])).toEqual([
      [received[1].id, received[0].id],
      [received[2].id, received[1].id],
    ]);
  });

  it('says so when more was missed than it replays (500 events), with the id to go on from', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const threadId = await startThread(staff, 'n-riverside', 'Busy thread', 'Lots of activity here.');
    const room = `thread:${threadId}`;
    const [{ from }] = (await sql(`SELECT MAX(id) AS "from" FROM "Event"`)) as { from: number }[];
    await sql(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO "Event" (room, type, payload, "createdAt") SELECT $1, 'post.updated', '{}', $2 FROM n`,
      [room, new Date().toISOString()],
    );
    const socket = await open();
    // Exactly 500 missed: replayed in full.
    const full = await subscribe(socket, room, Number(from));
    expect(full.missed).toHaveLength(500);
    expect(full.reload).toBeUndefined();
    // One more: the client is told to reload its data instead, and from which id to go on.
    await replyTo(staff, threadId, 'The 501st.');
    const [{ newest }] = (await sql(`SELECT MAX(id) AS newest FROM "Event" WHERE room = $1`, [room])) as { newest: number }[];
    expect(await subscribe(socket, room, Number(from))).toEqual({ ok: true, missed: [], reload: true, lastEventId: Number(newest) });
  });
});

describe('losing access', () => {
  let channelId = '';
  let captainId = '';
  beforeAll(async () => {
    channelId = 'replay-priv';
    const [captain] = (await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.captain])) as { id: string }[];
    captainId = captain.id;
    await addMembersChannel(
      server.database.url,
      { id: channelId, slug: 'replay-watch', name: { en: 'Replay Block Watch', es: 'Vigilancia Replay' } },
      [captainId],
    );
  });

  it('signing out drops that session’s socket only', async () => {
    const phone = await signedIn(server.url, DEMO.captain);
    const laptop = await signedIn(server.url, DEMO.captain);
    const phoneSocket = await open(phone);
    const laptopSocket = await open(laptop);
    expect((await subscribe(phoneSocket, `channel:${channelId}`)).ok).toBe(true);
    expect((await subscribe(laptopSocket, `channel:${channelId}`)).ok).toBe(true);

    const dropped = disconnected(phoneSocket);
    expect((await phone.post('/signout', {})).status).toBe(303);
    expect(await dropped).toBe('io server disconnect');
    // The other session is still connected and still allowed in.
    expect(laptopSocket.connected).toBe(true);
    expect((await subscribe(laptopSocket, `channel:${channelId}`)).ok).toBe(true);
    laptopSocket.disconnect();
  });

  it('a banned member’s socket is disconnected at once', async () => {
    const captain = await signedIn(server.url, DEMO.captain);
    const socket = await open(captain);
    expect((await subscribe(socket, `channel:${channelId}`)).ok).toBe(true);

    const staff = await signedIn(server.url, DEMO.staff);
    await staff.page(`/moderation/users/${captainId}`);
    const dropped = disconnected(socket);
    const res = await staff.post(`/moderation/users/${captainId}`, { action: 'ban', userId: captainId, message: 'Repeated harassment.' });
    expect(res.status).toBe(303);
    expect(await dropped).toBe('io server disconnect');

    // Reconnecting with the old cookie gets an anonymous socket that cannot rejoin.
    const again = await open(captain);
    expect(await subscribe(again, `channel:${channelId}`)).toEqual({ ok: false, error: 'forbidden' });
  });
});
