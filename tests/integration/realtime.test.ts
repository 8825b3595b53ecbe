import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO, signedIn, type Client } from '../support/client';
import { disconnected, openSocket, subscribe } from '../support/sockets';
import { withTestServer } from '../support/test-server';

/** socket.io on the app's port: cookie-authenticated handshake, authorized rooms, replay. */
const server = withTestServer();
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
});

async function userId(client: Client) {
  const res = await client.get('/account/export');
  if (res.status === 200) return (await res.json()).account.id as string;
  throw new Error('export unavailable');
}

describe('realtime', () => {
  it('refuses a handshake from another origin', async () => {
    await expect(openSocket(server.url, sockets, null, { origin: 'https://evil.example' })).rejects.toBeTruthy();
  });

  it('lets a signed-in user join their own room only; anonymous sockets join nothing private', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const socket = await openSocket(server.url, sockets, rosa);
    const anonymous = await openSocket(server.url, sockets);
    const id = await userId(rosa);
    expect((await subscribe(socket, `user:${id}`)).ok).toBe(true);
    expect(await subscribe(socket, 'user:someone-else')).toEqual({ ok: false, error: 'forbidden' });
    expect(await subscribe(anonymous, `user:${id}`)).toEqual({ ok: false, error: 'forbidden' });
    expect(await socket.emitWithAck('subscribe', { room: 42 })).toEqual({ ok: false, error: 'invalid' });
  });

  it('delivers events after commit, replays missed ones by id, and drops the socket on sign-out', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    const liaison = await signedIn(server.url, DEMO.liaison);
    const id = await userId(liaison);
    const socket = await openSocket(server.url, sockets, liaison);
    const first = await subscribe(socket, `user:${id}`, 0);
    const before = first.missed?.length ?? 0;

    // A role change publishes roles.changed to the grantee's room.
    const received = new Promise<{ id: number; type: string }>((resolve) => socket.once('event', resolve));
    await admin.get('/admin/roles');
    const grant = await admin.post('/admin/roles', { intent: 'grant', email: DEMO.liaison, role: 'staff', scope: '' });
    expect([303, 302]).toContain(grant.status);
    const event = await received;
    expect(event.type).toBe('roles.changed');

    // A client that was away asks from its last id and gets exactly what it missed, in order.
    const replay = await subscribe(socket, `user:${id}`, event.id - 1);
    expect(replay.missed?.map((e) => e.id)).toEqual([event.id]);
    expect((await subscribe(socket, `user:${id}`, 0)).missed?.length).toBe(before + 1);

    const dropped = disconnected(socket);
    await liaison.post('/signout', {});
    expect(await dropped).toBe('io server disconnect');
  });
});
