import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { reply as replyTo, startThread } from '../support/forum';
import { withTestServer } from '../support/test-server';
import { nextEvent, openSocket, subscribe } from '../support/sockets';
import { plainJpeg } from '../support/images';
import { expectPublicViewOnly, filedCode, postMultipart, resolveAndClose } from '../support/requests';
import { sqlOf, lookupsOf } from '../support/sql';

/**
 * "Create service request" from forum posts, through the real routes: who may promote (and the
 * city setting for moderators), promoting and linking several posts to one request, bad input,
 * the author's notification and one-click follow (and what following shows), the thread page's
 * badge (live after a status change, never for a hidden post) and unlinking.
 */
const server = withTestServer();
const { userId } = lookupsOf(server);
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
});

const q = sqlOf(server);

/**
 * The demo city comes with requests and forum links of its own (prisma/seed-requests.ts): the
 * assertions below are about the rows these tests write, so the seeded ones are set aside.
 */
const seeded = { requests: new Set<string>(), links: new Set<string>() };
beforeAll(async () => {
  for (const r of await q('SELECT "id" FROM "ServiceRequest"')) seeded.requests.add(String(r.id));
  for (const l of await q('SELECT "id" FROM "RequestLink"')) seeded.links.add(String(l.id));
  expect(seeded.requests.size).toBeGreaterThan(0);
});
const newRequests = async () =>
  (await q('SELECT * FROM "ServiceRequest" ORDER BY "createdAt"')).filter((r) => !seeded.requests.has(String(r.id)));
const newLinks = async () => (await q('SELECT * FROM "RequestLink"')).filter((l) => !seeded.links.has(String(l.id)));

async function openingPost(threadId: string) {
  return String((await q('SELECT "id" FROM "Post" WHERE "threadId" = $1 ORDER BY "createdAt" ASC LIMIT 1', [threadId]))[0].id);
}
/** Loads the promote page (for the CSRF token), then posts one of its forms. */
async function promote(client: Client, postId: string, fields: Record<string, string>) {
  await client.get(`/posts/${postId}/promote`);
  if (!client.csrf) await client.get('/');
  return client.post(`/posts/${postId}/promote`, fields);
}

const graffiti = { intent: 'create', type: 'graffiti', 'a.surface': 'wall', 'a.offensive': 'no', address: '200 Library Way' };
let rosa: Client; // resident (Spanish), opens the thread
let carlos: Client; // the captain, replies
let threadId = '';
let openingId = '';
let sameReplyId = '';
let otherThreadId = '';
let people: Record<string, () => Promise<Client>>;

beforeAll(async () => {
  rosa = await signedIn(server.url, DEMO.resident);
  carlos = await signedIn(server.url, DEMO.captain);
  threadId = await startThread(
    rosa,
    'n-riverside',
    'Graffiti on the library wall',
    'Someone sprayed graffiti on the library wall last night.',
  );
  openingId = await openingPost(threadId);
  sameReplyId = await replyTo(carlos, threadId, 'Same here: more tags on the back of the library.');
  otherThreadId = await startThread(carlos, 'n-old-town', 'Bench broken in the plaza', 'The bench by the fountain is broken.');
  people = {
    anonymous: async () => new Client(server.url),
    resident: () => signedIn(server.url, DEMO.resident),
    moderator: () => signedIn(server.url, DEMO.moderator),
    staff: () => signedIn(server.url, DEMO.staff),
    liaison: () => signedIn(server.url, DEMO.liaison),
    admin: () => signedIn(server.url, DEMO.admin),
  };
});

async function setModeratorsMayPromote(on: boolean) {
  const admin = await signedIn(server.url, DEMO.admin);
  await admin.get('/admin/city');
  const res = await admin.post('/admin/city', {
    name: 'Arroyo Verde',
    timeZone: 'America/Los_Angeles',
    defaultLocale: 'en',
    fiscalYearStartMonth: '7',
    ...(on ? { moderatorsMayPromote: 'on' } : {}),
  });
  expect(res.status).toBe(303);
}

describe('who may promote a post', () => {
  it('allows staff, liaisons and admins; refuses residents, anonymous visitors and moderators (setting off)', async () => {
    const expected: Record<string, number> = { anonymous: 302, resident: 403, moderator: 403, staff: 200, liaison: 200, admin: 200 };
    for (const [who, status] of Object.entries(expected)) {
      const client = await people[who]();
      const page = await client.get(`/posts/${sameReplyId}/promote`);
      expect(page.status, `${who} GET`).toBe(status);
      if (who === 'anonymous') expect(page.headers.get('location')).toContain('/signin');
      // The action is guarded the same way, and writes nothing when refused.
      if (status !== 200) {
        if (!client.csrf) await client.get('/');
        const res = await client.post(`/posts/${sameReplyId}/promote`, { intent: 'link', code: 'ZZZZZZZZ' });
        expect(res.status, `${who} POST`).toBe(who === 'anonymous' ? 302 : 403);
      }
      // The thread page offers the action to allowed readers only.
      const thread = await client.page(`/threads/${threadId}`);
      expect(thread.includes(`/posts/${sameReplyId}/promote`), `${who} sees the action`).toBe(status === 200);
    }
    expect(await newLinks()).toHaveLength(0);
  });

  it("allows the channel's moderators once the admin turns the city setting on (their channel only)", async () => {
    const moderator = await signedIn(server.url, DEMO.moderator);
    expect((await moderator.get(`/posts/${sameReplyId}/promote`)).status).toBe(403);
    await setModeratorsMayPromote(true);
    expect((await moderator.get(`/posts/${sameReplyId}/promote`)).status).toBe(200);
    expect((await moderator.get(`/posts/${await openingPost(otherThreadId)}/promote`)).status).toBe(403);
    expect((await (await signedIn(server.url, DEMO.resident)).get(`/posts/${sameReplyId}/promote`)).status).toBe(403);
    await setModeratorsMayPromote(false);
    expect((await moderator.get(`/posts/${sameReplyId}/promote`)).status).toBe(403);
    const [entry] = await q(`SELECT "after" FROM "AuditLog" WHERE action = 'city.update' ORDER BY id DESC LIMIT 1`);
    // jsonb comes back parsed on PostgreSQL, as text on SQLite.
    const after = typeof entry.after === 'string' ? JSON.parse(entry.after) : entry.after;
    expect(after.moderatorsMayPromote).toBe(false);
  });
});

let code = '';

describe('promoting a thread', () => {
  it('prefills the type guessed from the post and the description from its title and text', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const html = await staff.page(`/posts/${openingId}/promote`);
    expect(html).toContain('name="type" value="graffiti"');
    expect(html).toMatch(/<textarea[^>]*name="description"[^>]*>Graffiti on the library wall\n?\n\nSomeone sprayed graffiti/);
    // No match, no guess: the type picker is shown.
    const other = await staff.page(`/posts/${await openingPost(otherThreadId)}/promote`);
    expect(other).not.toContain('name="type"');
    expect(other).toContain('/promote?type=pothole');
  });

  it("guesses by word stems and the type's keywords, and suggests the place from the streets the city lists", async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const potholes = await startThread(carlos, 'n-old-town', 'Two deep potholes', 'In front of 120 Mill Street, since the rain.');
    const html = await staff.page(`/posts/${await openingPost(potholes)}/promote`);
    expect(html).toContain('name="type" value="pothole"');
    expect(html).toMatch(/name="address"[^>]*value="120 Mill St"|value="120 Mill St"[^>]*name="address"/);
    const [riverside] = await q(`SELECT "id" FROM "Neighborhood" WHERE "streets" LIKE '%Mill St%'`);
    expect(html).toMatch(new RegExp(`<option value="${riverside.id}" selected`));
    expect(textOf(html)).toContain('Place suggested from the post');
    // A keyword of the type (seeded: "hoyo en la calle"), in Spanish.
    const hoyo = await startThread(rosa, 'n-riverside', 'Cuidado', 'Hay un hoyo enorme en la calle frente a la escuela.');
    expect(await staff.page(`/posts/${await openingPost(hoyo)}/promote`)).toContain('name="type" value="pothole"');
    // The intake picker's search finds types by their keywords too.
    expect(await staff.page('/requests/new?q=hoyo')).toContain('/requests/new/pothole');
  });

  it('refuses a missing location with a localized 400 and keeps what was typed', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const res = await promote(staff, openingId, { ...graffiti, address: '', description: 'Tags on the library, kept text' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html)).toContain('This type of request needs a location');
    expect(html).toContain('Tags on the library, kept text');
    // In Spanish for a Spanish reader (the channel's moderator, once allowed).
    await setModeratorsMayPromote(true);
    const marta = await signedIn(server.url, DEMO.moderator);
    const es = await promote(marta, openingId, { ...graffiti, address: '', latitude: '34.1', description: 'Grafiti en la biblioteca' });
    expect(es.status).toBe(400);
    const esHtml = await es.text();
    expect(textOf(esHtml)).toContain('Indique la latitud y la longitud');
    expect(textOf(esHtml)).toContain('Este tipo de solicitud necesita una ubicación');
    expect(esHtml).toContain('value="34.1"');
    await setModeratorsMayPromote(false);
    expect(await newRequests()).toHaveLength(0);
  });

  it('files a forum request recorded by the staff member, linked to the thread, audited, with the liaison mail', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const res = await promote(staff, openingId, { ...graffiti, description: 'Graffiti on the library wall (from the forum).' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/threads/${threadId}?from=${openingId}#post-${openingId}`);
    const [r, ...more] = await newRequests();
    expect(more).toEqual([]);
    code = String(r.publicCode);
    expect(r.source).toBe('forum');
    expect(r.createdById).toBe(await userId(DEMO.staff));
    expect(r.requesterId).toBeNull();
    expect(r.trackingTokenHash).toBeNull();
    const links = await q('SELECT "targetKind", "targetId" FROM "RequestLink" WHERE "requestId" = $1', [r.id]);
    expect(links).toEqual([{ targetKind: 'thread', targetId: threadId }]);
    const kinds = (await q('SELECT "kind", "public" FROM "RequestEvent" WHERE "requestId" = $1 ORDER BY "createdAt"', [r.id])).map(
      (e) => e.kind,
    );
    expect(kinds).toEqual(expect.arrayContaining(['created', 'link']));
    expect(await q(`SELECT * FROM "AuditLog" WHERE action = 'request.promote' AND "targetId" = $1`, [r.id])).toHaveLength(1);
    const mail = await server.mail.waitFor(DEMO.liaison, (m) => m.subject.includes(code));
    expect(mail.text).toContain(`/requests/${code}`);
  });

  it('files one request per post: the page then offers to follow it, and a second filing is refused (409) with nothing filed', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const page = await staff.page(`/posts/${openingId}/promote`);
    expect(textOf(page)).toContain('A request was already created from this post or linked to it');
    expect(page).not.toContain('name="intent" value="create"');
    const before = (await newRequests()).length;
    const res = await promote(staff, openingId, { ...graffiti, description: 'A second request for the same post.' });
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain('A request was already created from this post meanwhile');
    expect(await newRequests()).toHaveLength(before);
    // Two staff members filing from the same post at the same moment: one request.
    const fresh = await startThread(rosa, 'n-riverside', 'Graffiti on the footbridge', 'Fresh graffiti on the footbridge rail.');
    const post = await openingPost(fresh);
    const [a, b] = [await signedIn(server.url, DEMO.staff), await signedIn(server.url, DEMO.admin)];
    await Promise.all([a.get(`/posts/${post}/promote`), b.get(`/posts/${post}/promote`)]);
    const statuses = await Promise.all(
      [a, b].map(async (c) => (await c.post(`/posts/${post}/promote`, { ...graffiti, description: 'Graffiti on the footbridge.' })).status),
    );
    expect(statuses.sort()).toEqual([303, 409]);
    expect(await newRequests()).toHaveLength(before + 1);
  });

  it('notifies the author in the app and by mail in her language, with the follow link', async () => {
    const [n] = await q(`SELECT "kind", "data" FROM "Notification" WHERE "userId" = $1 AND "kind" = 'promoted'`, [
      await userId(DEMO.resident),
    ]);
    expect(n).toBeTruthy();
    const mail = await server.mail.waitFor(DEMO.resident, (m) => m.text.includes(code));
    expect(mail.subject).toContain(`se convirtió en la solicitud de servicio ${code}`);
    expect(mail.text).toContain(`/requests/${code}/follow`);
    const page = textOf(await rosa.page('/notifications'));
    expect(page).toContain(code);
  });
});

describe('the badge, following and live status', () => {
  it('shows the code and status on the thread page; the author gets a one-click follow', async () => {
    const anonymous = textOf(await new Client(server.url).page(`/threads/${threadId}`));
    expect(anonymous).toContain(`Service request ${code}`);
    expect(anonymous).toContain('New');
    const own = await rosa.page(`/threads/${threadId}`);
    expect(own).toContain(`action="/requests/${code}/follow"`);
    expect(textOf(own)).toContain(`Solicitud de servicio ${code}`);
  });

  it('lets the author follow with one click; following opens the public view only', async () => {
    await expectPublicViewOnly(rosa, code);
    await rosa.page(`/requests/${code}/follow`);
    const res = await rosa.post(`/requests/${code}/follow`, { intent: 'follow' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/requests/${code}`);
    const [{ id: requestId }] = await q('SELECT "id" FROM "ServiceRequest" WHERE "publicCode" = $1', [code]);
    expect(
      await q(`SELECT * FROM "Follow" WHERE "userId" = $1 AND "targetKind" = 'request' AND "targetId" = $2`, [
        await userId(DEMO.resident),
        requestId,
      ]),
    ).toHaveLength(1);
    // Staff write an internal and a public note; the follower reads only the public one, and is told.
    const staff = await signedIn(server.url, DEMO.staff);
    await staff.get(`/requests/${code}`);
    expect((await staff.post(`/requests/${code}`, { intent: 'note', note: 'Internal: crew scheduled', notePublic: '' })).status).toBe(303);
    expect(
      (await staff.post(`/requests/${code}`, { intent: 'note', note: 'A crew will paint over it this week.', notePublic: 'on' })).status,
    ).toBe(303);
    const page = textOf(await rosa.page(`/requests/${code}`));
    expect(page).toContain('A crew will paint over it this week.');
    expect(page).not.toContain('Internal: crew scheduled');
    expect(page).not.toContain('Samuel Ortiz');
    const notices = await q(`SELECT "kind" FROM "Notification" WHERE "userId" = $1 AND "kind" = 'request'`, [await userId(DEMO.resident)]);
    expect(notices.length).toBeGreaterThan(0);
  });

  it('gives nobody else new access: other residents and the anonymous get the public page only, and 404 on its follow page', async () => {
    for (const client of [carlos, new Client(server.url)]) {
      await expectPublicViewOnly(client, code);
      const follow = await client.get(`/requests/${code}/follow`);
      expect([302, 404]).toContain(follow.status);
    }
    await carlos.get('/');
    expect((await carlos.post(`/requests/${code}/follow`, { intent: 'follow' })).status).toBe(404);
  });

  it('updates the badge live after a status change, and anonymous cached pages show it at once', async () => {
    const reader = new Client(server.url);
    await reader.page(`/threads/${threadId}`);
    const cached = await reader.get(`/threads/${threadId}`);
    expect(cached.headers.get('x-page-cache')).toBe('hit');
    const socket = await openSocket(server.url, sockets);
    expect((await subscribe(socket, `thread:${threadId}`)).ok).toBe(true);
    const live = nextEvent(socket, `thread:${threadId}`, 'request.linked');
    const staff = await signedIn(server.url, DEMO.staff);
    await staff.get(`/requests/${code}`);
    expect((await staff.post(`/requests/${code}`, { intent: 'status', status: 'in_progress' })).status).toBe(303);
    const event = await live;
    expect(event.payload).toEqual({ threadId });
    const after = await reader.get(`/threads/${threadId}`);
    expect(after.headers.get('x-page-cache')).toBe('miss');
    expect(textOf(await after.text())).toContain('In progress');
  });
});

let code2 = '';

describe('several posts, one request; hidden posts; unlinking', () => {
  it('links a reply to the same request by its code; refuses unknown codes and repeats with a localized 400', async () => {
    const liaison = await signedIn(server.url, DEMO.liaison);
    const unknown = await promote(liaison, sameReplyId, { intent: 'link', code: 'zzzzzzzz' });
    expect(unknown.status).toBe(400);
    const html = await unknown.text();
    expect(textOf(html)).toContain('No request has this code');
    expect(html).toContain('value="zzzzzzzz"');
    const bad = await promote(liaison, sameReplyId, { intent: 'link', code: 'x' });
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain('8-character code');
    const res = await promote(liaison, sameReplyId, { intent: 'link', code: code.toLowerCase() });
    expect(res.status).toBe(303);
    const again = await promote(liaison, sameReplyId, { intent: 'link', code });
    expect(again.status).toBe(400);
    expect(textOf(await again.text())).toContain('already linked');
    const [{ id }] = await q('SELECT "id" FROM "ServiceRequest" WHERE "publicCode" = $1', [code]);
    const links = await q('SELECT "targetKind", "targetId" FROM "RequestLink" WHERE "requestId" = $1 ORDER BY "targetKind"', [id]);
    expect(links).toEqual([
      { targetKind: 'post', targetId: sameReplyId },
      { targetKind: 'thread', targetId: threadId },
    ]);
    expect(await q(`SELECT * FROM "AuditLog" WHERE action = 'request.link' AND "targetId" = $1`, [id])).toHaveLength(1);
    // Both posts show the badge; the reply's author is told too.
    const html2 = await new Client(server.url).page(`/threads/${threadId}`);
    expect(html2.split(`Service request ${code}`).length - 1).toBe(2);
    expect(await q(`SELECT * FROM "Notification" WHERE "userId" = $1 AND "kind" = 'promoted'`, [await userId(DEMO.captain)])).toHaveLength(
      1,
    );
  });

  it('never shows (or lets anyone follow through) the badge of a hidden post', async () => {
    const hiddenReply = await replyTo(carlos, threadId, 'Also a deep pothole on Elm Street by the library.');
    const staff = await signedIn(server.url, DEMO.staff);
    const res = await promote(staff, hiddenReply, {
      intent: 'create',
      type: 'pothole',
      'a.size': 'tire',
      description: 'Pothole on Elm Street.',
      address: '5 Elm Street',
    });
    expect(res.status).toBe(303);
    code2 = String((await q(`SELECT "publicCode" FROM "ServiceRequest" WHERE "description" = 'Pothole on Elm Street.'`))[0].publicCode);
    expect(textOf(await new Client(server.url).page(`/threads/${threadId}`))).toContain(code2);
    const moderator = await signedIn(server.url, DEMO.moderator);
    await moderator.get('/moderation');
    expect((await moderator.post('/moderation', { intent: 'hide', postId: hiddenReply, reason: 'Off topic' })).status).toBe(303);
    for (const client of [new Client(server.url), moderator, carlos]) {
      expect(await client.page(`/threads/${threadId}`)).not.toContain(code2);
    }
    expect((await carlos.get(`/requests/${code2}/follow`)).status).toBe(404);
    // A hidden post cannot be promoted or linked either.
    expect((await staff.get(`/posts/${hiddenReply}/promote`)).status).toBe(404);
  });

  it('unlinks a post (staff), audited, and its badge goes', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const html = await staff.page(`/posts/${sameReplyId}/promote`);
    expect(textOf(html)).toContain(code);
    const res = await staff.post(`/posts/${sameReplyId}/promote`, { intent: 'unlink', code });
    expect(res.status).toBe(303);
    const [{ id }] = await q('SELECT "id" FROM "ServiceRequest" WHERE "publicCode" = $1', [code]);
    expect(await q(`SELECT * FROM "RequestLink" WHERE "requestId" = $1 AND "targetKind" = 'post'`, [id])).toHaveLength(0);
    expect(await q(`SELECT * FROM "AuditLog" WHERE action = 'request.unlink' AND "targetId" = $1`, [id])).toHaveLength(1);
    const page = await new Client(server.url).page(`/threads/${threadId}`);
    expect(page.split(`Service request ${code}`).length - 1).toBe(1);
    const again = await staff.post(`/posts/${sameReplyId}/promote`, { intent: 'unlink', code });
    expect(again.status).toBe(400);
  });
});

describe("linking a resident's own report", () => {
  /** Files a request signed in, with one photo, as multipart like a browser without JavaScript. */
  async function fileWithPhoto(client: Client) {
    await client.get('/requests/new/graffiti');
    const fields = { 'a.surface': 'fence', 'a.offensive': 'no', description: 'Tags on my fence.', address: '7 River Rd' };
    const photo = { name: 'fence.jpg', type: 'image/jpeg', bytes: await plainJpeg() };
    const res = await postMultipart(client, '/requests/new/graffiti', fields, [photo]);
    const code = filedCode(res);
    if (!code) throw new Error(`filing answered ${res.status} (${res.headers.get('location')})`);
    return code;
  }

  it("lets the linked post's author follow it and read its public view, without the requester's photos", async () => {
    const filedBy = await signedIn(server.url, DEMO.liaison);
    const own = await fileWithPhoto(filedBy);
    const [{ id: photoId }] = await q(
      `SELECT a."id" FROM "Attachment" a JOIN "ServiceRequest" r ON r."id" = a."ownerId" WHERE r."publicCode" = $1`,
      [own],
    );
    const reply = await replyTo(carlos, threadId, 'My fence on River Rd was tagged as well.');
    const staff = await signedIn(server.url, DEMO.staff);
    expect((await promote(staff, reply, { intent: 'link', code: own })).status).toBe(303);
    await expectPublicViewOnly(carlos, own, ['Tags on my fence.']);
    await carlos.page(`/requests/${own}/follow`);
    expect((await carlos.post(`/requests/${own}/follow`, { intent: 'follow' })).status).toBe(303);
    const page = await carlos.page(`/requests/${own}`);
    expect(textOf(page)).toContain('Tags on my fence.');
    expect(page).not.toContain('/photos/');
    expect((await carlos.get(`/requests/${own}/photos/${photoId}`)).status).toBe(404);
    // The requester and staff still see it; staff see the forum posts linked to the request.
    expect((await filedBy.get(`/requests/${own}/photos/${photoId}`)).status).toBe(200);
    const staffPage = await staff.page(`/requests/${own}`);
    expect(staffPage).toContain(`/threads/${threadId}?from=${reply}#post-${reply}`);
    expect(textOf(staffPage)).toContain('Linked to a forum post');
  });
});

describe('the courtesy follow-up of a request made from a post', () => {
  async function promoteThread(threadOf: string) {
    const staff = await signedIn(server.url, DEMO.staff);
    expect((await promote(staff, await openingPost(threadOf), { ...graffiti, description: 'From the forum.' })).status).toBe(303);
    const [r] = await q(
      `SELECT "id", "publicCode" FROM "ServiceRequest" WHERE "id" IN (SELECT "requestId" FROM "RequestLink" WHERE "targetKind" = 'thread' AND "targetId" = $1)`,
      [threadOf],
    );
    return { staff, id: String(r.id), code: String(r.publicCode) };
  }

  it("invites the reporting post's author once she follows the request, by mail in her language", async () => {
    const ownThread = await startThread(rosa, 'n-riverside', 'Graffiti on the clinic door', 'Tags on the clinic door since Monday.');
    const { staff, id, code } = await promoteThread(ownThread);
    await rosa.page(`/requests/${code}/follow`);
    expect((await rosa.post(`/requests/${code}/follow`, { intent: 'follow' })).status).toBe(303);
    await resolveAndClose(staff, code);
    const mail = await server.mail.waitFor(DEMO.resident, (m) => m.subject.includes(code) && m.subject.includes('cómo lo hicimos'));
    expect(mail.text).toContain(`/requests/${code}/follow-up?t=`);
    expect(await q('SELECT * FROM "SurveyInvitation" WHERE "requestId" = $1', [id])).toHaveLength(1);
  });

  it('does not invite an author who did not follow it (no consent to hear about it)', async () => {
    const { staff, id, code } = await promoteThread(otherThreadId);
    await resolveAndClose(staff, code);
    expect(await q('SELECT * FROM "SurveyInvitation" WHERE "requestId" = $1', [id])).toHaveLength(0);
  });
});

describe('linking needs the right to handle the request', () => {
  it("refuses (as an unknown code) a request the actor may not handle: another department's, or any for a moderator", async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const police = await startThread(carlos, 'n-old-town', 'Loud music every night', 'Music until 3 a.m. on Plaza St.');
    expect(
      (
        await promote(staff, await openingPost(police), {
          intent: 'create',
          type: 'pothole',
          'a.size': 'tire',
          description: 'Routed elsewhere.',
          address: '9 Plaza St',
        })
      ).status,
    ).toBe(303);
    const [r] = await q(`SELECT "id", "publicCode" FROM "ServiceRequest" WHERE "description" = 'Routed elsewhere.'`);
    const [dept] = await q(`SELECT "id" FROM "Department" WHERE "slug" = 'police-community'`);
    await q('UPDATE "ServiceRequest" SET "departmentId" = $1 WHERE "id" = $2', [dept.id, r.id]);
    const reply = await replyTo(rosa, police, 'It happens on Fridays too.');
    // Public Works' liaison may not read it, so may not link to it either (nor learn it exists).
    const liaison = await signedIn(server.url, DEMO.liaison);
    await expectPublicViewOnly(liaison, String(r.publicCode));
    const refused = await promote(liaison, reply, { intent: 'link', code: String(r.publicCode) });
    expect(refused.status).toBe(400);
    expect(textOf(await refused.text())).toContain('No request has this code');
    // A moderator allowed to promote handles no department: creating yes, linking no.
    await setModeratorsMayPromote(true);
    const moderator = await signedIn(server.url, DEMO.moderator);
    const riverside = await startThread(rosa, 'n-riverside', 'Graffiti again on the library', 'New tags on the library wall.');
    expect((await promote(moderator, await openingPost(riverside), { intent: 'link', code })).status).toBe(400);
    await setModeratorsMayPromote(false);
    expect(await q('SELECT * FROM "RequestLink" WHERE "requestId" = $1 AND "targetKind" = $2', [r.id, 'post'])).toHaveLength(0);
    // City-wide staff may.
    expect((await promote(staff, reply, { intent: 'link', code: String(r.publicCode) })).status).toBe(303);
  });

  it("ends the access a link gave its post's author when the link is removed", async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const thread = await startThread(
      carlos,
      'n-old-town',
      'Streetlight flickering on Mill St',
      'The light at Mill and 3rd flickers all night.',
    );
    const reply = await replyTo(rosa, thread, 'Same light, it has been like this for a week.');
    expect((await promote(staff, await openingPost(thread), { ...graffiti, description: 'Unlink test.' })).status).toBe(303);
    const [r] = await q(`SELECT "id", "publicCode" FROM "ServiceRequest" WHERE "description" = 'Unlink test.'`);
    const requestCode = String(r.publicCode);
    expect((await promote(staff, reply, { intent: 'link', code: requestCode })).status).toBe(303);
    await rosa.page(`/requests/${requestCode}/follow`);
    expect((await rosa.post(`/requests/${requestCode}/follow`, { intent: 'follow' })).status).toBe(303);
    expect((await rosa.get(`/requests/${requestCode}`)).status).toBe(200);
    await staff.page(`/posts/${reply}/promote`);
    expect((await staff.post(`/posts/${reply}/promote`, { intent: 'unlink', code: requestCode })).status).toBe(303);
    expect(
      await q(`SELECT * FROM "Follow" WHERE "userId" = $1 AND "targetKind" = 'request' AND "targetId" = $2`, [
        await userId(DEMO.resident),
        r.id,
      ]),
    ).toHaveLength(0);
    await expectPublicViewOnly(rosa, requestCode, ['Unlink test.']);
  });
});
