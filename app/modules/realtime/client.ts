import type { Socket } from 'socket.io-client';
import { SOCKET_MESSAGES as MSG, type EventType, type RoomName } from './names';

/**
 * The browser side of realtime: one socket per tab (socket.io-client is loaded on first use).
 * Each room's events are applied exactly once, in id order: ids are in commit order and every
 * event names its room's previous event (`prev`), so an event whose `prev` was not applied yet
 * means one is still on its way or was lost, and the room asks the server for what it missed
 * (from the last id applied) before going on. The same replay runs after every (re)connect; a
 * server that ends the connection (a deploy, a restart) is reconnected with backoff. When more
 * was missed than the server replays, the page reloads its data instead. Pages never depend on
 * any of this: without it they are still right on reload.
 */
export type LiveEvent = { id: number; room: RoomName; type: EventType; payload: Record<string, unknown>; prev?: number };
export type RoomListener = { onEvent: (event: LiveEvent) => void; onReload?: () => void };
type Reply = { ok: boolean; error?: string; missed?: LiveEvent[]; reload?: boolean; lastEventId?: number };

const listeners = new Map<string, Set<RoomListener>>();
const queues = new Map<string, Promise<void>>();
let socketPromise: Promise<Socket> | undefined;

function lastIdKey(room: string) {
  return `ts:last:${room}`;
}
function lastId(room: string): number | undefined {
  const value = sessionStorage.getItem(lastIdKey(room));
  return value ? Number(value) : undefined;
}
function setLastId(room: string, id: number) {
  sessionStorage.setItem(lastIdKey(room), String(id));
}

/** A room's work runs one step at a time, in arrival order: a gap being filled holds later events. */
function inOrder(room: string, step: () => Promise<void>) {
  const next = (queues.get(room) ?? Promise.resolve()).then(step).catch(() => {});
  queues.set(room, next);
}

function apply(event: LiveEvent) {
  const seen = lastId(event.room);
  if (seen !== undefined && event.id <= seen) return; // replay and live delivery overlap
  setLastId(event.room, event.id);
  for (const listener of listeners.get(event.room) ?? []) listener.onEvent(event);
}

/** Joins `room` (again) and applies what was missed since the last id applied. */
async function catchUp(socket: Socket, room: string) {
  const since = lastId(room);
  const reply = (await socket
    .timeout(10_000)
    .emitWithAck(MSG.subscribe, since === undefined ? { room } : { room, lastEventId: since })) as Reply;
  if (!reply.ok) return;
  if (reply.reload) {
    // Too much to replay: the page reloads its data, and live events go on from the newest.
    if (reply.lastEventId !== undefined) setLastId(room, reply.lastEventId);
    for (const listener of listeners.get(room) ?? []) listener.onReload?.();
    return;
  }
  for (const event of reply.missed ?? []) apply(event);
}

async function onLive(socket: Socket, event: LiveEvent) {
  const seen = lastId(event.room);
  if (seen !== undefined && event.prev !== undefined && event.prev > seen) {
    // The room's previous event has not arrived (another process sent it, later): ask first.
    await catchUp(socket, event.room);
    if ((lastId(event.room) ?? 0) < event.prev) return; // not answered: the next reconnect replays it
  }
  apply(event);
}

let drops = 0;
let steady: ReturnType<typeof setTimeout> | undefined;

/**
 * Resolves once the page has loaded and the browser is idle: the live connection's client is
 * downloaded after what the page needs to work (it replays from the page's data, so nothing
 * that happens meanwhile is missed).
 */
function pageSettled(): Promise<void> {
  return new Promise((resolve) => {
    const idle = () =>
      typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 1000 }) : setTimeout(resolve, 0);
    if (document.readyState === 'complete') idle();
    else window.addEventListener('load', idle, { once: true });
  });
}

function connect(): Promise<Socket> {
  socketPromise ??= pageSettled()
    .then(() => import('socket.io-client'))
    .then(({ io }) => {
      const socket = io({ transports: ['websocket', 'polling'] });
      socket.on(MSG.event, (event: LiveEvent) => inOrder(event.room, () => onLive(socket, event)));
      // (Re)connected: join every room again and get what was missed meanwhile.
      socket.on('connect', () => {
        for (const room of listeners.keys()) inOrder(room, () => catchUp(socket, room));
        clearTimeout(steady);
        steady = setTimeout(() => (drops = 0), 60_000);
      });
      // The server's link to the other processes was down for a while: ask for what crossed meanwhile.
      // (Spread over two seconds: every tab of that process is told at once.)
      socket.on(MSG.resync, () => {
        setTimeout(() => {
          for (const room of listeners.keys()) inOrder(room, () => catchUp(socket, room));
        }, Math.random() * 2000);
      });
      // socket.io reconnects by itself after a network drop, but not when the server ended the
      // connection (a process shutting down for a deploy): do it here, with jittered backoff so a
      // whole city's tabs do not come back at once. (Signed out, the tab comes back anonymous.)
      socket.on('disconnect', (reason) => {
        if (reason !== 'io server disconnect') return;
        clearTimeout(steady);
        const delay = Math.min(30_000, 1000 * 2 ** Math.min(drops++, 5)) * (0.5 + Math.random());
        setTimeout(() => socket.connect(), delay);
      });
      return socket;
    });
  return socketPromise;
}

/**
 * Listens to a room. The first listener of a room starts after `startId` (the last event the
 * page's data includes); reconnects replay from the last event applied. `onReload` is called when
 * the page must reload its data. Returns the unsubscribe function.
 */
export function listen(room: string, listener: RoomListener, startId?: number): () => void {
  let set = listeners.get(room);
  const first = !set;
  if (!set) {
    set = new Set();
    listeners.set(room, set);
    if (startId !== undefined) setLastId(room, startId);
  }
  set.add(listener);
  void connect().then((socket) => {
    if (first && socket.connected) inOrder(room, () => catchUp(socket, room));
  });
  return () => {
    set!.delete(listener);
    if (set!.size === 0) {
      listeners.delete(room);
      void connect().then((socket) => socket.emit(MSG.unsubscribe, { room }));
    }
  };
}
