import type { Socket } from 'socket.io-client';

/**
 * The browser side of realtime: one socket per tab (socket.io-client is loaded on first use),
 * rooms re-subscribed after every reconnect with the last event id seen, so the server replays
 * exactly what was missed. Pages never depend on it: without it they are still right on reload.
 */
export type LiveEvent = { id: number; room: string; type: string; payload: Record<string, unknown> };
type Listener = (event: LiveEvent) => void;

const listeners = new Map<string, Set<Listener>>();
let socketPromise: Promise<Socket> | undefined;

function lastIdKey(room: string) {
  return `ts:last:${room}`;
}
function lastId(room: string): number | undefined {
  const value = sessionStorage.getItem(lastIdKey(room));
  return value ? Number(value) : undefined;
}

function deliver(event: LiveEvent) {
  const seen = lastId(event.room);
  if (seen !== undefined && event.id <= seen) return; // replay and live delivery may overlap
  sessionStorage.setItem(lastIdKey(event.room), String(event.id));
  for (const listener of listeners.get(event.room) ?? []) listener(event);
}

async function subscribe(socket: Socket, room: string) {
  const reply = (await socket.emitWithAck('subscribe', { room, lastEventId: lastId(room) })) as { ok: boolean; missed?: LiveEvent[] };
  if (reply.ok) for (const event of reply.missed ?? []) deliver(event);
}

function connect(): Promise<Socket> {
  socketPromise ??= import('socket.io-client').then(({ io }) => {
    const socket = io({ transports: ['websocket', 'polling'] });
    socket.on('event', deliver);
    // (Re)connected: join every room again and get what was missed meanwhile.
    socket.on('connect', () => {
      for (const room of listeners.keys()) void subscribe(socket, room);
    });
    return socket;
  });
  return socketPromise;
}

/**
 * Listens to a room. The first call for a room starts from "now" (the page just loaded fresh
 * data), later reconnects replay from the last event seen. Returns the unsubscribe function.
 */
export function listen(room: string, listener: Listener, startId?: number): () => void {
  let set = listeners.get(room);
  const first = !set;
  if (!set) {
    set = new Set();
    listeners.set(room, set);
    if (startId !== undefined) sessionStorage.setItem(lastIdKey(room), String(startId));
  }
  set.add(listener);
  void connect().then((socket) => {
    if (first && socket.connected) void subscribe(socket, room);
  });
  return () => {
    set!.delete(listener);
    if (set!.size === 0) {
      listeners.delete(room);
      void connect().then((socket) => socket.emit('unsubscribe', { room }));
    }
  };
}
