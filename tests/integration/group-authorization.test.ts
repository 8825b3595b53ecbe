import { beforeAll, describe, expect, test } from 'vitest';
import { Client, DEMO, signedIn } from '../support/client';
import { expectAnswer, type Expected } from '../support/authorization';
import { sqlOf } from '../support/sql';
import { newResident } from '../support/surveys';
import { withTestServer } from '../support/test-server';

/**
 * Who may do what in a block-watch group: every actor the issue names against every page (GET)
 * and every leader's action (POST) of one group, on the real routes. Posts carry a valid CSRF
 * token, so a 403 is the permission check. Allowed actors post a target that is not there or
 * not in the right state, so nothing changes: the 404, 409 or 400 shows they got past the check.
 */
const ACTORS = ['captain', 'coCaptain', 'member', 'pending', 'nonMember', 'staff', 'moderator', 'anonymous'] as const;
type Actor = (typeof ACTORS)[number];
type ByActor = Record<Actor, Expected>;

const all = (expected: Expected): ByActor => Object.fromEntries(ACTORS.map((a) => [a, expected])) as ByActor;
/** Signed-in actors get `allowed` if listed, 403 otherwise; visitors are sent to sign in. */
const only = (allowed: Actor[], expected: Expected, refused: Expected = 403): ByActor => ({
  ...all(refused),
  ...Object.fromEntries(allowed.map((a) => [a, expected])),
  anonymous: 'signin',
});
const BOARD: Actor[] = ['captain', 'coCaptain', 'member', 'staff'];
const DECIDERS: Actor[] = ['captain', 'coCaptain', 'staff'];
const LEADERS: Actor[] = ['captain', 'staff'];

const server = withTestServer();
const sql = sqlOf(server);
const clients = {} as Record<Actor, Client>;
let slug = '';
let revokedLink = '';
let activeLink = '';
let memberRow = '';
/** A date of a members-only series, cancelled already: leaders who cancel it again get a 409. */
let meetingPath = '';

const PAGES: { path: () => string; expected: ByActor }[] = [
  { path: () => '/groups', expected: all(200) },
  { path: () => `/groups/${slug}`, expected: all(200) },
  { path: () => `/groups/${slug}/members`, expected: only(BOARD, 200) },
  { path: () => `/groups/${slug}/invites`, expected: only(DECIDERS, 200) },
  { path: () => activeLink, expected: all(200) },
  { path: () => revokedLink, expected: all(410) },
  { path: () => '/staff/groups', expected: only(['staff'], 200) },
  { path: () => `/groups/${slug}/meetings/new`, expected: only(DECIDERS, 200) },
  { path: () => meetingPath, expected: only(BOARD, 200) },
  { path: () => '/calendar', expected: all(200) },
  { path: () => '/calendar.ics', expected: all(200) },
];

const ACTIONS: { label: string; path: () => string; fields: () => Record<string, string>; expected: ByActor }[] = [
  // An active member's request is decided already: deciders get the conflict, others the refusal.
  {
    label: 'approve',
    path: () => `/groups/${slug}`,
    fields: () => ({ intent: 'approve', membershipId: memberRow }),
    expected: { ...all(403), captain: 409, coCaptain: 409, staff: 409 },
  },
  {
    label: 'remove',
    path: () => `/groups/${slug}/members`,
    fields: () => ({ intent: 'remove', membershipId: 'no-such-member' }),
    expected: only(DECIDERS, 404),
  },
  {
    label: 'coCaptain',
    path: () => `/groups/${slug}/members`,
    fields: () => ({ intent: 'coCaptain', membershipId: 'no-such-member' }),
    expected: only(LEADERS, 404),
  },
  {
    label: 'handOver',
    path: () => `/groups/${slug}/members`,
    fields: () => ({ intent: 'handOver', membershipId: 'no-such-member' }),
    expected: only(['captain'], 404),
  },
  {
    label: 'appoint',
    path: () => `/groups/${slug}/members`,
    fields: () => ({ intent: 'appoint', email: 'nobody@example.org' }),
    expected: only(['staff'], 400),
  },
  {
    label: 'dismiss',
    path: () => `/groups/${slug}/members`,
    fields: () => ({ intent: 'dismiss', userId: 'no-such-person' }),
    expected: only(['staff'], 404),
  },
  // Sharing is a member's own: staff lead the group without being in it.
  {
    label: 'share',
    path: () => `/groups/${slug}/members`,
    fields: () => ({ intent: 'share', alertByMail: 'on' }),
    expected: only(['captain', 'coCaptain', 'member'], 303),
  },
  // A private calendar link is each reader's own: made (200, shown once), then stopped (303).
  {
    label: 'calendar link',
    path: () => `/groups/${slug}/members`,
    fields: () => ({ intent: 'calendarLink' }),
    expected: only(BOARD, 200),
  },
  {
    label: 'stop calendar link',
    path: () => `/groups/${slug}/members`,
    fields: () => ({ intent: 'calendarRevoke' }),
    expected: only(BOARD, 303),
  },
  {
    label: 'revoke',
    path: () => `/groups/${slug}/invites`,
    fields: () => ({ intent: 'revoke', inviteId: 'no-such-invite' }),
    expected: only(DECIDERS, 404),
  },
  // A revoked link joins nobody; a visitor is refused before anything is read.
  { label: 'join by revoked link', path: () => revokedLink, fields: () => ({ intent: 'join' }), expected: { ...all(409), anonymous: 403 } },
  {
    label: 'schedule meeting',
    path: () => `/groups/${slug}/meetings/new`,
    fields: () => ({ title: '' }),
    expected: only(DECIDERS, 400),
  },
  { label: 'rsvp', path: () => meetingPath, fields: () => ({ intent: 'rsvp', answer: 'perhaps' }), expected: only(BOARD, 400) },
  { label: 'cancel date', path: () => meetingPath, fields: () => ({ intent: 'cancelDate' }), expected: only(DECIDERS, 409) },
  {
    label: 'create group',
    path: () => '/staff/groups',
    fields: () => ({ name: '', slug: '' }),
    expected: only(['staff'], 400),
  },
];

/** Memberships, captain grants, invites and calendar links of every group: the refused and no-op posts change none. */
const state = async () =>
  sql(
    `SELECT (SELECT count(*) FROM "GroupMembership" WHERE status = 'active') AS active,
            (SELECT count(*) FROM "GroupMembership" WHERE role = 'coCaptain') AS co,
            (SELECT count(*) FROM "RoleGrant" WHERE role = 'captain') AS captains,
            (SELECT count(*) FROM "GroupInvite" WHERE "revokedAt" IS NULL) AS invites,
            (SELECT count(*) FROM "BlockWatchGroup") AS groups,
            (SELECT count(*) FROM "Meeting") AS meetings,
            (SELECT count(*) FROM "Rsvp") AS rsvps,
            (SELECT count(*) FROM "MeetingOccurrence") AS exceptions,
            (SELECT count(*) FROM "CalendarToken") AS calendars`,
  );
let before: unknown;

beforeAll(async () => {
  const staff = await signedIn(server.url, DEMO.staff);
  const person = () => newResident(server.url, server.database.url);
  const [captain, coCaptain, member, pending, nonMember] = await Promise.all([person(), person(), person(), person(), person()]);
  slug = `authz-watch-${Date.now().toString(36)}`;
  await staff.page('/staff/groups');
  const email = String((await sql(`SELECT email FROM "User" WHERE id = $1`, [captain.id]))[0].email);
  const made = await staff.post('/staff/groups', { name: 'Authz Watch', slug, streets: '', neighborhoodId: '', captainEmail: email });
  expect(made.status).toBe(303);

  const newLink = async () => {
    await captain.client.page(`/groups/${slug}/invites`);
    const res = await captain.client.post(`/groups/${slug}/invites`, { intent: 'create' });
    return new URL(/value="(http[^"]+\/join\/[^"]+)"/.exec(await res.text())![1]).pathname;
  };
  for (const who of [coCaptain, member]) {
    const link = await newLink();
    await who.client.page(link);
    expect((await who.client.post(link, { intent: 'join' })).status).toBe(303);
  }
  const membershipId = async (userId: string) =>
    String((await sql(`SELECT id FROM "GroupMembership" WHERE "userId" = $1`, [userId]))[0].id);
  memberRow = await membershipId(member.id);
  await captain.client.page(`/groups/${slug}/members`);
  expect(
    (await captain.client.post(`/groups/${slug}/members`, { intent: 'coCaptain', membershipId: await membershipId(coCaptain.id) })).status,
  ).toBe(303);
  await pending.client.page(`/groups/${slug}`);
  expect((await pending.client.post(`/groups/${slug}`, { intent: 'join' })).status).toBe(303);

  revokedLink = await newLink();
  const inviteId = /name="inviteId" value="([^"]+)"/.exec(await captain.client.page(`/groups/${slug}/invites`))![1];
  expect((await captain.client.post(`/groups/${slug}/invites`, { intent: 'revoke', inviteId })).status).toBe(303);
  activeLink = await newLink();

  const start = new Date(Date.now() + 5 * 24 * 3600 * 1000);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(start);
  await captain.client.page(`/groups/${slug}/meetings/new`);
  const scheduled = await captain.client.post(`/groups/${slug}/meetings/new`, {
    title: 'Authz meeting',
    startsAt: `${day}T18:00`,
    endsAt: `${day}T19:00`,
    visibility: 'members',
    repeat: 'weekly',
    count: '2',
  });
  expect(scheduled.status).toBe(303);
  meetingPath = scheduled.headers.get('location')!;
  await captain.client.page(meetingPath);
  expect((await captain.client.post(meetingPath, { intent: 'cancelDate' })).status).toBe(303);

  Object.assign(clients, {
    captain: captain.client,
    coCaptain: coCaptain.client,
    member: member.client,
    pending: pending.client,
    nonMember: nonMember.client,
    staff,
    moderator: await signedIn(server.url, DEMO.moderator),
    anonymous: new Client(server.url),
  });
  for (const actor of ACTORS) await clients[actor].get('/'); // a CSRF token, like a browser that loaded a page
  before = await state();
});

describe('group pages (GET)', () => {
  test.each(PAGES.flatMap(({ path, expected }, i) => ACTORS.map((actor) => ({ actor, i, path, expected: expected[actor] }))))(
    '$actor GET page $i → $expected',
    async ({ actor, path, expected }) => {
      await expectAnswer(await clients[actor].get(path()), expected, path());
    },
  );
});

describe('group actions (POST)', () => {
  test.each(
    ACTIONS.flatMap(({ label, path, fields, expected }) =>
      ACTORS.map((actor) => ({ actor, label, path, fields, expected: expected[actor] })),
    ),
  )('$actor POST $label → $expected', async ({ actor, path, fields, expected }) => {
    await expectAnswer(await clients[actor].post(path(), fields()), expected, path());
  });

  test('the refused and no-op posts changed no membership, captain, invite or group', async () => {
    expect(await state()).toEqual(before);
  });
});
