import { bulkInsert, type Column } from '~/lib/bulk-insert.server';
import { afterCommit, beforeCommit, db, type Tx } from '~/lib/db.server';
import { dialect } from '~/lib/dialect/index.server';
import { dropChangedPages } from '~/modules/page-cache/page-cache.server';
import type { EventType, RoomName } from './names';

/**
 * The outbox: modules write Event rows inside their transaction; once it commits the rows are
 * handed to the socket server (socket.server.ts), which emits them to their rooms. Clients that
 * missed events ask for them by id (replay), so the Event table is the only source of truth.
 *
 * Event ids are in commit order (docs/decisions/0006-realtime-outbox.md): the rows are written as
 * the transaction's last statements, under the dialect's event lock held until commit (an advisory
 * lock on PostgreSQL; SQLite has one writer anyway), so once an event is visible every lower id is
 * committed or never will be. Each event also names `prev`, the room's previous event id, so a
 * client that sees `prev` above the last id it applied knows it is missing something and asks.
 */
export type RealtimeEvent = { room: RoomName; type: EventType; payload: Record<string, unknown> };
export type StoredEvent = RealtimeEvent & { id: number; createdAt: string; prev: number };

type Sink = (events: StoredEvent[]) => void;
let sink: Sink | undefined;

/** The socket server registers itself here; without one (CLI, tests) events are only stored. */
export function setEventSink(next: Sink | undefined) {
  sink = next;
}

const pending = new WeakMap<Tx, RealtimeEvent[]>();

export async function publishAfterCommit(tx: Tx, events: RealtimeEvent[]): Promise<void> {
  if (!events.length) return;
  let queue = pending.get(tx);
  if (!queue) {
    const fresh: RealtimeEvent[] = [];
    queue = fresh;
    pending.set(tx, fresh);
    beforeCommit(tx, async () => {
      const stored = await storeEvents(tx, fresh);
      afterCommit(tx, () => {
        dropChangedPages(stored);
        sink?.(stored);
      });
    });
  }
  queue.push(...events);
}

async function storeEvents(tx: Tx, events: RealtimeEvent[]): Promise<StoredEvent[]> {
  // Held until commit: no other transaction takes an event id before this one is visible.
  await dialect().lockEvents(tx);
  // Each room's last event: one indexed lookup per room (Event(room, id)). A MAX(id) grouped by
  // room reads every event of the room instead, so each write got slower as its room grew. Raw
  // SQL: every write with an event pays this, and a Prisma findFirst costs three times as much.
  const last = new Map<string, number>();
  for (const room of new Set(events.map((e) => e.room))) {
    const [row] = await tx.$queryRaw<{ id: number | bigint }[]>`
      SELECT "id" FROM "Event" WHERE "room" = ${room} ORDER BY "id" DESC LIMIT 1`;
    last.set(room, row ? Number(row.id) : 0);
  }
  // One statement numbers its rows in the order given (and under the lock nothing else takes an
  // id meanwhile), so the new ids, sorted, are the events' in order: delivered in id order, which
  // is the order clients replay in.
  const createdAt = new Date();
  const ids = (
    await bulkInsert(
      tx,
      'Event',
      EVENT_COLUMNS,
      events.map((e) => [e.room, e.type, e.payload, createdAt]),
      ['id'],
    )
  )
    .map((r) => Number(r.id))
    .sort((a, b) => a - b);
  return events.map((e, i) => {
    const id = ids[i]!;
    const prev = last.get(e.room) ?? 0;
    last.set(e.room, id);
    return storedEvent({ ...e, id, createdAt }, prev);
  });
}

const EVENT_COLUMNS = [
  ['room', 'text'],
  ['type', 'text'],
  ['payload', 'json'],
  ['createdAt', 'timestamp'],
] as const satisfies readonly Column[];

/** An Event row as sockets receive it (live and replayed alike). */
export function storedEvent(row: { id: number; room: string; type: string; payload: unknown; createdAt: Date }, prev: number): StoredEvent {
  return {
    id: row.id,
    room: row.room as RoomName,
    type: row.type as EventType,
    payload: row.payload as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
    prev,
  };
}

/** The newest event id so far: pages send it so their live updates start exactly after it. */
export async function latestEventId(): Promise<number> {
  const row = await db().event.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return row?.id ?? 0;
}
