import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn } from '../support/client';
import { reply, startThread } from '../support/forum';
import { addMembersChannel } from '../support/channels';
import { withTestServer } from '../support/test-server';
import { openSocket, subscribe } from '../support/sockets';
import { fileRequest, GRAFFITI } from '../support/requests';
import { sqlOf } from '../support/sql';

/**
 * One visibility rule for everything that takes a post id (issue 10, item 5): a table of actors ×
 * post states × the real post-id routes. A post a reader may not see (held, hidden, in a hidden
 * thread, in a members-only channel they do not belong to) answers 404 and never shows its text
 * or its thread's title; those who may moderate it (and its author) still reach it.
 */
const server = withTestServer();
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
});

const sql = sqlOf(server);

const ACTORS = ['anonymous', 'resident', 'author', 'moderator', 'otherModerator', 'staff', 'admin'] as const;
type ActorName = (typeof ACTORS)[number];
const STATES = ['visible', 'hidden', 'held', 'hiddenThread', 'membersOnly'] as const;
type State = (typeof STATES)[number];
const ROUTES = ['flag', 'edit', 'delete', 'history', 'promote'] as const;

/** Who sees a post in each state (besides its moderators: the channel's, staff, admins). */
function sees(actor: ActorName, state: State): boolean {
  if (state === 'visible') return true;
  return actor === 'author' || actor === 'moderator' || actor === 'staff' || actor === 'admin';
}

/** What each route answers on a visible post (its own permission, once the post is visible). */
const VISIBLE: Record<(typeof ROUTES)[number], Record<ActorName, number>> = {
  flag: { anonymous: 302, resident: 200, author: 200, moderator: 200, otherModerator: 200, staff: 200, admin: 200 },
  edit: { anonymous: 302, resident: 403, author: 200, moderator: 403, otherModerator: 403, staff: 403, admin: 403 },
  delete: { anonymous: 302, resident: 403, author: 200, moderator: 403, otherModerator: 403, staff: 403, admin: 403 },
  history: { anonymous: 302, resident: 403, author: 403, moderator: 200, otherModerator: 403, staff: 200, admin: 200 },
  promote: { anonymous: 302, resident: 403, author: 403, moderator: 403, otherModerator: 403, staff: 200, admin: 200 },
};

const clients = {} as Record<ActorName, Client>;
const posts = {} as Record<State, { postId: string; threadId: string; secret: string; title: string }>;

beforeAll(async () => {
  const now = new Date().toISOString();
  const id = async (email: string) => ((await sql(`SELECT id FROM "User" WHERE email = $1`, [email])) as { id: string }[])[0].id;
  const [riverside] = (await sql(`SELECT id FROM "Channel" WHERE slug = 'n-riverside'`)) as { id: string }[];
  const [oldTown] = (await sql(`SELECT id FROM "Channel" WHERE slug = 'n-old-town'`)) as { id: string }[];
  // A members-only channel: the author is a member, the Riverside moderator moderates it too.
  const author = await id(DEMO.captain);
  await addMembersChannel(server.database.url, { id: 'pa-members', slug: 'pa-members', name: { en: 'Quiet group', es: 'Grupo callado' } }, [
    author,
  ]);
  await sql(
    `INSERT INTO "RoleGrant" (id, "userId", role, "scopeKind", "scopeId", "createdAt") VALUES ('pa-grant-1', $1, 'moderator', 'channel', 'pa-members', $2)`,
    [await id(DEMO.moderator), now],
  );
  // A moderator of another channel (Old Town), an account of their own.
  const [hash] = (await sql(`SELECT "passwordHash" FROM "User" WHERE email = $1`, [DEMO.resident])) as { passwordHash: string }[];
  await sql(
    `INSERT INTO "User" (id, "displayName", email, "emailVerifiedAt", "passwordHash", locale, status, "notifyEmail", "failedLogins", "createdAt") VALUES ('pa-other-mod', 'Otto Moderator', 'othermod@example.org', $1, $2, 'en', 'active', 'never', 0, $3)`,
    [now, hash.passwordHash, new Date(Date.now() - 30 * 86400_000).toISOString()],
  );
  await sql(
    `INSERT INTO "RoleGrant" (id, "userId", role, "scopeKind", "scopeId", "createdAt") VALUES ('pa-grant-2', 'pa-other-mod', 'moderator', 'channel', $1, $2)`,
    [oldTown.id, now],
  );
  expect(riverside).toBeTruthy();

  const writer = await signedIn(server.url, DEMO.captain);
  for (const state of STATES) {
    const title = `Thread title ${state} zq${state.length}`;
    const secret = `Secret words of the ${state} post xk${state.length}`;
    const threadId = await startThread(writer, state === 'membersOnly' ? 'pa-members' : 'n-riverside', title, `Opening of ${state}`);
    const postId = await reply(writer, threadId, secret);
    posts[state] = { postId, threadId, secret, title };
  }
  await sql(`UPDATE "Post" SET "hiddenAt" = $1, "hiddenReason" = 'spam' WHERE id = $2`, [now, posts.hidden.postId]);
  await sql(`UPDATE "Post" SET status = 'pending' WHERE id = $1`, [posts.held.postId]);
  await sql(`UPDATE "Thread" SET "hiddenAt" = $1, "hiddenReason" = 'offTopic' WHERE id = $2`, [now, posts.hiddenThread.threadId]);

  clients.anonymous = new Client(server.url);
  clients.author = writer;
  clients.resident = await signedIn(server.url, DEMO.resident);
  clients.moderator = await signedIn(server.url, DEMO.moderator);
  clients.otherModerator = await signedIn(server.url, 'othermod@example.org');
  clients.staff = await signedIn(server.url, DEMO.staff);
  clients.admin = await signedIn(server.url, DEMO.admin);
});

const cases = ACTORS.flatMap((actor) => STATES.flatMap((state) => ROUTES.map((route) => ({ actor, state, route }))));

describe('post-id pages', () => {
  it.each(cases)('$actor · $state post · /posts/:id/$route', async ({ actor, state, route }) => {
    const post = posts[state];
    const res = await clients[actor].get(`/posts/${post.postId}/${route}`);
    const body = await res.text();
    if (state === 'visible') {
      expect(res.status).toBe(VISIBLE[route][actor]);
    } else if (!sees(actor, state)) {
      // Anonymous visitors are sent to sign in first on pages that need an account.
      expect(res.status).toBe(actor === 'anonymous' && route !== 'promote' ? 302 : 404);
      expect(body).not.toContain(post.secret);
      expect(body).not.toContain(post.title);
    } else if (route === 'promote' && state !== 'membersOnly') {
      // Those who see it still cannot turn a post nobody else sees into a request (403 first
      // for those who may not promote at all).
      expect(res.status).toBe(VISIBLE.promote[actor] === 200 ? 404 : VISIBLE.promote[actor]);
    } else {
      expect(res.status).not.toBe(404);
    }
  });
});

describe('post-id actions', () => {
  it.each(ACTORS.filter((a) => a !== 'anonymous').flatMap((actor) => STATES.map((state) => ({ actor, state }))))(
    '$actor · $state post · flag and react',
    async ({ actor, state }) => {
      const post = posts[state];
      const client = clients[actor];
      await client.get('/');
      const flag = await client.post(`/posts/${post.postId}/flag`, { reason: 'spam' });
      const react = await client.post(`/threads/${post.threadId}`, { intent: 'react', postId: post.postId, kind: 'thanks' });
      if (!sees(actor, state)) {
        expect(flag.status).toBe(404);
        // Reactions go through the thread page, which answers 403 for a channel one may not read.
        expect(react.status).toBe(state === 'membersOnly' ? 403 : 404);
        expect(await flag.text()).not.toContain(post.secret);
      } else {
        expect(flag.status).not.toBe(404);
        expect(react.status).not.toBe(404);
      }
    },
  );

  it('counts no flag or reaction from readers who may not see the post', async () => {
    const ids = [posts.hidden.postId, posts.held.postId, posts.hiddenThread.postId, posts.membersOnly.postId];
    const [resident] = (await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.resident])) as { id: string }[];
    for (const table of ['Flag', 'Reaction']) {
      const rows = await sql(`SELECT "postId" FROM "${table}" WHERE "userId" = $1`, [resident.id]);
      expect(rows.map((r) => r.postId).filter((id) => ids.includes(id as string))).toEqual([]);
    }
  });
});

describe('socket rooms of the threads', () => {
  it.each([
    { actor: 'resident' as const, state: 'hiddenThread' as const, ok: false },
    { actor: 'resident' as const, state: 'membersOnly' as const, ok: false },
    { actor: 'otherModerator' as const, state: 'hiddenThread' as const, ok: false },
    { actor: 'moderator' as const, state: 'hiddenThread' as const, ok: true },
    { actor: 'moderator' as const, state: 'membersOnly' as const, ok: true },
    { actor: 'resident' as const, state: 'visible' as const, ok: true },
  ])('$actor joining the room of the $state thread → $ok', async ({ actor, state, ok }) => {
    const socket = await openSocket(server.url, sockets, clients[actor]);
    const answer = await subscribe(socket, `thread:${posts[state].threadId}`);
    expect(answer.ok).toBe(ok);
  });
});

describe('forum posts linked to a service request', () => {
  it.each([
    { actor: 'liaison', email: DEMO.liaison, sees: false },
    { actor: 'staff', email: DEMO.staff, sees: true },
  ])('the $actor handling it sees hidden and members-only titles: $sees', async ({ email, sees }) => {
    const code = await fileRequest(new Client(server.url), 'graffiti', GRAFFITI);
    const [{ id: requestId }] = (await sql(`SELECT id FROM "ServiceRequest" WHERE "publicCode" = $1`, [code])) as { id: string }[];
    const linked: State[] = ['visible', 'hidden', 'hiddenThread', 'membersOnly'];
    for (const state of linked) {
      await sql(`INSERT INTO "RequestLink" (id, "requestId", "targetKind", "targetId", "createdAt") VALUES ($1, $2, 'post', $3, $4)`, [
        `pa-link-${code}-${state}`,
        requestId,
        posts[state].postId,
        new Date().toISOString(),
      ]);
    }
    const page = await (await signedIn(server.url, email)).page(`/requests/${code}`);
    expect(page).toContain(posts.visible.title);
    for (const state of ['hidden', 'hiddenThread', 'membersOnly'] as const) expect(page.includes(posts[state].title), state).toBe(sees);
  });
});
