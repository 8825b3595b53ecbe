import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/**
 * Graceful HTTP shutdown under keep-alive load. Once draining: every response not yet started
 * says `Connection: close` (so a busy keep-alive connection ends after its current request
 * instead of taking new ones), the listener stops accepting, and a connection with no request
 * in flight is closed once it has stayed idle for `lingerMs` (not at once: a client may have just
 * sent its next request on it, which would then be reset instead of answered). drain() resolves
 * when every connection has closed, or after `graceMs`, when the rest are cut.
 */
// A second of linger: a client on a busy machine can take hundreds of milliseconds between one
// answer and its next request on the same connection (seen as a reset at 300 ms under load).
export function drainOnClose(server: Server, { lingerMs = 1_000, graceMs = 10_000 } = {}) {
  const inFlight = new Map<Socket, number>();
  const idleSince = new Map<Socket, number>();
  const responses = new Set<ServerResponse>();
  let draining = false;

  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    idleSince.set(socket, Date.now());
    socket.once('close', () => {
      inFlight.delete(socket);
      idleSince.delete(socket);
    });
  });
  // Runs before the app's own listener, so the header is set before anything is written.
  server.prependListener('request', (req, res: ServerResponse) => {
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    responses.add(res);
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      responses.delete(res);
      const left = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, left);
      if (left === 0) idleSince.set(socket, Date.now());
    });
  });

  return {
    get draining() {
      return draining;
    },
    async drain(): Promise<void> {
      draining = true;
      for (const res of responses) if (!res.headersSent) res.setHeader('Connection', 'close');
      // net.Server's close: stop listening. (http.Server#close would also drop idle keep-alive
      // connections at once, racing a request a client is sending on one.)
      const closed = new Promise<void>((ok) => NetServer.prototype.close.call(server, () => ok()));
      const sweep = setInterval(
        () => {
          const now = Date.now();
          for (const [socket, count] of inFlight) {
            if (count === 0 && now - (idleSince.get(socket) ?? now) >= lingerMs) socket.destroy();
          }
        },
        Math.max(25, Math.floor(lingerMs / 3)),
      );
      const cut = setTimeout(() => {
        for (const socket of inFlight.keys()) socket.destroy();
      }, graceMs);
      try {
        await closed;
      } finally {
        clearInterval(sweep);
        clearTimeout(cut);
      }
    },
  };
}
