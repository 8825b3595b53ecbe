import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { newGroup, newMember } from '../support/groups';
import { eventsOf } from '../support/ical';
import { sqlOf } from '../support/sql';
import { insertSurvey, neighborhoodId, newResident } from '../support/surveys';
import { withTestServer } from '../support/test-server';

/**
 * Calendars on the real server: the public community calendar (page and feed) and a member's
 * private feed of their group, read back with an independent iCalendar parser (ical.js): times in
 * UTC that stay at the meeting's local time across a daylight-saving change, cancelled and moved
 * dates, survey closings, the neighborhood filter, and private links that stop working when
 * replaced, revoked or when their member leaves.
 */
const server = withTestServer();
const sql = sqlOf(server);
const ZONE = 'America/Los_Angeles';
let staff: Client;

beforeAll(async () => {
  staff = await signedIn(server.url, DEMO.staff);
});

const DAY = 24 * 3600 * 1000;
const localDate = (instant: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(instant));
const localTime = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }).format(d);
const hourAt = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hour: 'numeric', hourCycle: 'h23' }).format(Date.UTC(y, m - 1, d, 20));
};

/** The local date, a few days ahead, of a day just before the city's next daylight-saving change. */
function dayBeforeNextChange(): string {
  for (let k = 4; k < 400; k++) {
    const today = localDate(Date.now() + k * DAY);
    if (hourAt(today) !== hourAt(localDate(Date.now() + (k + 1) * DAY))) return localDate(Date.now() + (k - 2) * DAY);
  }
  throw new Error('no daylight-saving change within 400 days');
}

/** A local date `days` from now in the city's zone. */
const dayIn = (days: number) => localDate(Date.now() + days * DAY);

async function schedule(slug: string, leader: Client, over: Record<string, string>) {
  await leader.page(`/groups/${slug}/meetings/new`);
  const date = over.date ?? dayIn(10);
  const res = await leader.post(`/groups/${slug}/meetings/new`, {
    title: 'Block meeting',
    bodyText: '',
    startsAt: `${date}T18:30`,
    endsAt: `${date}T20:00`,
    place: 'Community room, 120 Elm St',
    link: '',
    visibility: 'public',
    repeat: 'none',
    count: '',
    until: '',
    ...over,
  });
  expect(res.status).toBe(303);
  const [, id] = /^\/meetings\/([^/]+)\//.exec(res.headers.get('location')!)!;
  return id;
}

async function feed(client: Client, path: string) {
  const res = await client.get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  return { res, ...eventsOf(await res.text()) };
}

/** Makes the member's private link on the members page and returns its path. */
async function privateLink(slug: string, member: Client) {
  await member.page(`/groups/${slug}/members`);
  const res = await member.post(`/groups/${slug}/members`, { intent: 'calendarLink' });
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toContain('no-store');
  const url = /id="calendar-link"[^>]*value="(http[^"]+)"/.exec(await res.text())?.[1];
  expect(url).toMatch(/\/calendars\/[A-Za-z0-9_-]{43}\.ics$/);
  return new URL(url!).pathname;
}

describe('the community calendar', () => {
  it('keeps a weekly series at 18:30 local time across the next daylight-saving change, in UTC, as ical.js reads it', async () => {
    const { slug, captain } = await newGroup(server, staff);
    const first = dayBeforeNextChange();
    const id = await schedule(slug, captain.client, { title: 'Across the change', date: first, repeat: 'weekly', count: '2' });
    const { events, name, res } = await feed(new Client(server.url), '/calendar.ics');
    expect(res.headers.get('cache-control')).toContain('public');
    expect(name).toContain('community calendar');
    const ours = events.filter((e) => e.uid.startsWith(`meeting-${id}-`)).sort((a, b) => a.start.getTime() - b.start.getTime());
    expect(ours.map((e) => e.uid.split('@')[0])).toEqual([
      `meeting-${id}-${first}`,
      `meeting-${id}-${localDate(Date.parse(`${first}T12:00:00Z`) + 7 * DAY)}`,
    ]);
    for (const e of ours) {
      expect(e.utc).toBe(true);
      expect(localTime(e.start)).toBe('18:30');
      expect(localTime(e.end)).toBe('20:00');
      expect(e.summary).toBe('Across the change');
      expect(e.location).toBe('Community room, 120 Elm St');
      expect(e.status).toBe('CONFIRMED');
      expect(e.url).toBe(`${new URL(e.url).origin}/meetings/${id}/${e.uid.split('@')[0].slice(`meeting-${id}-`.length)}`);
    }
    // A week in UTC is a week plus or minus the hour the clocks moved.
    expect(Math.abs(ours[1].start.getTime() - ours[0].start.getTime() - 7 * DAY)).toBe(3600 * 1000);

    // The page lists both dates under their days, at 6:30 PM.
    const page = textOf(await new Client(server.url).page(`/calendar?from=${first}`));
    expect(page).toContain('Across the change');
    expect(page.match(/6:30\sPM – 8:00\sPM Across the change/g)?.length).toBe(2);
  });

  it('lists public meetings and survey closings, not members-only meetings, and marks cancelled and moved dates', async () => {
    const { slug, captain } = await newGroup(server, staff);
    const date = dayIn(12);
    const publicId = await schedule(slug, captain.client, { title: 'Open meeting', date });
    await schedule(slug, captain.client, { title: 'Members meeting', date, visibility: 'members' });
    const cancelledId = await schedule(slug, captain.client, { title: 'Called off', date });
    const movedId = await schedule(slug, captain.client, { title: 'Moved one', date });
    const laterDay = dayIn(40);
    const broughtForwardId = await schedule(slug, captain.client, { title: 'Brought forward', date: laterDay });
    // Read once before the changes: the feed written now must not be served after them.
    expect((await feed(new Client(server.url), '/calendar.ics')).events.find((e) => e.summary === 'Called off')?.status).toBe('CONFIRMED');
    await captain.client.page(`/meetings/${cancelledId}/${date}`);
    expect((await captain.client.post(`/meetings/${cancelledId}/${date}`, { intent: 'cancelDate' })).status).toBe(303);
    const newDay = dayIn(13);
    await captain.client.page(`/meetings/${movedId}/${date}`);
    expect(
      (
        await captain.client.post(`/meetings/${movedId}/${date}`, {
          intent: 'move',
          startsAt: `${newDay}T19:00`,
          endsAt: `${newDay}T20:30`,
        })
      ).status,
    ).toBe(303);
    // A date moved earlier than its series' start shows where it now is.
    await captain.client.page(`/meetings/${broughtForwardId}/${laterDay}`);
    expect(
      (
        await captain.client.post(`/meetings/${broughtForwardId}/${laterDay}`, {
          intent: 'move',
          startsAt: `${dayIn(5)}T18:00`,
          endsAt: `${dayIn(5)}T19:00`,
        })
      ).status,
    ).toBe(303);
    expect(textOf(await new Client(server.url).page('/calendar'))).toContain('Brought forward');
    const surveyId = await insertSurvey(server.database.url, { title: 'Calendar survey', closesAt: new Date(Date.now() + 12 * DAY) });
    await insertSurvey(server.database.url, {
      title: 'Residents-only survey',
      audience: 'neighborhoods',
      closesAt: new Date(Date.now() + 12 * DAY),
    });

    const { events } = await feed(new Client(server.url), '/calendar.ics');
    const byTitle = (title: string) => events.filter((e) => e.summary === title);
    expect(byTitle('Open meeting')).toHaveLength(1);
    expect(byTitle('Members meeting')).toHaveLength(0);
    expect(byTitle('Called off')[0].status).toBe('CANCELLED');
    // A moved date keeps its UID (apps update the event) and has its new time.
    const moved = byTitle('Moved one')[0];
    expect(moved.uid.split('@')[0]).toBe(`meeting-${movedId}-${date}`);
    expect([localDate(moved.start.getTime()), localTime(moved.start), localTime(moved.end)]).toEqual([newDay, '19:00', '20:30']);
    const survey = byTitle('Calendar survey')[0];
    expect(survey.uid.split('@')[0]).toBe(`survey-${surveyId}`);
    expect(survey.description).toContain('answer');
    expect(byTitle('Residents-only survey')).toHaveLength(0);

    const page = textOf(await new Client(server.url).page(`/calendar?from=${date}`));
    expect(page).toContain('Open meeting');
    expect(page).not.toContain('Members meeting');
    expect(page).toMatch(/Called off\s+Cancelled/);
    expect(page).toContain('Calendar survey Survey');
    expect(page).toMatch(/Closes at/);
    expect(page).toContain(`Moved one`);
    expect(await new Client(server.url).page(`/calendar?from=${date}`)).toContain(`href="/meetings/${publicId}/${date}"`);
  });

  it('filters by neighborhood, and answers an unknown neighborhood or a bad day with a localized 400 (404 for the feed)', async () => {
    const lasFlores = await neighborhoodId(server.database.url, 'las-flores');
    const riverside = await neighborhoodId(server.database.url, 'riverside');
    const here = await newGroup(server, staff, { neighborhoodId: lasFlores });
    const there = await newGroup(server, staff, { neighborhoodId: riverside });
    const date = dayIn(15);
    await schedule(here.slug, here.captain.client, { title: 'Las Flores walk', date });
    await schedule(there.slug, there.captain.client, { title: 'Riverside walk', date });
    const titles = async (path: string) => (await feed(new Client(server.url), path)).events.map((e) => e.summary);
    expect(await titles('/calendar.ics?neighborhood=las-flores')).toContain('Las Flores walk');
    expect(await titles('/calendar.ics?neighborhood=las-flores')).not.toContain('Riverside walk');
    expect(await titles('/calendar.ics')).toEqual(expect.arrayContaining(['Las Flores walk', 'Riverside walk']));
    const page = textOf(await new Client(server.url).page(`/calendar?neighborhood=riverside&from=${date}`));
    expect(page).toContain('Riverside walk');
    expect(page).not.toContain('Las Flores walk');

    const visitor = new Client(server.url);
    const unknown = await visitor.get('/calendar?neighborhood=atlantis');
    expect(unknown.status).toBe(400);
    expect(textOf(await unknown.text())).toContain('There is no neighborhood with this name.');
    const impossible = await visitor.get('/calendar?from=2027-02-30');
    expect(impossible.status).toBe(400);
    expect(textOf(await impossible.text())).toContain('Enter a date.');
    const far = await visitor.get('/calendar?from=2099-01-01');
    expect(far.status).toBe(400);
    expect(textOf(await far.text())).toContain('Choose a day within a year back and two years ahead.');
    const spanish = await visitor.get('/calendar?neighborhood=atlantis', { 'Accept-Language': 'es' });
    expect(spanish.status).toBe(400);
    expect(textOf(await spanish.text())).toContain('No hay ningún barrio con ese nombre.');
    expect((await visitor.get('/calendar.ics?neighborhood=atlantis')).status).toBe(404);
    expect((await visitor.get(`/calendar.ics?neighborhood=${'x'.repeat(5000)}`)).status).toBe(404);
  });
});

describe("a member's private calendar link", () => {
  it('holds members-only meetings, is private, and stops working when replaced, revoked, or once its member leaves', async () => {
    const { slug, captain } = await newGroup(server, staff);
    const member = await newMember(server, slug, captain.client);
    await schedule(slug, captain.client, { title: 'Members only', visibility: 'members', date: dayIn(9) });
    const visitor = new Client(server.url);

    const first = await privateLink(slug, member.client);
    const { events, res } = await feed(visitor, first);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(events.map((e) => e.summary)).toContain('Members only');
    expect(events.every((e) => e.utc)).toBe(true);
    // Only the token's hash is kept.
    const [row] = await sql(`SELECT "tokenHash" FROM "CalendarToken" WHERE "userId" = $1`, [member.id]);
    expect(first).not.toContain(String(row.tokenHash));
    expect(textOf(await member.client.page(`/groups/${slug}/members`))).toMatch(/You made a private link on/);

    const second = await privateLink(slug, member.client);
    expect((await visitor.get(first)).status).toBe(404);
    expect((await visitor.get(second)).status).toBe(200);
    expect(Number((await sql(`SELECT count(*) AS n FROM "CalendarToken" WHERE "userId" = $1`, [member.id]))[0].n)).toBe(1);

    expect((await member.client.post(`/groups/${slug}/members`, { intent: 'calendarRevoke' })).status).toBe(303);
    expect((await visitor.get(second)).status).toBe(404);

    const third = await privateLink(slug, member.client);
    await member.client.page(`/groups/${slug}`);
    expect((await member.client.post(`/groups/${slug}`, { intent: 'leave' })).status).toBe(303);
    expect((await visitor.get(third)).status).toBe(404);

    expect((await visitor.get('/calendars/not-a-token.ics')).status).toBe(404);
    expect((await visitor.get(`/calendars/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await visitor.get(`${third.slice(0, -4)}.txt`)).status).toBe(404);
  });

  it('is refused to someone who is not in the group', async () => {
    const { slug } = await newGroup(server, staff);
    const outsider = await newResident(server.url, server.database.url);
    await outsider.client.get(`/groups/${slug}`);
    expect((await outsider.client.post(`/groups/${slug}/members`, { intent: 'calendarLink' })).status).toBe(403);
    expect(Number((await sql(`SELECT count(*) AS n FROM "CalendarToken" WHERE "userId" = $1`, [outsider.id]))[0].n)).toBe(0);
  });
});
