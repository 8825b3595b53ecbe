import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { sqlOf } from '../support/sql';
import { emailOf as emailIn, inviteLink, newGroup as newGroupIn, newMember as newMemberIn } from '../support/groups';
import { newResident } from '../support/surveys';
import { withTestServer } from '../support/test-server';

/**
 * Running a block-watch group on the real server (docs/decisions/0023-block-watch-design.md):
 * staff create a group with its first captain and appoint or dismiss captains; captains name
 * co-captains, remove members and hand over; invite links join at once until revoked; members
 * choose what the directory shows of them.
 */
const server = withTestServer();
const sql = sqlOf(server);
let staff: Client;

const membership = async (slug: string, userId: string) =>
  (
    (await sql(
      `SELECT m.id, m.status, m.role, m.via, m."sharedName", m."sharedPhone" FROM "GroupMembership" m
       JOIN "BlockWatchGroup" g ON g.id = m."groupId" WHERE g.slug = $1 AND m."userId" = $2`,
      [slug, userId],
    )) as { id: string; status: string; role: string; via: string; sharedName: string | null; sharedPhone: string | null }[]
  )[0] ?? null;
const onBoard = async (slug: string, userId: string) =>
  (
    await sql(
      `SELECT 1 FROM "ChannelMember" c JOIN "BlockWatchGroup" g ON g."channelId" = c."channelId" WHERE g.slug = $1 AND c."userId" = $2`,
      [slug, userId],
    )
  ).length === 1;
const captainsOf = async (slug: string) =>
  (
    (await sql(
      `SELECT r."userId" FROM "RoleGrant" r JOIN "BlockWatchGroup" g ON g.id = r."scopeId"
       WHERE r.role = 'captain' AND r."scopeKind" = 'group' AND g.slug = $1 ORDER BY r."userId"`,
      [slug],
    )) as { userId: string }[]
  ).map((r) => r.userId);
const lastAudit = async () =>
  String((await sql(`SELECT action FROM "AuditLog" WHERE "targetKind" = 'group' ORDER BY id DESC LIMIT 1`))[0].action);

beforeAll(async () => {
  staff = await signedIn(server.url, DEMO.staff);
});
const emailOf = (id: string) => emailIn(server, id);
const newGroup = () => newGroupIn(server, staff);
const newMember = (slug: string, leader: Client) => newMemberIn(server, slug, leader);

describe('staff create groups', () => {
  it('creates a group with its board, its streets and its first captain as a member, audited', async () => {
    const { slug, captain } = await newGroup();
    const [row] = await sql(
      `SELECT g.name, g.streets, c.kind, c.visibility FROM "BlockWatchGroup" g JOIN "Channel" c ON c.id = g."channelId" WHERE g.slug = $1`,
      [slug],
    );
    expect({ ...row, streets: typeof row.streets === 'string' ? JSON.parse(row.streets) : row.streets }).toMatchObject({
      streets: ['Elm St, 100–300', 'Oak Ave'],
      kind: 'group',
      visibility: 'members',
    });
    expect(await captainsOf(slug)).toEqual([captain.id]);
    expect(await membership(slug, captain.id)).toMatchObject({ status: 'active', via: 'staff' });
    expect(await onBoard(slug, captain.id)).toBe(true);
    expect(await lastAudit()).toBe('group.create');
    expect(textOf(await new Client(server.url).page('/groups'))).toContain('Elm St, 100–300');
  });

  it('refuses a taken address, an unknown captain and bad streets with kept input, and stores nothing', async () => {
    const { slug } = await newGroup();
    const count = async () => Number((await sql(`SELECT count(*) AS n FROM "BlockWatchGroup"`))[0].n);
    const before = await count();
    const form = {
      name: 'Another',
      slug,
      'description.en': '',
      'description.es': '',
      neighborhoodId: '',
      streets: '',
      captainEmail: DEMO.resident,
    };
    const taken = await staff.post('/staff/groups', form);
    expect(taken.status).toBe(400);
    const page = textOf(await taken.text());
    expect(page).toContain('Another group or channel already uses this web address name.');
    expect(page).not.toContain('Something in the request was wrong');
    const nobody = await staff.post('/staff/groups', { ...form, slug: 'fresh-slug-x', captainEmail: 'nobody@example.org' });
    expect(nobody.status).toBe(400);
    expect(textOf(await nobody.text())).toContain('No active account has this e-mail address.');
    const long = await staff.post('/staff/groups', { ...form, slug: 'fresh-slug-y', streets: 'x'.repeat(121) });
    expect(long.status).toBe(400);
    expect(textOf(await long.text())).toContain('at most 120 characters');
    const badSlug = await staff.post('/staff/groups', { ...form, slug: 'Bad Slug!' });
    expect(badSlug.status).toBe(400);
    expect(await badSlug.text()).toContain('value="Another"');
    expect(await count()).toBe(before);
  });

  it('is for city-wide staff only: a captain and a resident are refused, a visitor signs in', async () => {
    const captain = await signedIn(server.url, DEMO.captain);
    const resident = await signedIn(server.url, DEMO.resident);
    for (const who of [captain, resident]) {
      expect((await who.get('/staff/groups')).status).toBe(403);
      expect((await who.post('/staff/groups', { name: 'x' })).status).toBe(403);
    }
    const visitor = await new Client(server.url).get('/staff/groups');
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get('location')).toBe('/signin?redirectTo=%2Fstaff%2Fgroups');
  });
});

describe('invite links', () => {
  it('joins a signed-in resident at once, sends a visitor to sign in, and stops working once revoked', async () => {
    const { slug, captain } = await newGroup();
    const link = await inviteLink(slug, captain.client);
    const visitor = await new Client(server.url).get(link);
    expect(visitor.status).toBe(200);
    expect(textOf(await visitor.text())).toContain('Sign in or create an account to join');

    const joiner = await newResident(server.url, server.database.url);
    expect(textOf(await joiner.client.page(link))).toContain('Join Test Watch');
    expect((await joiner.client.post(link, { intent: 'join' })).status).toBe(303);
    expect(await membership(slug, joiner.id)).toMatchObject({ status: 'active', via: 'invite' });
    expect(await onBoard(slug, joiner.id)).toBe(true);

    const invites = await captain.client.page(`/groups/${slug}/invites`);
    const inviteId = /name="inviteId" value="([^"]+)"/.exec(invites)![1];
    expect((await captain.client.post(`/groups/${slug}/invites`, { intent: 'revoke', inviteId })).status).toBe(303);
    expect(await lastAudit()).toBe('group.revokeInvite');

    const late = await newResident(server.url, server.database.url);
    const gone = await late.client.get(link);
    expect(gone.status).toBe(410);
    expect(textOf(await gone.text())).toContain('This invite link was revoked');
    const refused = await late.client.post(link, { intent: 'join' });
    expect(refused.status).toBe(409);
    expect(textOf(await refused.text())).toContain('This invite link was revoked by the group');
    expect(await membership(slug, late.id)).toBeNull();

    // A token never made, or one that belongs to another group, is not found.
    expect((await late.client.get(`/groups/${slug}/join/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await late.client.get(`/groups/${slug}/join/short`)).status).toBe(404);
    const other = await newGroup();
    expect((await late.client.get(`/groups/${other.slug}${link.slice(link.indexOf('/join/'))}`)).status).toBe(404);
  });

  it('is for the leaders: a member is refused the invites page, a visitor signs in', async () => {
    const { slug, captain } = await newGroup();
    const member = await newMember(slug, captain.client);
    expect((await member.client.get(`/groups/${slug}/invites`)).status).toBe(403);
    await member.client.page(`/groups/${slug}`);
    expect((await member.client.post(`/groups/${slug}/invites`, { intent: 'create' })).status).toBe(403);
    expect((await new Client(server.url).get(`/groups/${slug}/invites`)).status).toBe(302);
    expect((await staff.get(`/groups/${slug}/invites`)).status).toBe(200);
  });
});

describe('leaders manage members', () => {
  it('lets a captain name a co-captain, who removes plain members but not another co-captain', async () => {
    const { slug, captain } = await newGroup();
    const [a, b, c] = [await newMember(slug, captain.client), await newMember(slug, captain.client), await newMember(slug, captain.client)];
    const page = `/groups/${slug}/members`;
    await captain.client.page(page);
    for (const who of [a, b]) {
      expect((await captain.client.post(page, { intent: 'coCaptain', membershipId: (await membership(slug, who.id))!.id })).status).toBe(
        303,
      );
    }
    expect(await membership(slug, a.id)).toMatchObject({ role: 'coCaptain' });
    expect(await lastAudit()).toBe('group.role');

    await a.client.page(page);
    // A co-captain does not name co-captains, nor removes one.
    expect((await a.client.post(page, { intent: 'coCaptain', membershipId: (await membership(slug, c.id))!.id })).status).toBe(403);
    expect((await a.client.post(page, { intent: 'remove', membershipId: (await membership(slug, b.id))!.id })).status).toBe(403);
    expect((await a.client.post(page, { intent: 'remove', membershipId: (await membership(slug, c.id))!.id })).status).toBe(303);
    expect(await membership(slug, c.id)).toMatchObject({ status: 'removed', role: 'member' });
    expect(await onBoard(slug, c.id)).toBe(false);
    expect(await lastAudit()).toBe('group.remove');
    // Removed: the member pages are closed to them, and an invite link does not bring them back.
    expect((await c.client.get(page)).status).toBe(403);
    const link = await inviteLink(slug, captain.client);
    await c.client.page(link);
    expect((await c.client.post(link, { intent: 'join' })).status).toBe(409);
    expect(await membership(slug, c.id)).toMatchObject({ status: 'removed' });

    // Nobody removes a captain; a plain member removes nobody.
    const captainRow = (await membership(slug, captain.id))!.id;
    expect((await a.client.post(page, { intent: 'remove', membershipId: captainRow })).status).toBe(403);
    await staff.page(page);
    expect((await staff.post(page, { intent: 'remove', membershipId: captainRow })).status).toBe(403);
    const plain = await newMember(slug, captain.client);
    await plain.client.page(page);
    expect((await plain.client.post(page, { intent: 'remove', membershipId: (await membership(slug, b.id))!.id })).status).toBe(403);
    expect(await membership(slug, b.id)).toMatchObject({ status: 'active', role: 'coCaptain' });
  });

  it('hands the captaincy over in one step: the member becomes captain, the captain a member who may leave', async () => {
    const { slug, captain } = await newGroup();
    const heir = await newMember(slug, captain.client);
    const page = `/groups/${slug}/members`;
    const heirRow = (await membership(slug, heir.id))!.id;
    // Staff appoint captains, but only a captain hands their own captaincy over.
    await staff.page(page);
    expect((await staff.post(page, { intent: 'handOver', membershipId: heirRow })).status).toBe(403);
    await heir.client.page(page);
    expect((await heir.client.post(page, { intent: 'handOver', membershipId: heirRow })).status).toBe(403);

    expect(textOf(await captain.client.page(page))).toContain('Hand the captaincy to');
    expect((await captain.client.post(page, { intent: 'handOver', membershipId: heirRow })).status).toBe(303);
    expect(await captainsOf(slug)).toEqual([heir.id]);
    expect(await lastAudit()).toBe('group.handOver');
    expect(await membership(slug, captain.id)).toMatchObject({ status: 'active', role: 'member' });
    // The former captain is now a plain member: no more managing, and free to leave.
    expect((await captain.client.get(`/groups/${slug}/invites`)).status).toBe(403);
    await captain.client.page(`/groups/${slug}`);
    expect((await captain.client.post(`/groups/${slug}`, { intent: 'leave' })).status).toBe(303);
    expect((await heir.client.get(`/groups/${slug}/invites`)).status).toBe(200);
  });

  it('lets staff appoint and dismiss captains, never the last one', async () => {
    const { slug, captain } = await newGroup();
    const page = `/groups/${slug}/members`;
    const second = await newResident(server.url, server.database.url);
    await staff.page(page);
    expect((await staff.post(page, { intent: 'appoint', email: await emailOf(second.id) })).status).toBe(303);
    expect(await captainsOf(slug)).toEqual([captain.id, second.id].sort());
    expect(await membership(slug, second.id)).toMatchObject({ status: 'active', via: 'staff' });
    expect(await lastAudit()).toBe('group.appoint');
    const again = await staff.post(page, { intent: 'appoint', email: await emailOf(second.id) });
    expect(again.status).toBe(400);
    expect(textOf(await again.text())).toContain('That person is already a captain of this group.');

    // A captain does not appoint or dismiss (that is staff's).
    await captain.client.page(page);
    expect((await captain.client.post(page, { intent: 'dismiss', userId: second.id })).status).toBe(403);
    expect((await staff.post(page, { intent: 'dismiss', userId: second.id })).status).toBe(303);
    expect(await captainsOf(slug)).toEqual([captain.id]);
    const last = await staff.post(page, { intent: 'dismiss', userId: captain.id });
    expect(last.status).toBe(409);
    expect(textOf(await last.text())).toContain('A group needs at least one captain');
    expect(await captainsOf(slug)).toEqual([captain.id]);
  });
});

describe('the member directory', () => {
  it('shows each member only what they chose to share, to members and leaders only', async () => {
    const { slug, captain } = await newGroup();
    const sharer = await newMember(slug, captain.client);
    const quiet = await newMember(slug, captain.client);
    const page = `/groups/${slug}/members`;
    await sharer.client.page(page);
    const bad = await sharer.client.post(page, { intent: 'share', sharedName: 'Ana', sharedPhone: 'call me', alertByMail: 'on' });
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(textOf(badPage)).toContain('Enter a phone number with digits');
    expect(badPage).toContain('value="call me"');
    expect(await membership(slug, sharer.id)).toMatchObject({ sharedName: null, sharedPhone: null });

    expect(
      (await sharer.client.post(page, { intent: 'share', sharedName: 'Ana', sharedPhone: '+1 555 010 2000', sharedStreet: '' })).status,
    ).toBe(303);
    const row = (
      await sql(`SELECT "sharedStreet", "alertByMail" FROM "GroupMembership" WHERE id = $1`, [(await membership(slug, sharer.id))!.id])
    )[0];
    expect(row.sharedStreet).toBeNull();
    expect(Boolean(row.alertByMail)).toBe(false);

    const seen = textOf(await sharer.client.page(page));
    expect(seen).toContain('Ana');
    expect(seen).toContain('+1 555 010 2000');
    // The quiet member shares nothing: not named, only counted (the captain too).
    const quietName = String((await sql(`SELECT "displayName" FROM "User" WHERE id = $1`, [quiet.id]))[0].displayName);
    expect(seen).not.toContain(quietName);
    expect(seen).toContain('2 members share nothing and are not listed.');
    // Leaders manage by display name.
    expect(textOf(await captain.client.page(page))).toContain(quietName);

    const outsider = await newResident(server.url, server.database.url);
    expect((await outsider.client.get(page)).status).toBe(403);
    expect((await new Client(server.url).get(page)).status).toBe(302);
    await outsider.client.page(`/groups/${slug}`);
    expect((await outsider.client.post(page, { intent: 'share', sharedName: 'Eve' })).status).toBe(403);
  });

  it('is in the account export, and goes with the account: deleting it removes the membership and its board access', async () => {
    const { slug, captain } = await newGroup();
    const member = await newMember(slug, captain.client);
    await member.client.page(`/groups/${slug}/members`);
    await member.client.post(`/groups/${slug}/members`, { intent: 'share', sharedName: 'Soon Gone', sharedPhone: '555 999 0000' });
    const exported = (await (await member.client.get('/account/export')).json()) as {
      blockWatchGroups: {
        group: string;
        status: string;
        sharedName: string | null;
        sharedPhone: string | null;
        sharedEmail: string | null;
      }[];
    };
    expect(exported.blockWatchGroups).toEqual([
      expect.objectContaining({ group: slug, status: 'active', sharedName: 'Soon Gone', sharedPhone: '555 999 0000', sharedEmail: null }),
    ]);
    await member.client.page('/account/delete');
    expect((await member.client.post('/account/delete', { currentPassword: DEMO.password, confirm: 'on' })).status).toBe(303);
    expect(Number((await sql(`SELECT count(*) AS n FROM "GroupMembership" WHERE "userId" = $1`, [member.id]))[0].n)).toBe(0);
    expect(await onBoard(slug, member.id)).toBe(false);
    expect(textOf(await captain.client.page(`/groups/${slug}/members`))).not.toContain('Soon Gone');
  });
});

describe('the board', () => {
  it("is the group's members-only channel: members post, leaders moderate it (pin), outsiders never see it", async () => {
    const { slug, captain } = await newGroup();
    const [member, coCaptain] = [await newMember(slug, captain.client), await newMember(slug, captain.client)];
    const board = String(
      (await sql(`SELECT c.slug FROM "Channel" c JOIN "BlockWatchGroup" g ON g."channelId" = c.id WHERE g.slug = $1`, [slug]))[0].slug,
    );
    expect(await member.client.page(`/groups/${slug}`)).toContain(`href="/channels/${board}"`);
    await member.client.page(`/channels/${board}/new`);
    const started = await member.client.post(`/channels/${board}/new`, {
      title: 'Porch lights on Friday',
      bodyText: 'Leave them on, please.',
    });
    expect(started.status).toBe(303);
    const threadId = /\/threads\/([^?#/]+)/.exec(started.headers.get('location') ?? '')![1];

    // The captain moderates the board: pinning makes the thread an announcement.
    await captain.client.page(`/threads/${threadId}`);
    expect((await captain.client.post(`/threads/${threadId}`, { intent: 'moderate', action: 'pin', threadId })).status).toBe(303);
    expect(Boolean((await sql(`SELECT pinned FROM "Thread" WHERE id = $1`, [threadId]))[0].pinned)).toBe(true);
    // A plain member does not.
    await member.client.page(`/threads/${threadId}`);
    expect((await member.client.post(`/threads/${threadId}`, { intent: 'moderate', action: 'unpin', threadId })).status).toBe(403);

    // A co-captain moderates while they are one.
    const moderates = async (userId: string) =>
      Number(
        (
          await sql(
            `SELECT count(*) AS n FROM "RoleGrant" r JOIN "BlockWatchGroup" g ON g."channelId" = r."scopeId" WHERE g.slug = $1 AND r."userId" = $2 AND r.role = 'groupLeader'`,
            [slug, userId],
          )
        )[0].n,
      );
    expect(await moderates(captain.id)).toBe(1);
    expect(await moderates(coCaptain.id)).toBe(0);
    const page = `/groups/${slug}/members`;
    await captain.client.page(page);
    const coRow = (await membership(slug, coCaptain.id))!.id;
    expect((await captain.client.post(page, { intent: 'coCaptain', membershipId: coRow })).status).toBe(303);
    expect(await moderates(coCaptain.id)).toBe(1);
    // Moderating the board is all it gives: a co-captain is not city staff.
    expect((await coCaptain.client.get('/staff')).status).toBe(403);
    await coCaptain.client.page(`/threads/${threadId}`);
    expect((await coCaptain.client.post(`/threads/${threadId}`, { intent: 'moderate', action: 'lock', threadId })).status).toBe(303);
    expect((await captain.client.post(page, { intent: 'member', membershipId: coRow })).status).toBe(303);
    expect(await moderates(coCaptain.id)).toBe(0);
    await coCaptain.client.page(`/threads/${threadId}`);
    expect((await coCaptain.client.post(`/threads/${threadId}`, { intent: 'moderate', action: 'unlock', threadId })).status).toBe(403);

    // Outsiders: not in the channel list, not in search, the thread refused.
    const outsider = await newResident(server.url, server.database.url);
    expect(await outsider.client.page('/channels')).not.toContain(`/channels/${board}`);
    expect(textOf(await outsider.client.page('/search?q=porch'))).not.toContain('Porch lights on Friday');
    expect(textOf(await member.client.page('/search?q=porch'))).toContain('Porch lights on Friday');
    expect((await outsider.client.get(`/threads/${threadId}`)).status).toBe(403);
    // A removed member loses the board with the membership.
    await captain.client.page(page);
    expect((await captain.client.post(page, { intent: 'remove', membershipId: (await membership(slug, member.id))!.id })).status).toBe(303);
    expect((await member.client.get(`/threads/${threadId}`)).status).toBe(403);
    expect(await member.client.page('/channels')).not.toContain(`/channels/${board}`);
  });

  it("follows the admin roles page: a captain granted there joins and moderates the board; the last captain's grant is kept", async () => {
    const { slug, captain } = await newGroup();
    const admin = await signedIn(server.url, DEMO.admin);
    const groupId = String((await sql(`SELECT id FROM "BlockWatchGroup" WHERE slug = $1`, [slug]))[0].id);
    const second = await newResident(server.url, server.database.url);
    await admin.page('/admin/roles');
    expect(
      (await admin.post('/admin/roles', { intent: 'grant', email: await emailOf(second.id), role: 'captain', scope: `group:${groupId}` }))
        .status,
    ).toBe(303);
    expect(await membership(slug, second.id)).toMatchObject({ status: 'active', via: 'staff' });
    expect(await onBoard(slug, second.id)).toBe(true);
    const grantOf = async (userId: string, role: string) =>
      String((await sql(`SELECT id FROM "RoleGrant" WHERE "userId" = $1 AND role = $2`, [userId, role]))[0]?.id ?? '');
    expect(await grantOf(second.id, 'groupLeader')).not.toBe('');
    expect((await admin.post('/admin/roles', { intent: 'revoke', grantId: await grantOf(second.id, 'captain') })).status).toBe(303);
    expect(await grantOf(second.id, 'groupLeader')).toBe('');
    const last = await admin.post('/admin/roles', { intent: 'revoke', grantId: await grantOf(captain.id, 'captain') });
    expect(last.status).toBe(400);
    expect(textOf(await last.text())).toContain('A group needs at least one captain');
    expect(await captainsOf(slug)).toEqual([captain.id]);
    // Nor by deleting the captain's own account.
    await captain.client.page('/account/delete');
    const deleting = await captain.client.post('/account/delete', { currentPassword: DEMO.password, confirm: 'on' });
    expect(deleting.status).toBe(400);
    expect(textOf(await deleting.text())).toContain('You are the only captain of a block-watch group');
    expect(await captainsOf(slug)).toEqual([captain.id]);
  });
});
