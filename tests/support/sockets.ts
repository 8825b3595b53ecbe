import { io as connect, type Socket } from 'socket.io-client';
import { cookieOf, type Client } from './client';

/** A live event as the server sends it on 'event'. */
export type LiveEvent = { id: number; room: string; type: string; payload: Record<string, unknown>; prev: number };

/** The server's answer to 'subscribe'. */
export type SubscribeAck = { ok: boolean; error?: string; missed?: LiveEvent[]; reload?: boolean; lastEventId?: number };

/**
 * A socket.io connection to the test server as `client` (their cookies), or anonymous; added to
 * `opened` so the file can disconnect them all at the end. `origin` defaults to `base` (a
 * handshake from another origin is refused). Each socket has its own connection (`forceNew`), so
 * a later socket never reuses an earlier one's cookie.
 */
export function openSocket(base: string, opened: Socket[], client?: Client | null, options: { origin?: string } = {}): Promise<Socket> {
  const cookie = client ? cookieOf(client) : '';
  const socket = connect(base, {
    transports: ['websocket'],
    extraHeaders: { ...(cookie ? { Cookie: cookie } : {}), Origin: options.origin ?? base },
    reconnection: false,
    forceNew: true,
  });
  opened.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Joins `room` (asking for what came after `lastEventId`, if given); the server's answer. */
export function subscribe(socket: Socket, room: string, lastEventId?: number): Promise<SubscribeAck> {
  return socket.emitWithAck('subscribe', lastEventId === undefined ? { room } : { room, lastEventId }) as Promise<SubscribeAck>;
}

/** The next live event in `room` (of `type`, if given) seen by the socket (fails after `timeoutMs`). */
export function nextEvent(socket: Socket, room: string, type?: string, timeoutMs = 5000): Promise<LiveEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('event', seen);
      reject(new Error(`no ${type ?? 'event'} in ${room} within ${timeoutMs} ms`));
    }, timeoutMs);
    const seen = (e: LiveEvent) => {
      if (e.room === room && (type === undefined || e.type === type)) {
        clearTimeout(timer);
        socket.off('event', seen);
        resolve(e);
      }
    };
    socket.on('event', seen);
  });
}

/** Every live event in `room` the socket receives from now on, in the order they arrive. */
export function eventsIn(socket: Socket, room: string): LiveEvent[] {
  const received: LiveEvent[] = [];
  socket.on('event', (e: LiveEvent) => e.room === room && received.push(e));
  return received;
}

/** Resolves with the reason when the socket is disconnected. */
export function disconnected(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}
