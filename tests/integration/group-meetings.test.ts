import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppBuild } from '../../server/app';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { emailOf, newGroup, newMember } from '../support/groups';
import { nextEvent, openSocket, subscribe } from '../support/sockets';
import { sqlOf } from '../support/sql';
import { newResident } from '../support/surveys';
import { withTestServer } from '../support/test-server';

/**
 * Block-watch meetings on the real server: leaders schedule one or a series (kept at its local
 * time across a daylight-saving change, with an end it must have), people who may see it answer
 * without JavaScript, and cancelling tells those who answered; bad input is refused with a
 * localized error and stores nothing.
 */
const server = withTestServer();
const sql = sqlOf(server);
let staff: Client;
const sockets: Socket[] = [];

beforeAll(async () => {
  staff = await signedIn(server.url, DEMO.staff);
});
afterAll(() => {
  for (const s of sockets) s.disconnect();
});

/** A local date and time `days` from now in the city's zone (America/Los_Angeles), as a datetime-local value. */
function localIn(days: number, time = '18:30'): string {
  const d = new Date(Date.now() + days * 24 * 3600 * 1000);
  return `${new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(d)}T${time}`;
}

const meetingForm = (over: Record<string, string> = {}) => ({
  title: 'Monthly block meeting',
  bodyText: 'Streetlights\nParking on Elm',
  startsAt: localIn(10),
  endsAt: localIn(10, '20:00'),
  place: 'Community room, 120 Elm St',
  link: '',
  visibility: 'members',
  repeat: 'none',
  count: '',
  until: '',
  ...over,
});
const meetingCount = async () => Number((await sql(`SELECT count(*) AS n FROM "Meeting"`))[0].n);

async function schedule(slug: string, leader: Client, form: Record<string, string>): Promise<string> {
  await leader.page(`/groups/${slug}/meetings/new`);
  const res = await leader.post(`/groups/${slug}/meetings/new`, form);
  expect(res.status).toBe(303);
  return res.headers.get('location')!;
}

describe('block-watch meetings', () => {
  it('schedules a monthly series on the 2nd Tuesday at 18:30 local time across the March change, with its dates', async () => {
    const { slug, captain } = await newGroup(server, staff);
    const location = await schedule(
      slug,
      captain.client,
      meetingForm({ startsAt: '2027-02-09T18:30', endsAt: '2027-02-09T20:00', repeat: 'monthlyByWeekday', count: '4' }),
    );
    const [, id] = /^\/meetings\/([^/]+)\/2027-02-09$/.exec(location)!;
    const [row] = await sql(`SELECT rrule, "timeZone", "startsAt", "lastStartsAt" FROM "Meeting" WHERE id = $1`, [id]);
    expect(row.rrule).toBe('FREQ=MONTHLY;BYDAY=+2TU;COUNT=4');
    expect(row.timeZone).toBe('America/Los_Angeles');
    expect(new Date(String(row.startsAt)).toISOString()).toBe('2027-02-10T02:30:00.000Z');
    // 13 April 2027 is after the change: 18:30 local is 01:30Z.
    expect(new Date(String(row.lastStartsAt)).toISOString()).toBe('2027-05-12T01:30:00.000Z');
    const april = textOf(await captain.client.page(`/meetings/${id}/2027-04-13`));
    expect(april).toContain('April 13, 2027 at 6:30 PM');
    expect(april).toContain('one of a series');
    expect(april).toContain('Parking on Elm');
    expect((await captain.client.get(`/meetings/${id}/2027-04-14`)).status).toBe(404);
    expect((await captain.client.get(`/meetings/${id}/2027-06-08`)).status).toBe(404);
    expect((await captain.client.get(`/meetings/nope/2027-04-13`)).status).toBe(404);
  });

  it('refuses an end before the start, a series without an end and a bad link, keeping the input, storing nothing', async () => {
    const { slug, captain } = await newGroup(server, staff);
    const before = await meetingCount();
    await captain.client.page(`/groups/${slug}/meetings/new`);
    const cases: [Record<string, string>, string][] = [
      [{ endsAt: localIn(10, '17:00') }, 'The end must come after the start.'],
      [{ repeat: 'weekly' }, 'A repeating meeting needs an end: enter a number of meetings or a last date.'],
      [{ link: 'javascript:alert(1)' }, 'Enter a web address starting with https://.'],
      [{ startsAt: '2027-02-30T18:00' }, 'Enter a date and time.'],
      [{ repeat: 'weekly', until: localIn(5).slice(0, 10) }, 'The last date must come after the first meeting'],
      [{ repeat: 'weekly', until: '2027-02-31' }, 'Enter a date.'],
      [{ startsAt: `${localIn(10)}:30` }, 'Enter a date and time.'],
    ];
    for (const [over, message] of cases) {
      const res = await captain.client.post(`/groups/${slug}/meetings/new`, meetingForm(over));
      expect(res.status).toBe(400);
      const page = await res.text();
      expect(textOf(page)).toContain(message);
      expect(page).toContain('value="Monthly block meeting"');
    }
    expect(await meetingCount()).toBe(before);
  });

  it('takes answers without JavaScript from members of a members-only meeting, one per person, and refuses others', async () => {
    const { slug, captain } = await newGroup(server, staff);
    const member = await newMember(server, slug, captain.client);
    const path = await schedule(slug, captain.client, meetingForm());
    expect(textOf(await member.client.page(`/groups/${slug}`))).toContain('Monthly block meeting');
    await member.client.page(path);
    expect((await member.client.post(path, { intent: 'rsvp', answer: 'yes' })).status).toBe(303);
    expect(textOf(await member.client.page(path))).toContain('1 coming');
    expect((await member.client.post(path, { intent: 'rsvp', answer: 'maybe' })).status).toBe(303);
    const page = textOf(await member.client.page(path));
    expect(page).toContain('0 coming · 1 maybe · 0 not coming');
    expect(page).toContain('You said maybe.');
    expect(Number((await sql(`SELECT count(*) AS n FROM "Rsvp" WHERE "userId" = $1`, [member.id]))[0].n)).toBe(1);
    expect((await member.client.post(path, { intent: 'rsvp', answer: 'perhaps' })).status).toBe(400);

    // Members only: an outsider is refused, a visitor signs in, and neither is listed the meeting.
    const outsider = await newResident(server.url, server.database.url);
    expect((await outsider.client.get(path)).status).toBe(403);
    await outsider.client.page(`/groups/${slug}`);
    expect((await outsider.client.post(path, { intent: 'rsvp', answer: 'yes' })).status).toBe(403);
    expect(textOf(await outsider.client.page(`/groups/${slug}`))).not.toContain('Monthly block meeting');
    const visitor = await new Client(server.url).get(path);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get('location')).toBe(`/signin?redirectTo=${encodeURIComponent(path)}`);
    // A plain member does not schedule.
    expect((await member.client.get(`/groups/${slug}/meetings/new`)).status).toBe(403);
    expect((await member.client.post(`/groups/${slug}/meetings/new`, meetingForm())).status).toBe(403);
  });

  it('lists a public meeting in the directory, and lets anyone signed in answer it', async () => {
    const { slug, captain } = await newGroup(server, staff);
    const path = await schedule(slug, captain.client, meetingForm({ title: 'Open house on Elm', visibility: 'public' }));
    const directory = textOf(await new Client(server.url).page('/groups'));
    expect(directory).toContain('Next public meeting: Open house on Elm');
    expect(await new Client(server.url).page(path)).toContain('Sign in to say whether you are coming');
    const outsider = await newResident(server.url, server.database.url);
    await outsider.client.page(path);
    expect((await outsider.client.post(path, { intent: 'rsvp', answer: 'yes' })).status).toBe(303);
  });

  it('cancels a date and tells those who answered; answers to a cancelled or past date are refused', async () => {
    const { slug, captain } = await newGroup(server, staff);
    const member = await newMember(server, slug, captain.client);
    const path = await schedule(
      slug,
      captain.client,
      meetingForm({ title: 'Weekly walk', repeat: 'weekly', count: '3', startsAt: localIn(3, '19:00'), endsAt: localIn(3, '20:00') }),
    );
    await member.client.page(path);
    await member.client.post(path, { intent: 'rsvp', answer: 'yes' });
    // A member does not cancel.
    expect((await member.client.post(path, { intent: 'cancelDate' })).status).toBe(403);
    await captain.client.page(path);
    expect((await captain.client.post(path, { intent: 'cancelDate' })).status).toBe(303);
    const mail = await server.mail.waitFor(await emailOf(server, member.id), (m) => m.subject.startsWith('Cancelled: Weekly walk'));
    expect(mail.text).toContain('is cancelled');
    expect(textOf(await member.client.page(path))).toContain('Cancelled');
    const refused = await member.client.post(path, { intent: 'rsvp', answer: 'no' });
    expect(refused.status).toBe(409);
    expect(textOf(await refused.text())).toContain('This date is cancelled');
    expect((await captain.client.post(path, { intent: 'cancelDate' })).status).toBe(409);
    // The next date of the series still stands.
    const next = path.replace(/\d{4}-\d{2}-\d{2}$/, localIn(10).slice(0, 10));
    expect(textOf(await member.client.page(next))).not.toContain('Cancelled');

    const past = await schedule(
      slug,
      captain.client,
      meetingForm({ title: 'Last week', startsAt: localIn(-7), endsAt: localIn(-7, '20:00') }),
    );
    await member.client.page(past);
    const late = await member.client.post(past, { intent: 'rsvp', answer: 'yes' });
    expect(late.status).toBe(409);
    expect(textOf(await late.text())).toContain('This meeting is over');
  });

  it('takes minutes and attendance from leaders once the meeting has started, not before and not from members', async () => {
    const { slug, captain } = await newGroup(server, staff);
    const member = await newMember(server, slug, captain.client);
    const past = await schedule(
      slug,
      captain.client,
      meetingForm({ title: 'Held last week', startsAt: localIn(-7), endsAt: localIn(-7, '20:00') }),
    );
    const future = await schedule(slug, captain.client, meetingForm({ title: 'Next week' }));
    await captain.client.page(past);
    expect(
      (await captain.client.post(past, { intent: 'minutes', bodyText: 'We agreed to ask for a streetlight.', attendance: 'twelve' }))
        .status,
    ).toBe(400);
    expect(
      (await captain.client.post(past, { intent: 'minutes', bodyText: 'We agreed to ask for a streetlight.', attendance: '12' })).status,
    ).toBe(303);
    const page = textOf(await member.client.page(past));
    expect(page).toContain('12 people came');
    expect(page).toContain('We agreed to ask for a streetlight.');
    await member.client.page(past);
    expect((await member.client.post(past, { intent: 'minutes', bodyText: 'Mine', attendance: '1' })).status).toBe(403);
    await captain.client.page(future);
    const early = await captain.client.post(future, { intent: 'minutes', bodyText: 'Too soon', attendance: '3' });
    expect(early.status).toBe(409);
    expect(textOf(await early.text())).toContain('Minutes are written once the meeting has started.');
    expect(Number((await sql(`SELECT count(*) AS n FROM "MeetingMinutes"`))[0].n)).toBeGreaterThanOrEqual(1);
  });

  it('records an issue raised at the meeting as a request with source "meeting", linked both ways', async () => {
    const { slug, captain } = await newGroup(server, staff);
    const member = await newMember(server, slug, captain.client);
    const past = await schedule(
      slug,
      captain.client,
      meetingForm({ title: 'Lighting walk', startsAt: localIn(-2), endsAt: localIn(-2, '20:00') }),
    );
    const target = past.replace('/meetings/', '');
    // Staff find the way from the meeting's page; a member is not offered it.
    expect(await staff.page(past)).toContain(`/staff/requests/new?meeting=${encodeURIComponent(target)}`);
    expect(await member.client.page(past)).not.toContain('/staff/requests/new');
    expect(textOf(await staff.page(`/staff/requests/new?meeting=${encodeURIComponent(target)}`))).toContain(
      'Recording an issue raised at the meeting "Lighting walk"',
    );
    expect(await staff.page(`/staff/requests/new?meeting=${encodeURIComponent(target)}`)).toContain(
      `/staff/requests/new/graffiti?meeting=${encodeURIComponent(target)}`,
    );
    // The meeting's page follows its requests live: anyone for a public meeting, members for this one.
    const meetingId = target.split('/')[0];
    const [memberSocket, visitorSocket] = [
      await openSocket(server.url, sockets, member.client),
      await openSocket(server.url, sockets, new Client(server.url)),
    ];
    expect((await subscribe(memberSocket, `meeting:${meetingId}`)).ok).toBe(true);
    expect(await subscribe(visitorSocket, `meeting:${meetingId}`)).toEqual({ ok: false, error: 'forbidden' });
    const linked = nextEvent(memberSocket, `meeting:${meetingId}`, 'request.linked');
    const form = await staff.page(`/staff/requests/new/graffiti?meeting=${encodeURIComponent(target)}`);
    const hidden = Object.fromEntries(
      ['submissionKey', 'version'].map((name) => [name, new RegExp(`name="${name}" value="([^"]+)"`).exec(form)![1]]),
    );
    const filed = await staff.post('/staff/requests/new/graffiti', {
      ...hidden,
      meeting: target,
      'a.surface': 'wall',
      'a.offensive': 'no',
      description: 'Tags on the bus shelter, raised at the lighting walk.',
      address: '5 Elm St',
      source: 'phone',
      priority: 'normal',
      contactLocale: 'en',
    });
    expect(filed.status).toBe(303);
    const code = /\/requests\/([A-Z0-9]+)/.exec(filed.headers.get('location')!)![1];
    const [request] = await sql(`SELECT id, source FROM "ServiceRequest" WHERE "publicCode" = $1`, [code]);
    expect(request.source).toBe('meeting');
    expect((await linked).payload).toEqual({ requestId: request.id });
    // The meeting lists it with its status; the request names the meeting.
    const minutes = textOf(await member.client.page(past));
    expect(minutes).toContain(code);
    expect(minutes).toContain('New');
    // A status change reaches the meeting's page once it commits, and shows there on the reload it triggers.
    const updated = nextEvent(memberSocket, `meeting:${meetingId}`, 'request.updated');
    await staff.page(`/requests/${code}`);
    expect((await staff.post(`/requests/${code}`, { intent: 'status', status: 'acknowledged' })).status).toBe(303);
    expect((await updated).payload).toEqual({ requestId: request.id });
    expect(textOf(await member.client.page(past))).toContain('Acknowledged');
    expect(textOf(await staff.page(`/requests/${code}`))).toContain('Raised at the meeting Lighting walk');
    // A made-up or unreadable meeting is ignored: the request is not linked to anything.
    const other = await staff.post('/staff/requests/new/graffiti', {
      ...Object.fromEntries(
        ['submissionKey', 'version'].map((name) => [name, new RegExp(`name="${name}" value="([^"]+)"`).exec(staff.lastHtml)?.[1] ?? '']),
      ),
      meeting: 'nope/2026-01-01',
      'a.surface': 'wall',
      'a.offensive': 'no',
      description: 'Another tag.',
      address: '6 Elm St',
      source: 'phone',
      priority: 'normal',
      contactLocale: 'en',
    });
    expect([303, 400]).toContain(other.status);
    expect(
      Number((await sql(`SELECT count(*) AS n FROM "RequestLink" WHERE "targetKind" = 'meeting' AND "targetId" = 'nope/2026-01-01'`))[0].n),
    ).toBe(0);
  });

  it('reminds everyone who did not decline, once, the day before (the clock moved, not waited for)', async () => {
    const { slug, captain } = await newGroup(server, staff);
    const [coming, declining, silent] = [
      await newMember(server, slug, captain.client),
      await newMember(server, slug, captain.client),
      await newMember(server, slug, captain.client),
    ];
    const path = await schedule(
      slug,
      captain.client,
      meetingForm({ title: 'Reminded meeting', startsAt: localIn(3, '19:00'), endsAt: localIn(3, '20:00') }),
    );
    for (const [who, answer] of [
      [coming, 'yes'],
      [declining, 'no'],
    ] as const) {
      await who.client.page(path);
      expect((await who.client.post(path, { intent: 'rsvp', answer })).status).toBe(303);
    }
    const [row] = await sql(`SELECT "startsAt" FROM "Meeting" WHERE title = 'Reminded meeting'`);
    const startsAt = new Date(String(row.startsAt)).getTime();
    const build = (await import(/* @vite-ignore */ pathToFileURL(resolve('build/index.js')).href)) as AppBuild;
    const remind = (hoursBefore: number) =>
      build.entry.module.lifecycle.sendMeetingReminders(new Date(startsAt - hoursBefore * 3600 * 1000));
    const reminders = async () =>
      (await sql(`SELECT "to" FROM "MailMessage" WHERE kind = 'meeting-reminder' AND subject LIKE '%Reminded meeting%'`))
        .map((r) => String(r.to))
        .sort();

    await remind(30); // more than a day before: not yet
    expect(await reminders()).toEqual([]);
    await remind(20);
    const expected = (await Promise.all([captain, coming, silent].map((p) => emailOf(server, p.id)))).sort();
    expect(await reminders()).toEqual(expected);
    await remind(19); // a later run sends nothing twice
    expect(await reminders()).toEqual(expected);
    const mail = await server.mail.waitFor(await emailOf(server, silent.id), (m) => m.subject.startsWith('Reminder: Reminded meeting'));
    expect(mail.text).toContain('Where: Community room, 120 Elm St');
    expect(mail.text).toContain(`${server.url}${path}`);
  });

  it('moves one date of a series, tells those who answered, keeps the others, and refuses a bad move', async () => {
    const { slug, captain } = await newGroup(server, staff);
    const member = await newMember(server, slug, captain.client);
    const path = await schedule(
      slug,
      captain.client,
      meetingForm({ title: 'Movable walk', repeat: 'weekly', count: '3', startsAt: localIn(4, '19:00'), endsAt: localIn(4, '20:00') }),
    );
    await member.client.page(path);
    await member.client.post(path, { intent: 'rsvp', answer: 'yes' });
    await captain.client.page(path);
    const bad = await captain.client.post(path, { intent: 'move', startsAt: localIn(5, '19:00'), endsAt: localIn(5, '18:00') });
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain('The end must come after the start.');
    expect((await member.client.post(path, { intent: 'move', startsAt: localIn(5, '19:00'), endsAt: localIn(5, '20:00') })).status).toBe(
      403,
    );
    expect((await captain.client.post(path, { intent: 'move', startsAt: localIn(5, '18:00'), endsAt: localIn(5, '19:30') })).status).toBe(
      303,
    );
    const page = textOf(await member.client.page(path));
    expect(page).toContain('moved from its usual time');
    expect(page).toContain('6:00 PM');
    expect(page).toContain('1 coming');
    const mail = await server.mail.waitFor(await emailOf(server, member.id), (m) => m.subject.startsWith('Moved: Movable walk'));
    expect(mail.text).toContain('is moved to');
    // The next week's date keeps its usual time.
    const next = path.replace(/\d{4}-\d{2}-\d{2}$/, localIn(11).slice(0, 10));
    expect(textOf(await member.client.page(next))).toContain('7:00 PM');
  });

  it('tells only those who may still see a members-only meeting, and reminds a moved date at its new time', async () => {
    const { slug, captain } = await newGroup(server, staff);
    const [stays, goes] = [await newMember(server, slug, captain.client), await newMember(server, slug, captain.client)];
    const path = await schedule(
      slug,
      captain.client,
      meetingForm({ title: 'Private walk', repeat: 'weekly', count: '2', startsAt: localIn(4, '19:00'), endsAt: localIn(4, '20:00') }),
    );
    for (const who of [stays, goes]) {
      await who.client.page(path);
      expect((await who.client.post(path, { intent: 'rsvp', answer: 'yes' })).status).toBe(303);
    }
    // Their answers are in their data export.
    const exported = (await (await stays.client.get('/account/export')).json()) as {
      blockWatchMeetingAnswers: { meeting: string; answer: string }[];
    };
    expect(exported.blockWatchMeetingAnswers).toEqual([expect.objectContaining({ meeting: 'Private walk', answer: 'yes' })]);
    // One of them leaves the group: the meeting's news no longer reaches them.
    await goes.client.page(`/groups/${slug}`);
    expect((await goes.client.post(`/groups/${slug}`, { intent: 'leave' })).status).toBe(303);
    await captain.client.page(path);
    expect((await captain.client.post(path, { intent: 'move', startsAt: localIn(9, '18:00'), endsAt: localIn(9, '19:00') })).status).toBe(
      303,
    );
    await server.mail.waitFor(await emailOf(server, stays.id), (m) => m.subject.startsWith('Moved: Private walk'));
    const mailsTo = async (id: string) =>
      Number(
        (
          await sql(`SELECT count(*) AS n FROM "MailMessage" WHERE "to" = $1 AND subject LIKE '%Private walk%'`, [
            await emailOf(server, id),
          ])
        )[0].n,
      );
    expect(await mailsTo(goes.id)).toBe(0);

    // Moved five days later, the date is reminded the day before its new time, not its old one.
    const [moved] = await sql(
      `SELECT o."startsAt" FROM "MeetingOccurrence" o JOIN "Meeting" m ON m.id = o."meetingId" WHERE m.title = 'Private walk'`,
    );
    const newStart = new Date(String(moved.startsAt)).getTime();
    const build = (await import(/* @vite-ignore */ pathToFileURL(resolve('build/index.js')).href)) as AppBuild;
    const reminded = async () =>
      (await sql(`SELECT "to" FROM "MailMessage" WHERE kind = 'meeting-reminder' AND subject LIKE '%Private walk%'`))
        .map((r) => String(r.to))
        .sort();
    await build.entry.module.lifecycle.sendMeetingReminders(new Date(newStart - 5 * 24 * 3600 * 1000 - 20 * 3600 * 1000));
    expect(await reminded()).toEqual([]);
    await build.entry.module.lifecycle.sendMeetingReminders(new Date(newStart - 20 * 3600 * 1000));
    expect(await reminded()).toEqual((await Promise.all([captain, stays].map((p) => emailOf(server, p.id)))).sort());
    // It is still listed on the group's page after its old time (the clock here is real: listed now).
    expect(textOf(await stays.client.page(`/groups/${slug}`))).toContain('Private walk');
  });
});
