import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { emailOf, newGroup, newMember } from '../support/groups';
import { nextEvent, openSocket, subscribe } from '../support/sockets';
import { sqlOf } from '../support/sql';
import { newResident } from '../support/surveys';
import { withTestServer } from '../support/test-server';

/**
 * Block-watch alerts on the real server: a leader's alert reaches two connected members live
 * (the group's room and each one's notifications) and by mail to those who chose it, with the
 * sender's name; members and outsiders cannot send one; the group's limit refuses more with the
 * time to wait, and a refused alert stores and sends nothing.
 */
const server = withTestServer();
const sql = sqlOf(server);
const sockets: Socket[] = [];
let staff: Client;

beforeAll(async () => {
  staff = await signedIn(server.url, DEMO.staff);
});
afterAll(() => {
  for (const s of sockets) s.disconnect();
});

const counts = async (groupId: string) =>
  (
    await sql(
      `SELECT (SELECT count(*) FROM "Alert" WHERE "groupId" = $1) AS alerts,
              (SELECT count(*) FROM "Notification" WHERE kind = 'alert' AND "targetId" = $1) AS notices,
              (SELECT count(*) FROM "MailMessage" WHERE kind = 'group-alert') AS mails`,
      [groupId],
    )
  ).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])))[0];

describe('block-watch alerts', () => {
  it('reaches two connected members live and by mail, with the sender named; in-app only for those who chose it', async () => {
    const { slug, id, captain } = await newGroup(server, staff);
    const [ana, ben] = [await newMember(server, slug, captain.client), await newMember(server, slug, captain.client)];
    // Ben wants alerts in the app only.
    await ben.client.page(`/groups/${slug}/members`);
    expect((await ben.client.post(`/groups/${slug}/members`, { intent: 'share' })).status).toBe(303);

    const [anaSocket, benSocket] = await Promise.all([
      openSocket(server.url, sockets, ana.client),
      openSocket(server.url, sockets, ben.client),
    ]);
    for (const [socket, person] of [
      [anaSocket, ana],
      [benSocket, ben],
    ] as const) {
      expect((await subscribe(socket, `group:${id}`)).ok).toBe(true);
      expect((await subscribe(socket, `user:${person.id}`)).ok).toBe(true);
    }
    const live = [anaSocket, benSocket].map((s) => nextEvent(s, `group:${id}`, 'alert.sent'));
    const notices = [anaSocket, benSocket].map((s, i) => nextEvent(s, `user:${[ana, ben][i].id}`, 'notification.created'));

    await captain.client.page(`/groups/${slug}`);
    const sent = await captain.client.post(`/groups/${slug}`, {
      intent: 'alert',
      body: 'Car break-ins on Elm tonight.\nLock up and call 911 if you see anything.',
    });
    expect(sent.status).toBe(303);
    const captainName = String((await sql(`SELECT "displayName" FROM "User" WHERE id = $1`, [captain.id]))[0].displayName);
    for (const event of await Promise.all(live))
      expect(event.payload).toMatchObject({
        body: 'Car break-ins on Elm tonight.\nLock up and call 911 if you see anything.',
        author: captainName,
      });
    for (const event of await Promise.all(notices)) expect(event.payload).toMatchObject({ kind: 'alert', unread: 1 });

    const mail = await server.mail.waitFor(await emailOf(server, ana.id), (m) => m.subject.startsWith('Alert from Test Watch'));
    expect(mail.text).toContain(`${captainName} sent an alert to the members of Test Watch`);
    expect(mail.text).toContain('Car break-ins on Elm tonight.');
    expect(mail.text).toContain(`${server.url}/groups/${slug}#alerts`);
    const benMail = await sql(`SELECT count(*) AS n FROM "MailMessage" WHERE "to" = $1 AND kind = 'group-alert'`, [
      await emailOf(server, ben.id),
    ]);
    expect(Number(benMail[0].n)).toBe(0);
    // In the app for both, and neither digest nor the immediate notification mail repeats it.
    expect(textOf(await ben.client.page('/notifications'))).toContain(`${captainName} sent an alert to Test Watch`);
    const undigested = await sql(
      `SELECT count(*) AS n FROM "Notification" WHERE kind = 'alert' AND "targetId" = $1 AND "emailedAt" IS NULL`,
      [id],
    );
    expect(Number(undigested[0].n)).toBe(0);
    // On the group's page after a reload, for members.
    expect(textOf(await ben.client.page(`/groups/${slug}`))).toContain('Car break-ins on Elm tonight.');
    expect(await counts(id)).toMatchObject({ alerts: 1, notices: 2 });
    const [row] = await sql(`SELECT recipients, mailed FROM "Alert" WHERE "groupId" = $1`, [id]);
    expect([Number(row.recipients), Number(row.mailed)]).toEqual([2, 1]);
  });

  it('reaches a group of 1,000 members, more than SQLite binds in one statement', async () => {
    const { slug, id, captain } = await newGroup(server, staff);
    const [{ channelId }] = await sql(`SELECT "channelId" FROM "BlockWatchGroup" WHERE id = $1`, [id]);
    const tag = `bulk${Date.now().toString(36)}`;
    // A thousand residents, members of the group and its board, written in three statements.
    await sql(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
       INSERT INTO "User" (id, "displayName", email, "emailVerifiedAt", "passwordHash", locale, status, "failedLogins", "createdAt", "notifyEmail")
       SELECT $1 || '-' || n.i, 'Neighbor ' || n.i, $1 || '-' || n.i || '@example.org', u."emailVerifiedAt", u."passwordHash", 'en', 'active', 0, u."createdAt", u."notifyEmail"
         FROM n, "User" u WHERE u.email = $2`,
      [tag, DEMO.resident],
    );
    await sql(
      `INSERT INTO "GroupMembership" (id, "groupId", "userId", status, role, via, "alertByMail") SELECT 'm' || id, $1, id, 'active', 'member', 'invite', false FROM "User" WHERE email LIKE $2`,
      [id, `${tag}-%`],
    );
    await sql(`INSERT INTO "ChannelMember" ("channelId", "userId") SELECT $1, id FROM "User" WHERE email LIKE $2`, [channelId, `${tag}-%`]);
    await captain.client.page(`/groups/${slug}`);
    const sent = await captain.client.post(`/groups/${slug}`, {
      intent: 'alert',
      body: 'Water main break on Elm: boil water until further notice.',
    });
    expect(sent.status).toBe(303);
    const [{ n }] = await sql(`SELECT count(*) AS n FROM "Notification" WHERE kind = 'alert' AND "targetId" = $1`, [id]);
    expect(Number(n)).toBe(1000);
  });

  it('is for leaders: members, outsiders and visitors cannot send one, nor read the alerts or join the room', async () => {
    const { slug, id, captain } = await newGroup(server, staff);
    const member = await newMember(server, slug, captain.client);
    const outsider = await newResident(server.url, server.database.url);
    const before = await counts(id);
    for (const who of [member.client, outsider.client, new Client(server.url)]) {
      await who.page(`/groups/${slug}`);
      expect((await who.post(`/groups/${slug}`, { intent: 'alert', body: 'Not from a leader' })).status).toBe(403);
    }
    expect(textOf(await outsider.client.page(`/groups/${slug}`))).not.toContain('Alerts');
    expect(await subscribe(await openSocket(server.url, sockets, outsider.client), `group:${id}`)).toEqual({
      ok: false,
      error: 'forbidden',
    });
    expect(await subscribe(await openSocket(server.url, sockets), `group:${id}`)).toEqual({ ok: false, error: 'forbidden' });
    // Staff lead every group.
    await staff.page(`/groups/${slug}`);
    expect((await staff.post(`/groups/${slug}`, { intent: 'alert', body: 'From the city' })).status).toBe(303);
    expect(await counts(id)).toMatchObject({ alerts: before.alerts + 1 });
  });

  it("refuses alerts past the group's limit with the wait, keeping what was typed, and refuses empty or long ones", async () => {
    const { slug, id, captain } = await newGroup(server, staff);
    await newMember(server, slug, captain.client);
    await captain.client.page(`/groups/${slug}`);
    expect((await captain.client.post(`/groups/${slug}`, { intent: 'alert', body: '' })).status).toBe(400);
    expect((await captain.client.post(`/groups/${slug}`, { intent: 'alert', body: 'x'.repeat(1001) })).status).toBe(400);
    for (let i = 1; i <= 3; i++)
      expect((await captain.client.post(`/groups/${slug}`, { intent: 'alert', body: `Alert ${i}` })).status).toBe(303);
    const before = await counts(id);
    const refused = await captain.client.post(`/groups/${slug}`, { intent: 'alert', body: 'A fourth one' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
    const page = await refused.text();
    expect(textOf(page)).toMatch(/This group has sent as many alerts as it may for now\. Try again in about (5[0-9]|60) minutes\./);
    expect(page).toContain('A fourth one');
    expect(await counts(id)).toEqual(before);
  });
});
