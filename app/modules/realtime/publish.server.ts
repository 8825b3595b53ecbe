import { afterCommit, createRows, db, type Tx } from '~/lib/db.server';
import { dropChangedPages } from './page-cache.server';

/**
 * The outbox: modules write Event rows inside their transaction; once it commits the rows are
 * handed to the socket server (socket.server.ts), which emits them to their rooms. Clients that
 * missed events ask for them by id (replay), so the Event table is the only source of truth.
 */
export type RealtimeEvent = { room: string; type: string; payload: Record<string, unknown> };
export type StoredEvent = RealtimeEvent & { id: number; createdAt: string };

type Sink = (events: StoredEvent[]) => void;
let sink: Sink | undefined;

/** The socket server registers itself here; without one (CLI, tests) events are only stored. */
export function setEventSink(next: Sink | undefined) {
  sink = next;
}

export async function publishAfterCommit(tx: Tx, events: RealtimeEvent[]): Promise<void> {
  if (!events.length) return;
  const select = { id: true, room: true, type: true, payload: true, createdAt: true } as const;
  const rows = await createRows(
    events.map((e) => ({ room: e.room, type: e.type, payload: e.payload as never })),
    (data) => tx.event.create({ data, select }),
    (data) => tx.event.createManyAndReturn({ data, select }),
  );
  // Delivered in id order, which is the order clients replay in.
  const stored: StoredEvent[] = rows
    .map((r) => ({ id: r.id, room: r.room, type: r.type, payload: r.payload as Record<string, unknown>, createdAt: r.createdAt.toISOString() }))
    .sort((a, b) => a.id - b.id);
  afterCommit(tx, () => {
    dropChangedPages(stored);
    sink?.(stored);
  });
}

/** The newest event id so far: pages send it so their live updates start exactly after it. */
export async function latestEventId(): Promise<number> {
  const row = await db().event.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return row?.id ?? 0;
}
