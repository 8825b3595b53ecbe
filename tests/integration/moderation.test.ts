import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { postIdIn, postReply, postThread, threadIdIn } from '../support/forum';
import { newVerifiedMember } from '../support/accounts';
import { withTestServer } from '../support/test-server';
import { sqlOf } from '../support/sql';

/** Flags, the moderation queue, moderators' and staff's actions, and the notifications they cause. */
const server = withTestServer();

const sql = sqlOf(server);

async function startThread(client: Client, slug: string, title: string, bodyText: string) {
  const res = await postThread(client, slug, title, bodyText);
  return { res, id: threadIdIn(res) ?? '' };
}

async function reply(client: Client, threadId: string, bodyText: string) {
  const res = await postReply(client, threadId, bodyText);
  return { res, postId: postIdIn(res) ?? '' };
}

describe('flags and the queue', () => {
  let threadId = '';
  let postId = '';
  beforeAll(async () => {
    const captain = await signedIn(server.url, DEMO.captain);
    threadId = (await startThread(captain, 'n-riverside', 'Noise after midnight', 'Loud music every night on River Rd.')).id;
    postId = (await reply(captain, threadId, 'Buy my miracle pills at https://spam.example')).postId;
  });

  it('takes one flag per person, with a reason', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    await rosa.page(`/posts/${postId}/flag`);
    expect((await rosa.post(`/posts/${postId}/flag`, { reason: 'spam' })).status).toBe(303);
    const again = await rosa.post(`/posts/${postId}/flag`, { reason: 'spam' });
    expect(again.status).toBe(400);
    expect(textOf(await again.text())).toContain('Ya denunció este mensaje.');
    const other = await rosa.post(`/posts/${postId}/flag`, { reason: 'other' });
    expect(other.status).toBe(400); // "other" needs a note
  });

  it.each([
    { who: 'anonymous', email: null, status: 302 },
    { who: 'resident', email: DEMO.resident, status: 403 },
    { who: 'liaison', email: DEMO.liaison, status: 403 },
    { who: 'moderator of Riverside', email: DEMO.moderator, status: 200 },
    { who: 'staff', email: DEMO.staff, status: 200 },
    { who: 'admin', email: DEMO.admin, status: 200 },
  ])('$who opening the moderation queue → $status', async ({ email, status }) => {
    const client = email ? await signedIn(server.url, email) : new Client(server.url);
    const res = await client.get('/moderation');
    expect(res.status).toBe(status);
    if (status === 200) expect(textOf(await res.text())).toContain('Buy my miracle pills');
  });

  it('shows the post as rendered, who reported it for what and how often, and keeps secondary actions in a menu', async () => {
    const flag = async (email: string, fields: Record<string, string>) => {
      const client = await signedIn(server.url, email);
      await client.page(`/posts/${postId}/flag`);
      expect((await client.post(`/posts/${postId}/flag`, fields)).status).toBe(303);
    };
    await flag(DEMO.staff, { reason: 'spam' });
    await flag(DEMO.liaison, { reason: 'other', note: 'Looks like a scam' });
    const name = async (email: string) => (await sql('SELECT "id", "displayName" FROM "User" WHERE "email" = $1', [email]))[0];
    const [rosa, staff, liaison] = [await name(DEMO.resident), await name(DEMO.staff), await name(DEMO.liaison)];

    const html = await (await signedIn(server.url, DEMO.moderator)).page('/moderation');
    const item = html.slice(html.indexOf('Noise after midnight'));
    const text = textOf(item);
    // Most reported reason first, with how often and by whom (linked to their profiles); the moderator reads Spanish.
    expect(text).toMatch(new RegExp(`Spam o publicidad\\s*: 2 denuncias de ${rosa.displayName}\\s*, ${staff.displayName}`));
    expect(text).toMatch(new RegExp(`Otra cosa\\s*: 1 denuncia de ${liaison.displayName}`));
    expect(text).toContain('Looks like a scam');
    expect(text.indexOf('Spam o publicidad')).toBeLessThan(text.indexOf('Otra cosa'));
    expect(item).toMatch(new RegExp(`<a [^>]*href="/people/${rosa.id}"[^>]*>${rosa.displayName}</a>`));
    // The post rendered as readers see it.
    expect(item).toMatch(/<div class="post-body">[\s\S]*Buy my miracle pills/);
    // Approve and hide in sight; dismissing and deleting behind the menu.
    const menu = item.slice(item.indexOf('<details class="menu'), item.indexOf('</details>'));
    expect(menu).toContain('value="dismiss"');
    expect(menu).toContain('value="delete"');
    expect(menu).not.toContain('value="approve"');
    expect(item.slice(0, item.indexOf('<details class="menu'))).toContain('value="approve"');
  });

  it('lets the channel moderator hide the post with a reason; the author is told and it is audited', async () => {
    const moderator = await signedIn(server.url, DEMO.moderator);
    await moderator.page('/moderation');
    const res = await moderator.post('/moderation', { intent: 'hide', postId, reason: 'Advertising is not allowed' });
    expect(res.status).toBe(303);
    expect(textOf(await new Client(server.url).page(`/threads/${threadId}`))).not.toContain('miracle pills');
    const captain = await signedIn(server.url, DEMO.captain);
    expect(textOf(await captain.page(`/threads/${threadId}`))).toContain('Advertising is not allowed');
    expect(textOf(await captain.page('/notifications'))).toContain(
      'Un moderador ocultó su mensaje en "Noise after midnight": Advertising is not allowed',
    );
    const [entry] = await sql(`SELECT "actorId", "after" FROM "AuditLog" WHERE action = 'post.hide' AND "targetId" = $1`, [postId]);
    expect(entry).toBeTruthy();
    const history = await moderator.page(`/posts/${postId}/history`);
    expect(textOf(history)).toContain('Advertising is not allowed');
    expect((await captain.get(`/posts/${postId}/history`)).status).toBe(403);
  });

  it('refuses moderation outside the moderator’s channel', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const other = (await startThread(staff, 'n-las-flores', 'Market hours', 'Saturday 8 to 1.')).id;
    const [post] = await sql(`SELECT id FROM "Post" WHERE "threadId" = $1`, [other]);
    const moderator = await signedIn(server.url, DEMO.moderator);
    await moderator.page('/moderation');
    expect((await moderator.post('/moderation', { intent: 'delete', postId: post.id as string })).status).toBe(403);
    expect((await moderator.post(`/threads/${other}`, { intent: 'moderate', threadId: other, action: 'lock' })).status).toBe(403);
  });
});

describe('thread moderation', () => {
  it('locks a thread: replies are refused until it is unlocked', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const { id } = await startThread(rosa, 'n-riverside', 'Sidewalk broken on Willow Ave', 'Near number 40.');
    const moderator = await signedIn(server.url, DEMO.moderator);
    await moderator.page(`/threads/${id}`);
    expect((await moderator.post(`/threads/${id}`, { intent: 'moderate', threadId: id, action: 'lock' })).status).toBe(303);
    const refused = await reply(rosa, id, 'Still broken.');
    expect(refused.res.status).toBe(400);
    expect(textOf(await rosa.page(`/threads/${id}`))).toContain('Esta conversación está cerrada');
    await moderator.post(`/threads/${id}`, { intent: 'moderate', threadId: id, action: 'unlock' });
    expect((await reply(rosa, id, 'Still broken.')).res.status).toBe(303);
  });

  it('holds a new account’s first post for review where the channel asks for it', async () => {
    await sql(`UPDATE "Channel" SET "holdFirstPosts" = true WHERE slug = 'n-northgate'`);
    const { client: newbie } = await newVerifiedMember(server, 'New Neighbor', {
      emailPrefix: 'newbie',
      password: 'a long new passphrase',
    });
    const { res } = await startThread(newbie, 'n-northgate', 'Hello from a new neighbor', 'Glad to be here.');
    expect(res.headers.get('location')).toBe('/channels/n-northgate');
    const [thread] = await sql(`SELECT id FROM "Thread" WHERE title = 'Hello from a new neighbor'`);
    const id = thread.id as string;
    expect(textOf(await newbie.page(`/threads/${id}`))).toContain('Waiting for a moderator');
    expect((await new Client(server.url).get(`/threads/${id}`)).status).toBe(404);
    const staff = await signedIn(server.url, DEMO.staff);
    expect(textOf(await staff.page('/moderation'))).toContain('Glad to be here.');
    const [post] = await sql(`SELECT id FROM "Post" WHERE "threadId" = $1`, [id]);
    await staff.post('/moderation', { intent: 'approve', postId: post.id as string });
    expect(textOf(await new Client(server.url).page(`/threads/${id}`))).toContain('Glad to be here.');
  });
});

describe('approving a held reply', () => {
  it('tells the thread\u2019s followers once the reply is approved, not before', async () => {
    await sql(`UPDATE "Channel" SET "holdFirstPosts" = true WHERE slug = 'n-northgate'`);
    const { client: newbie } = await newVerifiedMember(server, 'Held Newcomer', {
      emailPrefix: 'held',
      password: 'a long newcomer passphrase',
    });
    // The liaison started (and so follows) the seeded "Speeding on Summit Dr near the school".
    const [thread] = await sql(`SELECT id FROM "Thread" WHERE title = 'Speeding on Summit Dr near the school'`);
    const { res } = await reply(newbie, thread.id as string, 'A speed bump would help too.');
    expect(res.status).toBe(303);
    const liaison = await signedIn(server.url, DEMO.liaison);
    expect(textOf(await liaison.page('/notifications'))).not.toContain('Held Newcomer replied');
    const [post] = await sql(`SELECT id FROM "Post" WHERE text = 'A speed bump would help too.'`);
    const staff = await signedIn(server.url, DEMO.staff);
    await staff.page('/moderation');
    expect((await staff.post('/moderation', { intent: 'approve', postId: post.id as string })).status).toBe(303);
    expect(textOf(await liaison.page('/notifications'))).toContain('Held Newcomer replied in "Speeding on Summit Dr near the school"');
  });
});

describe('account sanctions', () => {
  it('lets staff ban an account (signed out at once) and refuses moderators', async () => {
    const { client: troll, email } = await newVerifiedMember(server, 'Troll', {
      emailPrefix: 'troll',
      password: 'a long troll passphrase',
    });
    const [row] = await sql(`SELECT id FROM "User" WHERE email = $1`, [email]);
    const userId = row.id as string;

    const moderator = await signedIn(server.url, DEMO.moderator);
    expect((await moderator.get(`/moderation/users/${userId}`)).status).toBe(403);
    const staff = await signedIn(server.url, DEMO.staff);
    await staff.page(`/moderation/users/${userId}`);
    const res = await staff.post(`/moderation/users/${userId}`, { action: 'ban', userId, message: 'Repeated harassment' });
    expect(res.status).toBe(303);
    expect((await troll.get('/account')).status).toBe(302);
    const again = new Client(server.url);
    await again.get('/signin');
    expect((await again.post('/signin', { email, password: 'a long troll passphrase' })).status).toBe(400);
  });
});

describe('notifications and e-mail', () => {
  it('tells followers about replies in the app and by e-mail, with a one-click unsubscribe that needs no sign-in', async () => {
    const liaison = await signedIn(server.url, DEMO.liaison);
    const { id } = await startThread(liaison, 'n-old-town', 'Tree roots lifting the sidewalk', 'On Church St by the library.');
    const admin = await signedIn(server.url, DEMO.admin);
    await reply(admin, id, 'Parks will look at it this week.');
    expect(textOf(await liaison.page('/notifications'))).toContain('Ana Admin replied in "Tree roots lifting the sidewalk"');
    const mail = await server.mail.waitFor(DEMO.liaison, (m) => m.subject.includes('Tree roots'));
    const unsubscribe = mail.text.split(/\s+/).find((w) => w.includes('/unsubscribe?'))!;
    expect(unsubscribe).toBeTruthy();

    // A mail client's one-click POST (no cookies, no CSRF token): the signature is the proof.
    const oneClick = await fetch(unsubscribe, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(204);
    const before = server.mail.messages.length;
    await reply(admin, id, 'Update: scheduled for Friday.');
    expect(textOf(await liaison.page('/notifications'))).toContain('Ana Admin replied');
    await new Promise((r) => setTimeout(r, 500));
    expect(server.mail.messages.slice(before).filter((m) => m.to.includes(DEMO.liaison))).toEqual([]);

    // A forged signature is refused.
    expect((await fetch(unsubscribe.replace(/s=[^&]+/, 's=forged'))).status).toBe(404);
  });
});

describe('channel settings', () => {
  it.each([
    { who: 'anonymous', email: null, status: 302 },
    { who: 'resident', email: DEMO.resident, status: 403 },
    { who: 'moderator', email: DEMO.moderator, status: 403 },
    { who: 'staff', email: DEMO.staff, status: 200 },
  ])('$who opening the new-channel form → $status', async ({ email, status }) => {
    const client = email ? await signedIn(server.url, email) : new Client(server.url);
    expect((await client.get('/channels/new')).status).toBe(status);
  });

  it('lets staff create a members-only topic channel that residents cannot read, audited', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    await staff.page('/channels/new');
    const bad = await staff.post('/channels/new', { slug: 'Bad Slug!', 'name.en': '', 'name.es': 'Presupuesto', visibility: 'members' });
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toMatch(/<input[^>]*name="name.en"[^>]*aria-invalid="true"/);
    expect(badPage).toContain('value="Presupuesto"');
    const res = await staff.post('/channels/new', {
      slug: 'budget-council',
      'name.en': 'Budget council',
      'name.es': 'Consejo de presupuesto',
      visibility: 'members',
      holdFirstPosts: 'on',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/channels/t-budget-council');
    expect((await (await signedIn(server.url, DEMO.resident)).get('/channels/t-budget-council')).status).toBe(403);
    expect(textOf(await staff.page('/channels/t-budget-council'))).toContain('Budget council');
    const [entry] = await sql(`SELECT action FROM "AuditLog" WHERE action = 'channel.create'`);
    expect(entry).toBeTruthy();
    await staff.page('/channels/t-budget-council/settings');
    expect(
      (
        await staff.post('/channels/t-budget-council/settings', {
          slug: 't-budget-council',
          'name.en': 'Budget council 2027',
          'name.es': 'Consejo de presupuesto 2027',
          visibility: 'public',
        })
      ).status,
    ).toBe(303);
    expect((await new Client(server.url).get('/channels/t-budget-council')).status).toBe(200);
  });
});
