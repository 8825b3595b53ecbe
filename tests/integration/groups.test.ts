import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '~/lib/migrate.server';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { insertFilled, sql as sqlAt, sqlOf } from '../support/sql';
import { newResident } from '../support/surveys';
import { withTestServer } from '../support/test-server';

/**
 * Block-watch groups on the real server (docs/decisions/0023-block-watch-design.md): the public
 * directory and group page, asking to join, the leaders' decision (captain, co-captain, staff)
 * and leaving, with the group's board membership kept in step.
 */
const server = withTestServer();
const sql = sqlOf(server);
const GROUP = '/groups/las-flores-block-watch';
let groupId = '';
let channelId = '';
let captain: Client;
let staff: Client;
let resident: Client;

beforeAll(async () => {
  const [row] = (await sql(`SELECT id, "channelId" FROM "BlockWatchGroup" WHERE slug = 'las-flores-block-watch'`)) as {
    id: string;
    channelId: string;
  }[];
  [groupId, channelId] = [row.id, row.channelId];
  [captain, staff, resident] = await Promise.all([DEMO.captain, DEMO.staff, DEMO.resident].map((e) => signedIn(server.url, e)));
});

const membership = async (userId: string) =>
  (
    (await sql(`SELECT status, role, via, "decidedById" FROM "GroupMembership" WHERE "groupId" = $1 AND "userId" = $2`, [
      groupId,
      userId,
    ])) as {
      status: string;
      role: string;
      via: string;
      decidedById: string | null;
    }[]
  )[0] ?? null;
const onBoard = async (userId: string) =>
  (await sql(`SELECT 1 FROM "ChannelMember" WHERE "channelId" = $1 AND "userId" = $2`, [channelId, userId])).length === 1;
const requestId = async (userId: string) =>
  String(
    ((await sql(`SELECT id FROM "GroupMembership" WHERE "groupId" = $1 AND "userId" = $2`, [groupId, userId])) as { id: string }[])[0].id,
  );

describe('block-watch groups', () => {
  it('lists every group per neighborhood for anyone, with its area, captain and member count', async () => {
    const html = textOf(await new Client(server.url).page('/groups'));
    expect(html).toContain('Las Flores');
    expect(html).toContain('Las Flores Block Watch');
    expect(html).toContain('Calle Rosa, 100–600');
    expect(html).toMatch(/Captain: \S/);
    expect(html).toMatch(/1 member\b/);
    const es = new Client(server.url);
    expect(textOf(await (await es.get('/groups', { 'Accept-Language': 'es' })).text())).toContain('Grupos de vigilancia vecinal');
    expect((await new Client(server.url).get('/groups/no-such-group')).status).toBe(404);
  });

  it('lets a resident ask to join, once; a captain approves, and the member is on the board', async () => {
    const { client, id } = await newResident(server.url, server.database.url);
    await client.page(GROUP);
    expect((await client.post(GROUP, { intent: 'join' })).status).toBe(303);
    expect(await membership(id)).toMatchObject({ status: 'pending', via: 'request' });
    expect(textOf(await client.page(GROUP))).toContain('You asked to join');
    const again = await client.post(GROUP, { intent: 'join' });
    expect(again.status).toBe(409);
    expect(textOf(await again.text())).toContain('You have already asked to join this group.');

    // Only leaders see the requests, and only leaders decide them.
    expect(textOf(await resident.page(GROUP))).not.toContain('Requests to join');
    expect((await resident.post(GROUP, { intent: 'approve', membershipId: await requestId(id) })).status).toBe(403);
    expect((await membership(id))!.status).toBe('pending');
    expect(await onBoard(id)).toBe(false);

    const page = textOf(await captain.page(GROUP));
    expect(page).toContain('Solicitudes para unirse');
    expect(page).toMatch(/Resident \d+ lo pidió el/);
    expect((await captain.post(GROUP, { intent: 'approve', membershipId: await requestId(id) })).status).toBe(303);
    expect(await membership(id)).toMatchObject({ status: 'active', role: 'member' });
    expect(await onBoard(id)).toBe(true);
    expect(textOf(await client.page(GROUP))).toContain('You are a member of this group.');
    const [entry] = await sql(`SELECT action FROM "AuditLog" WHERE "targetKind" = 'group' AND "targetId" = $1 ORDER BY id DESC LIMIT 1`, [
      groupId,
    ]);
    expect(entry.action).toBe('group.approve');

    // A request answered already is not answered twice.
    const twice = await captain.post(GROUP, { intent: 'decline', membershipId: await requestId(id) });
    expect(twice.status).toBe(409);
    expect((await membership(id))!.status).toBe('active');
  });

  it('lets staff and an active co-captain decide, and refuses a plain member and a visitor', async () => {
    const asker = async () => {
      const r = await newResident(server.url, server.database.url);
      await r.client.page(GROUP);
      expect((await r.client.post(GROUP, { intent: 'join' })).status).toBe(303);
      return r;
    };
    const first = await asker();
    expect((await staff.post(GROUP, { intent: 'decline', membershipId: await requestId(first.id) })).status).toBe(303);
    expect(await membership(first.id)).toMatchObject({ status: 'declined' });
    expect(await onBoard(first.id)).toBe(false);
    // Declined: they may not simply ask again.
    expect((await first.client.post(GROUP, { intent: 'join' })).status).toBe(409);

    const helper = await newResident(server.url, server.database.url);
    await sql(
      `INSERT INTO "GroupMembership" (id, "groupId", "userId", status, role, via, "alertByMail", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, 'active', 'coCaptain', 'staff', true, $4, $4)`,
      [`gm${helper.id}`, groupId, helper.id, new Date().toISOString().replace('Z', '+00:00')],
    );
    const second = await asker();
    await helper.client.page(GROUP);
    expect((await helper.client.post(GROUP, { intent: 'approve', membershipId: await requestId(second.id) })).status).toBe(303);
    expect((await membership(second.id))!.status).toBe('active');

    const third = await asker();
    // A plain member does not decide.
    await second.client.page(GROUP);
    expect((await second.client.post(GROUP, { intent: 'approve', membershipId: await requestId(third.id) })).status).toBe(403);
    // A visitor is refused before anything is read.
    expect((await new Client(server.url).post(GROUP, { intent: 'approve', membershipId: await requestId(third.id) })).status).toBe(403);
    expect((await membership(third.id))!.status).toBe('pending');
  });

  it('lets a member leave (off the board) and ask again; a captain cannot leave', async () => {
    const { client, id } = await newResident(server.url, server.database.url);
    await client.page(GROUP);
    await client.post(GROUP, { intent: 'join' });
    await captain.post(GROUP, { intent: 'approve', membershipId: await requestId(id) });
    expect(await onBoard(id)).toBe(true);
    await client.page(GROUP);
    expect((await client.post(GROUP, { intent: 'leave' })).status).toBe(303);
    expect(await membership(id)).toMatchObject({ status: 'left' });
    expect(await onBoard(id)).toBe(false);
    expect((await client.post(GROUP, { intent: 'join' })).status).toBe(303);
    expect((await membership(id))!.status).toBe('pending');

    await captain.page(GROUP);
    const refused = await captain.post(GROUP, { intent: 'leave' });
    expect(refused.status).toBe(409);
    // The captain reads Spanish (the demo account's language).
    expect(textOf(await refused.text())).toContain('Los capitanes no pueden salir de su grupo.');
    expect((await membership(String((await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.captain]))[0].id)))!.status).toBe('active');
  });

  it('keeps the request of a suspended account waiting: approving is refused, declining works', async () => {
    const { client, id } = await newResident(server.url, server.database.url);
    await client.page(GROUP);
    await client.post(GROUP, { intent: 'join' });
    await sql(`UPDATE "User" SET status = 'suspended' WHERE id = $1`, [id]);
    await captain.page(GROUP);
    const audits = async () => Number((await sql(`SELECT count(*) AS n FROM "AuditLog" WHERE "targetKind" = 'group'`))[0].n);
    const before = await audits();
    const refused = await captain.post(GROUP, { intent: 'approve', membershipId: await requestId(id) });
    expect(refused.status).toBe(409);
    expect(textOf(await refused.text())).toContain('Esta cuenta está suspendida o cerrada');
    expect(await membership(id)).toMatchObject({ status: 'pending' });
    expect(await onBoard(id)).toBe(false);
    expect(await audits()).toBe(before);
    expect((await captain.post(GROUP, { intent: 'decline', membershipId: await requestId(id) })).status).toBe(303);
    expect(await membership(id)).toMatchObject({ status: 'declined' });
  });

  it('refuses bad input with a 400 and stores nothing', async () => {
    await captain.page(GROUP);
    const before = await sql(`SELECT count(*) AS n FROM "GroupMembership"`);
    const bad: Record<string, string>[] = [
      { intent: 'approve' },
      { intent: 'nonsense' },
      { intent: 'decline', membershipId: 'x'.repeat(100) },
    ];
    for (const fields of bad) {
      expect((await captain.post(GROUP, fields)).status).toBe(400);
    }
    expect((await captain.post(GROUP, { intent: 'approve', membershipId: 'no-such-request' })).status).toBe(404);
    expect(await sql(`SELECT count(*) AS n FROM "GroupMembership"`)).toEqual(before);
  });
});

describe('migrations 0025–0026: existing groups get their board, an en/es description and their captains as members and board moderators', () => {
  let legacy: TestDatabase;
  beforeAll(async () => {
    legacy = await createTestDatabase();
    await migrate(legacy.url, { upTo: '0024_survey_response_batches.sql' });
    const put = (table: string, row: Record<string, unknown>) => insertFilled(legacy.url, table, row);
    await put('City', { id: 1, name: 'Ciudad', timeZone: 'America/Los_Angeles', defaultLocale: 'es', fiscalYearStartMonth: 1 });
    await put('Neighborhood', { id: 'hood', slug: 'hood', name: JSON.stringify({ es: 'Centro' }) });
    await put('BlockWatchGroup', {
      id: 'g1',
      slug: 'old-watch',
      name: 'Old Watch',
      description: 'Calle Uno a Calle Tres',
      neighborhoodId: 'hood',
    });
    await put('BlockWatchGroup', { id: 'g2', slug: 'quiet-watch', name: 'Quiet Watch' });
    await put('User', { id: 'cap', displayName: 'Cata Capitana', email: 'cap@example.org', status: 'active' });
    await put('User', { id: 'gone', displayName: 'Gone', email: null, status: 'deleted' });
    for (const [id, userId] of [
      ['rg1', 'cap'],
      ['rg2', 'gone'],
    ])
      await put('RoleGrant', { id, userId, role: 'captain', scopeKind: 'group', scopeId: 'g1' });
    await migrate(legacy.url);
  });
  afterAll(async () => {
    await legacy?.drop();
  });

  it('keeps the description in the city language, makes each board and lets the active captains in', async () => {
    const groups = (await sqlAt(legacy.url, `SELECT id, description, streets, "channelId" FROM "BlockWatchGroup" ORDER BY id`)) as {
      id: string;
      description: unknown;
      streets: unknown;
      channelId: string;
    }[];
    const parsed = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(parsed(groups[0].description)).toEqual({ es: 'Calle Uno a Calle Tres' });
    expect(groups[1].description).toBeNull();
    expect(parsed(groups[0].streets)).toEqual([]);
    const channels = await sqlAt(legacy.url, `SELECT id, slug, kind, visibility, "neighborhoodId" FROM "Channel" ORDER BY slug`);
    expect(channels).toEqual([
      { id: groups[0].channelId, slug: 'group-old-watch', kind: 'group', visibility: 'members', neighborhoodId: 'hood' },
      { id: groups[1].channelId, slug: 'group-quiet-watch', kind: 'group', visibility: 'members', neighborhoodId: null },
    ]);
    const members = await sqlAt(legacy.url, `SELECT "groupId", "userId", status, via, "sharedName" FROM "GroupMembership"`);
    expect(members).toEqual([{ groupId: 'g1', userId: 'cap', status: 'active', via: 'staff', sharedName: 'Cata Capitana' }]);
    expect(await sqlAt(legacy.url, `SELECT "channelId", "userId" FROM "ChannelMember"`)).toEqual([
      { channelId: groups[0].channelId, userId: 'cap' },
    ]);
    // 0026: the active captain moderates the board.
    expect(await sqlAt(legacy.url, `SELECT "userId", "scopeKind", "scopeId" FROM "RoleGrant" WHERE role = 'groupLeader'`)).toEqual([
      { userId: 'cap', scopeKind: 'channel', scopeId: groups[0].channelId },
    ]);
  });
});
