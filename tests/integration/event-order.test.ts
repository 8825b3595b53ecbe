import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signedIn } from '../support/client';
import { testEngine } from '../support/database';
import { reply, startThread } from '../support/forum';
import { waitFor } from '../support/process';
import { startTestServer, type TestServer } from '../support/server';
import { eventsIn, openSocket, subscribe } from '../support/sockets';
import { sql as runSql } from '../support/sql';

/**
 * On PostgreSQL two writes commit concurrently. Event ids must be in commit order, or a client
 * that already has a later id never gets (live or by replay) an event that committed after it.
 * Here the first reply is made to stall inside its transaction, exactly where it writes its
 * event (a test trigger waits on a lock the test holds), while a second reply to the same
 * channel goes ahead; then the first is let go.
 */
const STALL = 4242;
let server: TestServer;
let holder: pg.Client;
const sockets: Socket[] = [];
beforeAll(async () => {
  if (testEngine() !== 'postgres') return;
  server = await startTestServer();
  holder = new pg.Client({ connectionString: server.database.url });
  await holder.connect();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await holder?.end();
  await server?.stop();
});

const until = (check: () => Promise<boolean> | boolean, what: string) =>
  waitFor(check, { intervalMs: 20, timeoutMs: 30_000, what: () => what });

describe.runIf(testEngine() === 'postgres')('event order across concurrent transactions', () => {
  it('gives the later commit the later id, so a client replaying from the last id it got misses nothing', async () => {
    const sql = (statement: string, params: unknown[] = []) => runSql(server.database.url, statement, params);
    const rosa = await signedIn(server.url, DEMO.resident);
    const staff = await signedIn(server.url, DEMO.staff);
    const first = await startThread(rosa, 'n-riverside', 'Stalled thread', 'Stalled thread: details.');
    const second = await startThread(staff, 'n-riverside', 'Quick thread', 'Quick thread: details.');
    const [{ channelId }] = (await sql(`SELECT "channelId" FROM "Thread" WHERE id = $1`, [first])) as { channelId: string }[];
    const room = `channel:${channelId}`;

    // The first thread's channel event waits, once written, until the test lets go.
    await sql(`CREATE OR REPLACE FUNCTION test_stall_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.room = '${room}' AND NEW.payload->>'threadId' = '${first}' THEN
          PERFORM pg_advisory_lock_shared(${STALL});
          PERFORM pg_advisory_unlock_shared(${STALL});
        END IF;
        RETURN NEW;
      END $$`);
    await sql(`CREATE TRIGGER test_stall_event BEFORE INSERT ON "Event" FOR EACH ROW EXECUTE FUNCTION test_stall_event()`);

    const [{ last }] = (await sql(`SELECT MAX(id) AS last FROM "Event"`)) as { last: number }[];
    const socket = await openSocket(server.url, sockets);
    const received = eventsIn(socket, room);
    expect((await subscribe(socket, room, Number(last))).ok).toBe(true);

    await holder.query('SELECT pg_advisory_lock($1)', [STALL]);
    const waiting = async (other: boolean) =>
      Number(
        (
          await holder.query(`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND (objid = $1) <> $2`, [
            STALL,
            other,
          ])
        ).rows[0].n,
      ) > 0;
    const stalled = reply(rosa, first, 'Written first, committed last?');
    await until(() => waiting(false), 'the first reply to stall');
    let secondDone = false;
    const going = reply(staff, second, 'Written second').then((id) => ((secondDone = true), id));
    // The second reply either commits (ids allocated at insert) or waits for the first (commit order).
    await until(async () => secondDone || (await waiting(true)), 'the second reply to commit or wait');
    const ids = async () =>
      ((await sql(`SELECT id FROM "Event" WHERE room = $1 ORDER BY id`, [room])) as { id: number }[]).map((r) => Number(r.id));
    const visibleBefore = await ids();
    await holder.query('SELECT pg_advisory_unlock($1)', [STALL]);
    const [stalledPost, goingPost] = await Promise.all([stalled, going]);
    await sql(`DROP TRIGGER test_stall_event ON "Event"`);

    // No event ever appears below one already visible: what a client has seen is complete.
    const newestSeen = Math.max(...visibleBefore);
    expect((await ids()).filter((id) => id < newestSeen)).toEqual(visibleBefore.filter((id) => id < newestSeen));

    await until(() => received.filter((e) => e.type === 'post.created').length === 2, 'both live events');
    // They may arrive in either order (each process emits after its own commit, and the adapter
    // publishes before emitting): the later one names the earlier as its room's previous event,
    // so a client holding it knows to ask for the earlier one (app/modules/realtime/client.ts).
    const live = received.filter((e) => e.type === 'post.created').sort((a, b) => a.id - b.id);
    expect(live[1].prev).toBe(live[0].id);
    // A client that has the earlier one and replays from it gets the other one.
    const later = await openSocket(server.url, sockets);
    const ack = await subscribe(later, room, live[0].id);
    expect(ack.missed!.map((e) => e.payload.postId)).toEqual([live[1].payload.postId]);
    expect(new Set(live.map((e) => e.payload.postId))).toEqual(new Set([stalledPost, goingPost]));
  });
});
