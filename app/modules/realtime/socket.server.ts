import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type pg from 'pg';
import { z } from 'zod';
import { db } from '~/lib/db.server';
import { dialect } from '~/lib/dialect/index.server';
import { getEnv } from '~/lib/env.server';
import { logger } from '~/lib/logger.server';
import { sessionCookie, userFromToken, type SessionUser } from '~/modules/identity/session.server';
import { readAccess } from '~/modules/requests/tracking/tracking-links.server';
import { setEventSink, storedEvent, type StoredEvent } from './publish.server';
import { SOCKET_MESSAGES as MSG } from './names';
import { canJoinRoom } from './rooms.server';

/**
 * socket.io on the HTTP server's port. The handshake must come from an allowed Origin and is
 * authenticated by the session cookie (anonymous sockets are allowed; they can join only what
 * anonymous readers may read). Clients send two events, both validated and rate limited:
 * `subscribe` (room + last event id seen, replayed from the Event table) and `unsubscribe`.
 */
type Data = { user: SessionUser | null; token: string | null; sent: number[]; requestTokens: Record<string, string> };

const SubscribeSchema = z.object({
  room: z.string().min(3).max(100),
  lastEventId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
/** Past this many missed events a client reloads its page data instead of replaying them. */
export const REPLAY_LIMIT = 500;
const EVENTS_PER_10S = 50;

/**
 * Several processes deliver each other's events through a socket.io adapter: Redis when
 * REDIS_URL is set, else the database (PostgreSQL's LISTEN/NOTIFY) when its dialect offers a
 * messaging pool. On SQLite there is one process and no adapter. The PostgreSQL adapter uses the
 * process's one pool (app/lib/dialect/postgres.server.ts): NOTIFY through pool.query, and one
 * connection checked out for LISTEN for as long as the adapter runs (a listening connection
 * cannot serve queries, so it cannot be shared further). `onResumed` is called when the adapter listens again
 * after losing its connection: what crossed meanwhile was not delivered here.
 */
async function clusterAdapter(onResumed: () => void) {
  const env = getEnv();
  if (env.REDIS_URL) {
    const [{ createClient }, { createAdapter }] = await Promise.all([import('redis'), import('@socket.io/redis-adapter')]);
    const pub = createClient({ url: env.REDIS_URL });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    return { adapter: createAdapter(pub, sub), close: async () => void (await Promise.allSettled([pub.quit(), sub.quit()])) };
  }
  const pool = dialect().messagingPool();
  if (pool) {
    const { createAdapter } = await import('@socket.io/postgres-adapter');
    return {
      adapter: createAdapter(resilientListening(pool, onResumed), {
        tableName: 'socket_io_attachments',
        errorHandler: (error) => logger().warn({ err: error.message }, 'realtime adapter'),
      }),
      // The pool is the process's, closed with the database (closeDb).
      close: async () => {},
    };
  }
  return null;
}

/**
 * The pool as the PostgreSQL adapter sees it. The adapter (0.5) holds one pool client for
 * LISTEN and connects anew (every ~2 s) when it ends, but gives it no 'error' listener: a
 * terminated connection or a database restart would be an uncaught 'error' that ends the
 * process. Here that client gets one, and is released with the error (so the pool forgets it
 * instead of counting it forever); once a later client listens again, `onResumed` runs. A
 * connection that listened is never given back to the shared pool (it would go on receiving
 * notifications for whoever takes it next): releasing it always closes it.
 */
function resilientListening(pool: pg.Pool, onResumed: () => void): pg.Pool {
  let lost = false;
  const connect = async () => {
    const client = await pool.connect();
    const releaseOnce = client.release.bind(client);
    let released = false;
    client.release = (error?: Error | boolean) => {
      if (released) return;
      released = true;
      releaseOnce(error || true);
    };
    client.on('error', (error) => {
      lost = true;
      logger().warn({ err: error.message }, 'realtime adapter lost its database connection; reconnecting');
      client.release(error);
    });
    client.on('end', () => {
      lost = true;
      client.release(true);
    });
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as { query: typeof query }).query = async (...args: unknown[]) => {
      const result = await query(...args);
      if (lost && typeof args[0] === 'string' && args[0].startsWith('LISTEN ')) {
        lost = false;
        logger().info('realtime adapter listening again');
        onResumed();
      }
      return result;
    };
    return client;
  };
  // The adapter uses only these two (and pool.query itself uses the pool's own connect).
  return { connect, query: pool.query.bind(pool) } as unknown as pg.Pool;
}

export async function attachRealtime(httpServer: HttpServer, options: { allowedOrigins: string[] }) {
  let closing = false;
  // Events that crossed processes while the adapter was not listening never reached this one:
  // its clients ask for what they missed.
  const cluster = await clusterAdapter(() => io.local.emit(MSG.resync));
  const io = new Server(httpServer, {
    ...(cluster ? { adapter: cluster.adapter } : {}),
    serveClient: false,
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      // A process shutting down takes no new sockets: clients retry (with backoff) elsewhere.
      callback(null, !closing && (!origin || options.allowedOrigins.includes(origin)));
    },
  });

  io.use(async (socket, next) => {
    try {
      const token = await sessionCookie().parse(socket.handshake.headers.cookie ?? null);
      const data = socket.data as Data;
      data.token = typeof token === 'string' ? token : null;
      data.user = await userFromToken(data.token);
      // Secret tracking links opened in this browser (HttpOnly cookie, never seen by page scripts).
      data.requestTokens = await readAccess(socket.handshake.headers.cookie ?? null);
      data.sent = [];
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  io.on('connection', (socket: Socket) => {
    const data = socket.data as Data;
    if (data.user) void socket.join(`user:${data.user.id}`);

    const limited = () => {
      const now = Date.now();
      data.sent = data.sent.filter((t) => now - t < 10_000);
      data.sent.push(now);
      return data.sent.length > EVENTS_PER_10S;
    };

    socket.on(MSG.subscribe, async (raw: unknown, ack?: (reply: unknown) => void) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      try {
        if (limited()) return reply({ ok: false, error: 'rate_limited' });
        const parsed = SubscribeSchema.safeParse(raw);
        if (!parsed.success) return reply({ ok: false, error: 'invalid' });
        const { room, lastEventId } = parsed.data;
        // Re-read the user: a revoked role or ended session counts at once, not at next login.
        data.user = await userFromToken(data.token);
        if (!(await canJoinRoom(data.user, room, data.requestTokens))) return reply({ ok: false, error: 'forbidden' });
        await socket.join(room);
        reply(lastEventId === undefined ? { ok: true, missed: [] } : { ok: true, ...(await replay(room, lastEventId)) });
      } catch (error) {
        // Whatever a client sends, the process keeps running.
        logger().error({ err: (error as Error).message }, 'socket subscribe failed');
        reply({ ok: false, error: 'server' });
      }
    });

    socket.on(MSG.unsubscribe, (raw: unknown) => {
      const parsed = SubscribeSchema.pick({ room: true }).safeParse(raw);
      if (parsed.success) void socket.leave(parsed.data.room);
    });
  });

  setEventSink((events: StoredEvent[]) => {
    for (const event of events) {
      io.to(event.room).emit(MSG.event, event);
      const failed = (error: unknown) =>
        logger().error({ err: (error as Error).message, type: event.type }, 'realtime access update failed');
      if (event.type === 'session.ended') endSessions(io, event).catch(failed);
      if (event.type === 'roles.changed' || event.type === 'access.changed') recheckRooms(io, event.room).catch(failed);
    }
  });

  return {
    io,
    /**
     * Drops this process's sockets (clients reconnect, to another process or the next one, and
     * replay what they missed); the HTTP server itself is closed by its owner.
     */
    async close() {
      closing = true;
      setEventSink(undefined);
      io.local.disconnectSockets(true);
      // The adapter holds a listening database connection; it must let go before its pool ends.
      await Promise.resolve(io.of('/').adapter.close());
      await cluster?.close();
    },
  };
}

/** Signing out one device drops that session's sockets; "everywhere" (no sessionId) drops all. */
async function endSessions(io: Server, event: StoredEvent) {
  const sessionId = event.payload.sessionId;
  for (const socket of await io.in(event.room).fetchSockets()) {
    const data = socket.data as Data;
    if (!sessionId || data.user?.sessionId === sessionId) socket.disconnect(true);
  }
}

/** After a role change or a ban, a user's sockets leave every room they may no longer read. */
async function recheckRooms(io: Server, userRoom: string) {
  for (const socket of await io.in(userRoom).fetchSockets()) {
    const data = socket.data as Data;
    data.user = await userFromToken(data.token);
    if (!data.user) {
      socket.disconnect(true);
      continue;
    }
    for (const room of socket.rooms) {
      if (room === socket.id || room === userRoom) continue;
      if (!(await canJoinRoom(data.user, room, data.requestTokens))) {
        socket.leave(room);
        socket.emit(MSG.roomLeft, { room });
      }
    }
  }
}

/**
 * What a client that applied everything in `room` up to `afterId` is missing, in id order, each
 * with its `prev` (ids are in commit order, so this answer is complete: no lower id can appear
 * later). Beyond REPLAY_LIMIT the client is told to reload its data instead (`reload`), and
 * continues after `lastEventId`, the room's newest event.
 */
export async function replay(
  room: string,
  afterId: number,
): Promise<{ missed: StoredEvent[] } | { missed: []; reload: true; lastEventId: number }> {
  const rows = await db().event.findMany({ where: { room, id: { gt: afterId } }, orderBy: { id: 'asc' }, take: REPLAY_LIMIT + 1 });
  if (rows.length > REPLAY_LIMIT) {
    const newest = await db().event.findFirst({ where: { room }, orderBy: { id: 'desc' }, select: { id: true } });
    return { missed: [], reload: true, lastEventId: newest!.id };
  }
  let prev = afterId;
  return {
    missed: rows.map((r) => {
      const event = storedEvent(r, prev);
      prev = r.id;
      return event;
    }),
  };
}
