import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, DEMO } from '../support/client';
import { withTestServer } from '../support/test-server';

/** socket.io on the app's port: cookie-authenticated handshake, authorized rooms, replay. */
const server = withTestServer();
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
});

function open(cookie?: string, origin = server.url): Promise<Socket> {
  const socket = connect(server.url, {
    transports: ['websocket'],
    extraHeaders: { ...(cookie ? { Cookie: cookie } : {}), Origin: origin },
    reconnection: false,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function cookieOf(client: Client) {
  return [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

type Ack = { ok: boolean; error?: string; missed?: { id: number; type: string }[] };
const subscribe = (socket: Socket, payload: unknown) => socket.emitWithAck('subscribe', payload) as Promise<Ack>;

async function userId(client: Client) {
  const res = await client.get('/account/export');
  if (res.status === 200) return (await res.json()).account.id as string;
  throw new Error('export unavailable');
}

describe('realtime', () => {
  it('refuses a handshake from another origin', async () => {
    await expect(open(undefined, 'https://evil.example')).rejects.toBeTruthy();
  });

  it('lets a signed-in user join their own room only; anonymous sockets join nothing private', async () => {
    const rosa = new Client(server.url);
    await rosa.signIn(DEMO.resident, DEMO.password);
    const socket = await open(cookieOf(rosa));
    const anonymous = await open();
    const id = await userId(rosa);
    expect((await subscribe(socket, { room: `user:${id}` })).ok).toBe(true);
    expect(await subscribe(socket, { room: 'user:someone-else' })).toEqual({ ok: false, error: 'forbidden' });
    expect(await subscribe(anonymous, { room: `user:${id}` })).toEqual({ ok: false, error: 'forbidden' });
    expect(await subscribe(socket, { room: 42 })).toEqual({ ok: false, error: 'invalid' });
  });

  it('delivers events after commit, replays missed ones by id, and drops the socket on sign-out', async () => {
    const admin = new Client(server.url);
    await admin.signIn(DEMO.admin, DEMO.password);
    const liaison = new Client(server.url);
    await liaison.signIn(DEMO.liaison, DEMO.password);
    const id = await userId(liaison);
    const socket = await open(cookieOf(liaison));
    const first = await subscribe(socket, { room: `user:${id}`, lastEventId: 0 });
    const before = first.missed?.length ?? 0;

    // A role change publishes roles.changed to the grantee's room.
    const received = new Promise<{ id: number; type: string }>((resolve) => socket.once('event', resolve));
    await admin.get('/admin/roles');
    const grant = await admin.post('/admin/roles', { intent: 'grant', email: DEMO.liaison, role: 'staff', scope: '' });
    expect([303, 302]).toContain(grant.status);
    const event = await received;
    expect(event.type).toBe('roles.changed');

    // A client that was away asks from its last id and gets exactly what it missed, in order.
    const replay = await subscribe(socket, { room: `user:${id}`, lastEventId: event.id - 1 });
    expect(replay.missed?.map((e) => e.id)).toEqual([event.id]);
    expect((await subscribe(socket, { room: `user:${id}`, lastEventId: 0 })).missed?.length).toBe(before + 1);

    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await liaison.post('/signout', {});
    expect(await dropped).toBe('io server disconnect');
  });
});
