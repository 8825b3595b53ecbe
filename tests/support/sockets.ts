import { io as connect, type Socket } from 'socket.io-client';
import type { Client } from './client';

/**
 * A socket.io connection to the test server as `client` (their cookies), or anonymous; added to
 * `opened` so the file can disconnect them all at the end.
 */
export function openSocket(base: string, opened: Socket[], client?: Client): Promise<Socket> {
  const cookie = client ? [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  const socket = connect(base, {
    transports: ['websocket'],
    extraHeaders: { ...(cookie ? { Cookie: cookie } : {}), Origin: base },
    reconnection: false,
  });
  opened.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** The next live event of `type` in `room` seen by the socket (fails after 5 s). */
export function nextEvent(socket: Socket, room: string, type: string): Promise<{ payload: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} in ${room}`)), 5000);
    const seen = (e: { room: string; type: string; payload: Record<string, unknown> }) => {
      if (e.room === room && e.type === type) {
        clearTimeout(timer);
        socket.off('event', seen);
        resolve(e);
      }
    };
    socket.on('event', seen);
  });
}
