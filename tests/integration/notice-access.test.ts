import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppBuild } from '../../server/app';
import { Client, DEMO, signedIn } from '../support/client';
import { mentionNode, richBody } from '../support/richtext';
import { withTestServer } from '../support/test-server';
import { fileRequest, GRAFFITI } from '../support/requests';
import { sqlOf } from '../support/sql';

/**
 * Who hears about a post is decided when it is published, with the read rule of that moment
 * (issue 10, item 7): followers and mentioned people who have lost access (the channel made
 * members-only, their membership or moderator role removed, their account banned) get neither a
 * notification nor a mail; those who still may read it do.
 */
const server = withTestServer();
let writer: Client;
beforeAll(async () => {
  writer = await signedIn(server.url, DEMO.captain);
  [{ id: writerId }] = (await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.captain])) as { id: string }[];
});

let writerId = '';
const sql = sqlOf(server);
const now = () => new Date().toISOString();

let people = 0;
/** A verified account that wants every notice by mail at once. */
async function person(name: string) {
  const id = `na-${++people}-${name}`;
  await sql(
    `INSERT INTO "User" (id, "displayName", email, "emailVerifiedAt", locale, status, "notifyEmail", "failedLogins", "createdAt") VALUES ($1, $2, $3, $4, 'en', 'active', 'immediate', 0, $4)`,
    [id, name, `${id}@example.org`, now()],
  );
  return id;
}

async function channel(slug: string, visibility: 'public' | 'members', members: string[]) {
  await sql(
    `INSERT INTO "Channel" (id, slug, kind, name, visibility, "holdFirstPosts", "createdAt") VALUES ($1, $1, 'topic', $2, $3, false, $4)`,
    [slug, JSON.stringify({ en: slug, es: slug }), visibility, now()],
  );
  for (const userId of [writerId, ...members])
    await sql(`INSERT INTO "ChannelMember" ("channelId", "userId", "createdAt") VALUES ($1, $2, $3)`, [slug, userId, now()]);
}

async function thread(slug: string, followers: string[]) {
  await writer.get(`/channels/${slug}/new`);
  const res = await writer.post(`/channels/${slug}/new`, { title: `About ${slug}`, bodyText: 'Opening post.' });
  const id = /\/threads\/([^?#/]+)/.exec(res.headers.get('location') ?? '')?.[1];
  if (!id) throw new Error(`no thread: ${res.status}`);
  for (const userId of followers) {
    await sql(`INSERT INTO "Follow" ("userId", "targetKind", "targetId", level, "createdAt") VALUES ($1, 'thread', $2, 'follow', $3)`, [
      userId,
      id,
      now(),
    ]);
  }
  return id;
}

const mentionDoc = (mentions: { id: string; name: string }[]) => richBody('Hello ', ...mentions.map((m) => mentionNode(m.id, m.name)));

async function reply(threadId: string, fields: Record<string, string> = { bodyText: 'A reply.' }) {
  await writer.get(`/threads/${threadId}`);
  const res = await writer.post(`/threads/${threadId}`, fields);
  expect(res.status).toBe(303);
}

/** Unread notifications of a person (with their count) and mails queued to them. */
async function heard(userId: string) {
  const rows = (await sql(`SELECT kind, count FROM "Notification" WHERE "userId" = $1 AND "readAt" IS NULL`, [userId])) as {
    kind: string;
    count: number;
  }[];
  const mails = await sql(`SELECT id FROM "MailMessage" WHERE "to" = $1`, [`${userId}@example.org`]);
  return { notices: rows.reduce((n, r) => n + Number(r.count), 0), kinds: rows.map((r) => r.kind).sort(), mails: mails.length };
}

async function markAllRead(userId: string) {
  await sql(`UPDATE "Notification" SET "readAt" = $1 WHERE "userId" = $2`, [now(), userId]);
}

describe('followers who lost access', () => {
  it('a channel made members-only: only its members (and moderators) still hear of replies', async () => {
    const member = await person('Member');
    const outsider = await person('Outsider');
    await channel('na-opened', 'public', [member]);
    const threadId = await thread('na-opened', [member, outsider]);
    await reply(threadId);
    expect((await heard(outsider)).notices).toBe(1);
    await markAllRead(outsider);
    await markAllRead(member);

    await sql(`UPDATE "Channel" SET visibility = 'members' WHERE id = 'na-opened'`);
    const mailsBefore = (await heard(outsider)).mails;
    await reply(threadId);
    expect(await heard(member)).toMatchObject({ notices: 1 });
    expect((await heard(member)).mails).toBe(2);
    expect(await heard(outsider)).toMatchObject({ notices: 0, mails: mailsBefore });
  });

  it('membership or moderator role removed: no new notice, and an unread one does not count up', async () => {
    const stays = await person('Stays');
    const leaves = await person('Leaves');
    const moderator = await person('Moderator');
    await channel('na-members', 'members', [stays, leaves]);
    await sql(
      `INSERT INTO "RoleGrant" (id, "userId", role, "scopeKind", "scopeId", "createdAt") VALUES ('na-grant', $1, 'moderator', 'channel', 'na-members', $2)`,
      [moderator, now()],
    );
    const threadId = await thread('na-members', [stays, leaves, moderator]);
    await reply(threadId);
    for (const id of [stays, leaves, moderator]) expect((await heard(id)).notices, id).toBe(1);
    await markAllRead(moderator); // the moderator's next notice would be a new row; the others' would count up

    await sql(`DELETE FROM "ChannelMember" WHERE "channelId" = 'na-members' AND "userId" = $1`, [leaves]);
    await sql(`DELETE FROM "RoleGrant" WHERE id = 'na-grant'`);
    const [leavesMail, moderatorMail] = [(await heard(leaves)).mails, (await heard(moderator)).mails];
    await reply(threadId);
    expect((await heard(stays)).notices).toBe(2);
    expect(await heard(leaves)).toMatchObject({ notices: 1, mails: leavesMail });
    expect(await heard(moderator)).toMatchObject({ notices: 0, mails: moderatorMail });
  });

  it('an account banned: no notice and no mail, as follower or as mentioned', async () => {
    const active = await person('Active');
    const banned = await person('Banned');
    await channel('na-public', 'public', []);
    const threadId = await thread('na-public', [active, banned]);
    await sql(`UPDATE "User" SET status = 'banned' WHERE id = $1`, [banned]);
    await reply(threadId);
    expect((await heard(active)).notices).toBe(1);
    expect(await heard(banned)).toEqual({ notices: 0, kinds: [], mails: 0 });

    await reply(threadId, {
      body: mentionDoc([
        { id: banned, name: 'Banned' },
        { id: active, name: 'Active' },
      ]),
    });
    expect(await heard(banned)).toEqual({ notices: 0, kinds: [], mails: 0 });
    expect((await heard(active)).kinds).toContain('mention');
  });

  it('mentions in a members-only channel reach members and its moderators, not others', async () => {
    const member = await person('Member');
    const outsider = await person('Outsider');
    const formerModerator = await person('Former');
    const moderator = await person('Moderator');
    await channel('na-mentions', 'members', [member]);
    await sql(
      `INSERT INTO "RoleGrant" (id, "userId", role, "scopeKind", "scopeId", "createdAt") VALUES ('na-grant-m', $1, 'moderator', 'channel', 'na-mentions', $2)`,
      [moderator, now()],
    );
    await sql(
      `INSERT INTO "RoleGrant" (id, "userId", role, "scopeKind", "scopeId", "createdAt") VALUES ('na-grant-o', $1, 'moderator', 'channel', 'na-public', $2)`,
      [formerModerator, now()],
    );
    const threadId = await thread('na-mentions', []);
    await reply(threadId, {
      body: mentionDoc([
        { id: member, name: 'Member' },
        { id: outsider, name: 'Outsider' },
        { id: formerModerator, name: 'Former' },
        { id: moderator, name: 'Moderator' },
      ]),
    });
    expect((await heard(member)).kinds).toEqual(['mention']);
    expect((await heard(moderator)).kinds).toEqual(['mention']);
    expect(await heard(outsider)).toEqual({ notices: 0, kinds: [], mails: 0 });
    expect(await heard(formerModerator)).toEqual({ notices: 0, kinds: [], mails: 0 });
  });
});

describe('request followers whose account was banned', () => {
  it('hear nothing of a status change; the others do', async () => {
    const code = await fileRequest(new Client(server.url), 'graffiti', GRAFFITI);
    const [{ id: requestId }] = (await sql(`SELECT id FROM "ServiceRequest" WHERE "publicCode" = $1`, [code])) as { id: string }[];
    const active = await person('Follows');
    const banned = await person('Banned follower');
    for (const userId of [active, banned]) {
      await sql(`INSERT INTO "Follow" ("userId", "targetKind", "targetId", level, "createdAt") VALUES ($1, 'request', $2, 'follow', $3)`, [
        userId,
        requestId,
        now(),
      ]);
    }
    await sql(`UPDATE "User" SET status = 'banned' WHERE id = $1`, [banned]);
    const staff = await signedIn(server.url, DEMO.staff);
    await staff.get(`/requests/${code}`);
    const res = await staff.post(`/requests/${code}`, { intent: 'status', status: 'acknowledged', note: 'On our list.', notePublic: 'on' });
    expect(res.status).toBe(303);
    expect((await heard(active)).kinds).toEqual(['request']);
    expect(await heard(banned)).toEqual({ notices: 0, kinds: [], mails: 0 });
  });
});

describe('the daily digest', () => {
  it('mails only the notices about posts the person may still read', async () => {
    const stays = await person('Digest stays');
    const leaves = await person('Digest leaves');
    await sql(`UPDATE "User" SET "notifyEmail" = 'daily' WHERE id IN ($1, $2)`, [stays, leaves]);
    await channel('na-digest', 'members', [stays, leaves]);
    const threadId = await thread('na-digest', [stays, leaves]);
    await reply(threadId);
    expect((await heard(leaves)).notices).toBe(1);
    await sql(`DELETE FROM "ChannelMember" WHERE "channelId" = 'na-digest' AND "userId" = $1`, [leaves]);

    // The built server's own module (the jobs loop runs it every hour).
    const build = (await import(/* @vite-ignore */ pathToFileURL(resolve('build/index.js')).href)) as AppBuild;
    await build.entry.module.lifecycle.sendDailyDigests();
    const digests = (id: string) =>
      sql(`SELECT subject FROM "MailMessage" WHERE "to" = $1 AND kind = 'notification.digest'`, [`${id}@example.org`]);
    expect(await digests(stays)).toHaveLength(1);
    expect(await digests(leaves)).toHaveLength(0);
  });
});
