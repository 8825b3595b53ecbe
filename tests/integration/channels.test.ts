import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { openSocket, subscribe } from '../support/sockets';
import { postThread } from '../support/forum';
import { addMembersChannel } from '../support/channels';
import { withTestServer } from '../support/test-server';
import { sqlOf } from '../support/sql';

/** The forum through its real routes: reading, posting without JavaScript, editing, reacting, access. */
const server = withTestServer();
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
});

const sql = sqlOf(server);

function threadIdFrom(res: Response) {
  const location = res.headers.get('location') ?? '';
  const id = /\/threads\/([^?#/]+)/.exec(location)?.[1];
  if (!id) throw new Error(`no thread in ${location}`);
  return id;
}

describe('reading', () => {
  it('lists the neighborhood channels to anonymous readers', async () => {
    const html = await new Client(server.url).page('/channels');
    const text = textOf(html);
    for (const name of ['Riverside', 'Las Flores', 'Old Town', 'Northgate Heights']) expect(text).toContain(name);
  });
});

describe('posting without JavaScript', () => {
  let threadId = '';

  it('starts a thread from the plain-text form and shows it, with links made safe', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const res = await postThread(
      rosa,
      'n-riverside',
      'Streetlight out on Mill St',
      'The light at Mill & 3rd is out.\n\nSee https://example.org/map <script>alert(1)</script>',
    );
    expect(res.status).toBe(303);
    threadId = threadIdFrom(res);
    const html = await new Client(server.url).page(`/threads/${threadId}`);
    expect(textOf(html)).toContain('Streetlight out on Mill St');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toMatch(/<a [^>]*href="https:\/\/example.org\/map"[^>]*rel="nofollow ugc noopener"/);
    const channel = textOf(await new Client(server.url).page('/channels/n-riverside'));
    expect(channel).toContain('Streetlight out on Mill St');
  });

  it('keeps the input and explains what is missing', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    await rosa.get('/channels/n-riverside/new');
    const res = await rosa.post('/channels/n-riverside/new', { title: '', bodyText: 'Only a body' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html)).toContain('Este campo es obligatorio.'); // Rosa reads Spanish
    expect(html).toContain('Only a body');
  });

  it('replies, quotes, reacts once per kind, edits with history and deletes', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const page = await staff.page(`/threads/${threadId}`);
    const openingId = /id="post-([^"]+)"/.exec(page)![1];
    const reply = await staff.post(`/threads/${threadId}`, { bodyText: 'Thanks, reported to Public Works.', quotedPostId: openingId });
    expect(reply.status).toBe(303);
    const replyId = /#post-(.+)$/.exec(reply.headers.get('location')!)![1];
    let html = await staff.page(`/threads/${threadId}`);
    expect(textOf(html)).toContain('Thanks, reported to Public Works.');
    expect(textOf(html)).toContain('Quoting');

    // One "thanks" per person: a second press takes it back.
    await staff.post(`/threads/${threadId}`, { intent: 'react', postId: openingId, kind: 'thanks' });
    html = await staff.page(`/threads/${threadId}`);
    expect(html).toMatch(/value="thanks" class="reaction" aria-pressed="true">.*?Thanks.*?<span class="count">1<\/span>/s);
    await staff.post(`/threads/${threadId}`, { intent: 'react', postId: openingId, kind: 'thanks' });
    html = await staff.page(`/threads/${threadId}`);
    expect(html).toMatch(/value="thanks" class="reaction" aria-pressed="false">.*?Thanks.*?<span class="count">0<\/span>/s);

    // Edit: marked "edited", the earlier version kept as a revision.
    await staff.get(`/posts/${replyId}/edit`);
    const edited = await staff.post(`/posts/${replyId}/edit`, { bodyText: 'Thanks, reported to Public Works (ticket 42).' });
    expect(edited.status).toBe(303);
    html = await staff.page(`/threads/${threadId}`);
    expect(textOf(html)).toContain('ticket 42');
    expect(textOf(html)).toContain('edited');
    const revisions = await sql('SELECT text FROM "PostRevision" WHERE "postId" = $1', [replyId]);
    expect(revisions).toEqual([{ text: 'Thanks, reported to Public Works.' }]);

    // Someone else cannot edit or delete it.
    const rosa = await signedIn(server.url, DEMO.resident);
    expect((await rosa.get(`/posts/${replyId}/edit`)).status).toBe(403);
    expect((await rosa.post(`/posts/${replyId}/delete`, {})).status).toBe(403);

    // Delete asks first, then removes it for everyone.
    await staff.page(`/posts/${replyId}/delete`);
    expect((await staff.post(`/posts/${replyId}/delete`, {})).status).toBe(303);
    expect(textOf(await new Client(server.url).page(`/threads/${threadId}`))).not.toContain('ticket 42');
  });

  it('marks threads unread until the reader opens them', async () => {
    const moderator = await signedIn(server.url, DEMO.moderator);
    const itemOf = (html: string) =>
      [...html.matchAll(/<li class="(thread-item[^"]*)">[\s\S]*?<\/li>/g)].find((m) => m[0].includes(`/threads/${threadId}"`))?.[1];
    expect(itemOf(await moderator.page('/channels/n-riverside'))).toBe('thread-item unread');
    await moderator.page(`/threads/${threadId}`);
    expect(itemOf(await moderator.page('/channels/n-riverside'))).toBe('thread-item');
  });

  it('follows and mutes with plain forms', async () => {
    const captain = await signedIn(server.url, DEMO.captain);
    await captain.page(`/threads/${threadId}`);
    expect((await captain.post(`/threads/${threadId}`, { intent: 'follow', level: 'follow' })).status).toBe(303);
    expect(textOf(await captain.page(`/threads/${threadId}`))).toContain('Usted sigue esto.');
    await captain.post(`/threads/${threadId}`, { intent: 'follow', level: 'mute' });
    expect(textOf(await captain.page(`/threads/${threadId}`))).toContain('Silenciado');
  });

  it('refuses writing to anonymous visitors and unverified accounts', async () => {
    const anonymous = new Client(server.url);
    const res = await anonymous.post('/channels/n-riverside/new', { title: 'x', bodyText: 'y' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('/signin');
  });
});

describe('private channels', () => {
  let threadId = '';
  beforeAll(async () => {
    const [captain] = (await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.captain])) as { id: string }[];
    const name = { en: 'Las Flores Block Watch', es: 'Vigilancia Las Flores' };
    await addMembersChannel(server.database.url, { id: 'priv1', slug: 'las-flores-watch', name }, [captain.id]);
    const member = await signedIn(server.url, DEMO.captain);
    threadId = threadIdFrom(await postThread(member, 'las-flores-watch', 'Meeting on Thursday', 'At the community room.'));
  });

  it.each([
    { who: 'anonymous', email: null, status: 302 },
    { who: 'resident (not a member)', email: DEMO.resident, status: 403 },
    { who: 'liaison (not a member)', email: DEMO.liaison, status: 403 },
    { who: 'moderator of another channel', email: DEMO.moderator, status: 403 },
    { who: 'member', email: DEMO.captain, status: 200 },
    { who: 'staff', email: DEMO.staff, status: 200 },
    { who: 'admin', email: DEMO.admin, status: 200 },
  ])('$who reading the channel and its thread → $status', async ({ email, status }) => {
    const client = email ? await signedIn(server.url, email) : new Client(server.url);
    expect((await client.get('/channels/las-flores-watch')).status).toBe(status);
    expect((await client.get(`/threads/${threadId}`)).status).toBe(status);
    const list = textOf(await client.page('/channels'));
    expect(list.includes('Las Flores Block Watch') || list.includes('Vigilancia Las Flores')).toBe(status === 200);
  });

  it('refuses socket room joins to readers without access, and allows members', async () => {
    const open = (client: Client | null) => openSocket(server.url, sockets, client);
    const outsider = await open(await signedIn(server.url, DEMO.resident));
    const anonymous = await open(null);
    const member = await open(await signedIn(server.url, DEMO.captain));
    for (const room of ['channel:priv1', `thread:${threadId}`]) {
      expect((await subscribe(outsider, room)).ok).toBe(false);
      expect((await subscribe(anonymous, room)).ok).toBe(false);
      expect((await subscribe(member, room)).ok).toBe(true);
    }
    const [riverside] = (await sql(`SELECT id FROM "Channel" WHERE slug = 'n-riverside'`)) as { id: string }[];
    expect((await subscribe(anonymous, `channel:${riverside.id}`)).ok).toBe(true);
  });
});
