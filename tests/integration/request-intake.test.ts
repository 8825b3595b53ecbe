import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf, uniqueEmail } from '../support/client';
import { linkIn } from '../support/mail-catcher';
import { grantRole } from '../support/roles';
import { withTestServer } from '../support/test-server';
import { fileRequest, resolveAndClose } from '../support/requests';
import { sqlOf, lookupsOf } from '../support/sql';

/**
 * Through the real routes: staff recording a request on someone's behalf (/staff/requests/new),
 * the courtesy follow-up after closing (mail, single-use link, one anonymous answer per request,
 * answers typed in by staff), and duplicates' contacts told of the original's public progress.
 */
const server = withTestServer();
const { userId } = lookupsOf(server);

const q = sqlOf(server);
const row = async (code: string) => (await q('SELECT * FROM "ServiceRequest" WHERE "publicCode" = $1', [code]))[0];
const departmentId = async (slug: string) => String((await q('SELECT "id" FROM "Department" WHERE "slug" = $1', [slug]))[0].id);
const count = async (table: string, where = '1=1', params: unknown[] = []) =>
  Number((await q(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`, params))[0].n);

const graffiti = { 'a.surface': 'wall', 'a.offensive': 'no', description: 'Tags on the library wall.', address: '12 Library Lane' };

/** Loads the staff form (its version and one-time key), then posts it like a browser without JavaScript. */
async function recordPost(client: Client, typeCode: string, fields: Record<string, string>) {
  const page = await client.get(`/staff/requests/new/${typeCode}`);
  const hidden: Record<string, string> = {};
  if (page.status === 200) {
    for (const name of ['submissionKey', 'version']) {
      const m = new RegExp(`name="${name}" value="([^"]+)"`).exec(client.lastHtml);
      if (m) hidden[name] = m[1];
    }
  } else if (!client.csrf) await client.get('/');
  return client.post(`/staff/requests/new/${typeCode}`, { ...hidden, ...fields });
}
async function record(client: Client, typeCode: string, fields: Record<string, string>) {
  const res = await recordPost(client, typeCode, fields);
  if (res.status !== 303) throw new Error(`recording answered ${res.status}: ${textOf(await res.text()).slice(0, 300)}`);
  const code = /^\/requests\/([A-Z0-9]{8})\?recorded=1$/.exec(res.headers.get('location') ?? '')?.[1];
  if (!code) throw new Error(`unexpected redirect ${res.headers.get('location')}`);
  return code;
}

/** Loads the request page (for the CSRF token), then posts one of its forms. */
async function act(client: Client, code: string, fields: Record<string, string>) {
  await client.get(`/requests/${code}`);
  if (!client.csrf) await client.get('/');
  return client.post(`/requests/${code}`, fields);
}

let people: Record<string, () => Promise<Client>>;
beforeAll(async () => {
  // The captain becomes a liaison of Parks (a liaison of another department than Public Works).
  await grantRole(server.url, DEMO.captain, 'liaison', `department:${await departmentId('parks')}`);
  people = {
    anonymous: async () => new Client(server.url),
    resident: () => signedIn(server.url, DEMO.resident),
    moderator: () => signedIn(server.url, DEMO.moderator),
    staff: () => signedIn(server.url, DEMO.staff),
    admin: () => signedIn(server.url, DEMO.admin),
    'liaison of Public Works': () => signedIn(server.url, DEMO.liaison),
    'liaison of Parks': () => signedIn(server.url, DEMO.captain),
  };
});

const status = (res: Response) =>
  [302, 303].includes(res.status) && (res.headers.get('location') ?? '').startsWith('/signin') ? 'signin' : res.status;

describe("recording a request on someone's behalf: who may", () => {
  it("opens the picker and a Public Works form to staff, admins and liaisons (their own department's types); others are refused", async () => {
    const expected: Record<string, [unknown, unknown, unknown]> = {
      anonymous: ['signin', 'signin', 'signin'],
      resident: [403, 403, 403],
      moderator: [403, 403, 403],
      staff: [200, 200, 303],
      admin: [200, 200, 303],
      'liaison of Public Works': [200, 200, 303],
      'liaison of Parks': [200, 403, 403],
    };
    const got: Record<string, [unknown, unknown, unknown]> = {};
    const before = await count('ServiceRequest');
    for (const [who, make] of Object.entries(people)) {
      const client = await make();
      const picker = status(await client.get('/staff/requests/new'));
      const form = status(await client.get('/staff/requests/new/graffiti'));
      const post = status(
        await recordPost(client, 'graffiti', {
          ...graffiti,
          description: `Recorded by ${who}`,
          source: 'phone',
          priority: 'normal',
          contactLocale: 'en',
        }),
      );
      got[who] = [picker, form, post];
    }
    expect(got).toEqual(expected);
    // Exactly the three allowed posts stored a request.
    expect(await count('ServiceRequest')).toBe(before + 3);
    expect(
      await count(
        'ServiceRequest',
        `"description" IN ('Recorded by resident', 'Recorded by anonymous', 'Recorded by moderator', 'Recorded by liaison of Parks')`,
      ),
    ).toBe(0);
  });

  it("shows a liaison their department's types only; staff every type; the queue links to it", async () => {
    const parks = await (await signedIn(server.url, DEMO.captain)).page('/staff/requests/new');
    expect(parks).toContain('/staff/requests/new/tree-trimming');
    expect(parks).not.toContain('/staff/requests/new/graffiti');
    const staff = await signedIn(server.url, DEMO.staff);
    const all = await staff.page('/staff/requests/new?q=graf');
    expect(all).toContain('/staff/requests/new/graffiti');
    expect(await staff.page('/staff/requests')).toContain('href="/staff/requests/new"');
  });
});

describe('recording a phone call', () => {
  it("defaults to the phone and the type's priority, stores who recorded it, mails the caller in their language and the liaison, tells the queue", async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const html = await staff.page('/staff/requests/new/graffiti');
    expect(html).toMatch(/<option value="phone" selected="">/);
    expect(html).toMatch(/<option value="normal" selected="">/);
    const lastEvent = Number((await q('SELECT MAX("id") AS n FROM "Event"'))[0].n);
    const caller = uniqueEmail('llamada');
    const code = await record(staff, 'graffiti', {
      ...graffiti,
      source: 'phone',
      priority: 'high',
      contactName: 'Marta',
      contactEmail: caller,
      contactPhone: '555 010 3030',
      contactLocale: 'es',
    });
    const r = await row(code);
    expect(r).toMatchObject({ source: 'phone', priority: 'high', status: 'new', requesterId: null, createdById: await userId(DEMO.staff) });
    const contact = (await q('SELECT "name", "email", "phone", "locale" FROM "RequesterContact" WHERE "requestId" = $1', [r.id]))[0];
    expect(contact).toEqual({ name: 'Marta', email: caller, phone: '555 010 3030', locale: 'es' });
    // The landing page: the code to read out and the way to the next call.
    const landing = await staff.get(`/requests/${code}?recorded=1`);
    const text = textOf(await landing.text());
    expect(text).toContain(`The request is recorded. Read this code out to the caller: Request code: ${code}`);
    expect(staff.lastHtml).toContain('href="/staff/requests/new"');
    // The caller's confirmation, in Spanish, with the private tracking link.
    const mail = await server.mail.waitFor(caller, (m) => m.subject.includes(code));
    expect(mail.subject).toBe(`Recibimos su solicitud ${code}`);
    expect(linkIn(mail, `${server.url}/requests/${code}?t=`)).toBeTruthy();
    // The department's liaison, as for any new request, with the chosen priority.
    const liaison = await server.mail.waitFor(DEMO.liaison, (m) => m.subject.includes(code));
    expect(liaison.text).toContain('Priority: High');
    // The queue's live event and the audit entry.
    const live = await q('SELECT "room", "type" FROM "Event" WHERE "id" > $1 ORDER BY "id"', [lastEvent]);
    expect(live).toContainEqual({ room: `department:${r.departmentId}`, type: 'request.created' });
    expect(await q('SELECT "action", "actorId" FROM "AuditLog" WHERE "targetId" = $1', [r.id])).toEqual([
      { action: 'request.record', actorId: await userId(DEMO.staff) },
    ]);
    // The staff member is not the requester: nothing under their "My requests".
    expect(await staff.page('/requests/mine')).not.toContain(code);
  });

  it("makes the request the caller's own when their verified account e-mail is given; an unknown one is a 400 with the input kept", async () => {
    const liaison = await signedIn(server.url, DEMO.liaison);
    const code = await record(liaison, 'graffiti', {
      ...graffiti,
      source: 'walk_in',
      priority: 'low',
      contactLocale: 'es',
      accountEmail: DEMO.resident.toUpperCase(),
    });
    const r = await row(code);
    expect(r).toMatchObject({
      source: 'walk_in',
      priority: 'low',
      requesterId: await userId(DEMO.resident),
      createdById: await userId(DEMO.liaison),
      trackingTokenHash: null,
    });
    const rosa = await signedIn(server.url, DEMO.resident);
    expect(await rosa.page('/requests/mine')).toContain(code);
    const before = await count('ServiceRequest');
    const res = await recordPost(liaison, 'graffiti', {
      ...graffiti,
      description: 'Keep me',
      source: 'phone',
      priority: 'normal',
      contactLocale: 'en',
      accountEmail: 'nobody-here@example.org',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html)).toContain('No account with this verified e-mail address.');
    expect(html).toContain('Keep me');
    expect(html).toContain('nobody-here@example.org');
    expect(await count('ServiceRequest')).toBe(before);
  });

  it('refuses bad input with localized errors and nothing stored', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const before = await count('ServiceRequest');
    const res = await recordPost(staff, 'graffiti', {
      'a.surface': 'wall',
      address: 'Somewhere 1',
      source: 'carrier-pigeon',
      priority: 'whenever',
      contactLocale: 'fr',
      contactEmail: 'not-an-address',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Somewhere 1');
    expect(textOf(html)).toContain('Choose one of the options.');
    expect(await count('ServiceRequest')).toBe(before);
  });
});

describe('the courtesy follow-up after closing', () => {
  it('invites the contact in their language with a single-use link; the answer is stored once, with no identity', async () => {
    const anon = new Client(server.url);
    const contact = uniqueEmail('vecino');
    const code = await fileRequest(anon, 'graffiti', { ...graffiti, contactEmail: contact });
    const staff = await signedIn(server.url, DEMO.staff);
    await resolveAndClose(staff, code);
    const invite = await server.mail.waitFor(contact, (m) => m.subject.includes('how did we do?'));
    expect(invite.subject).toBe(`Your request ${code} is closed: how did we do?`);
    const link = linkIn(invite, `${server.url}/requests/${code}/follow-up?t=`);
    const token = new URL(link).searchParams.get('t')!;
    // Only the token's hash is kept.
    const invitations = await q('SELECT "tokenHash", "usedAt" FROM "SurveyInvitation" WHERE "requestId" = $1', [(await row(code)).id]);
    expect(invitations).toEqual([{ tokenHash: createHash('sha256').update(token).digest('hex'), usedAt: null }]);
    expect(JSON.stringify(await q('SELECT * FROM "SurveyInvitation"'))).not.toContain(token);

    // Someone else's browser, not signed in, with the link.
    const stranger = new Client(server.url);
    const form = await stranger.get(link.replace(server.url, ''));
    expect(form.status).toBe(200);
    expect(textOf(stranger.lastHtml)).toContain('Were the city staff who handled your request courteous?');
    expect(stranger.lastHtml).toContain(`action="/requests/${code}/follow-up?t=${token}"`);
    const answered = await stranger.post(`/requests/${code}/follow-up?t=${token}`, {
      'a.courtesy': 'courteous',
      'a.comments': 'Quick and kind.',
    });
    expect(answered.status).toBe(200);
    expect(textOf(await answered.text())).toContain('Thank you. Your answer was received.');
    const responses = await q('SELECT * FROM "SurveyResponse" WHERE "requestId" = $1', [(await row(code)).id]);
    expect(responses).toHaveLength(1);
    const response = responses[0];
    expect(response).toMatchObject({ channel: 'web', recordedById: null, language: 'en', userId: null });
    expect(typeof response.answers === 'string' ? JSON.parse(response.answers) : response.answers).toEqual({
      courtesy: 'courteous',
      comments: 'Quick and kind.',
    });
    // No column names a respondent: only the request, the survey and (for staff entries) who typed
    // it. `userId` is for authored surveys that are not anonymous, and stays empty here.
    expect(Object.keys(response).sort()).toEqual([
      'answers',
      'batch',
      'channel',
      'id',
      'language',
      'neighborhoodId',
      'recordedById',
      'requestId',
      'submittedAt',
      'submittedOn',
      'surveyId',
      'userId',
    ]);
    // Single use: the same link again is "already answered", and nothing more is stored.
    const again = await stranger.post(`/requests/${code}/follow-up?t=${token}`, { 'a.courtesy': 'discourteous' });
    expect(again.status).toBe(409);
    expect(textOf(await again.text())).toContain('This follow-up has already been answered.');
    // The answer to a single-use link is never kept by a cache, as a page or as the form's data.
    expect(again.headers.get('Cache-Control')).toBe('private, no-store');
    // Nor sent to another site as a referrer; same-origin posts keep their Origin (under
    // `no-referrer` a browser posts the form with `Origin: null`, which the CSRF check refuses).
    expect(again.headers.get('Referrer-Policy')?.split(',').at(-1)?.trim()).toBe('same-origin');
    const data = await stranger.post(
      `/requests/${code}/follow-up?t=${token}&_data=${encodeURIComponent('routes/requests.$code_.follow-up')}`,
      {
        'a.courtesy': 'discourteous',
      },
    );
    expect(data.status).toBe(409);
    expect(data.headers.get('Cache-Control')).toBe('private, no-store');
    expect(textOf(await stranger.page(link.replace(server.url, '')))).toContain('This follow-up has already been answered.');
    expect(await count('SurveyResponse', '"requestId" = $1', [(await row(code)).id])).toBe(1);
    expect((await q('SELECT "usedAt" FROM "SurveyInvitation" WHERE "requestId" = $1', [(await row(code)).id]))[0].usedAt).toBeTruthy();

    // Staff see the answer on the request page; the resident's page and Open311 never show it.
    const staffPage = textOf(await staff.page(`/requests/${code}`));
    expect(staffPage).toContain('Follow-up (staff only)');
    expect(staffPage).toContain('Quick and kind.');
    expect(staffPage).toContain('Answered online');
    // The department's liaison handles the request but never reads the answer that rates them.
    const liaisonPage = textOf(await (await signedIn(server.url, DEMO.liaison)).page(`/requests/${code}`));
    expect(liaisonPage).toContain(code);
    expect(liaisonPage).not.toContain('Quick and kind.');
    expect(liaisonPage).not.toContain('Follow-up (staff only)');
    expect(textOf(await anon.page(`/requests/${code}`))).not.toContain('Quick and kind.');
    expect(await (await fetch(`${server.url}/open311/v2/requests/${code}.json`)).text()).not.toContain('Quick and kind.');
  });

  it('invites a signed-in requester at their account address in Spanish; the tracking page offers the form until answered', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const code = await fileRequest(rosa, 'graffiti', graffiti);
    await resolveAndClose(await signedIn(server.url, DEMO.liaison), code);
    const invite = await server.mail.waitFor(DEMO.resident, (m) => m.subject.includes(code) && m.subject.includes('cómo lo hicimos'));
    expect(invite.subject).toBe(`Su solicitud ${code} está cerrada: ¿cómo lo hicimos?`);
    // From the tracking page, without the mailed link.
    const page = await rosa.page(`/requests/${code}`);
    expect(page).toContain(`href="/requests/${code}/follow-up"`);
    expect(textOf(await rosa.page(`/requests/${code}/follow-up`))).toContain(
      '¿El personal de la ciudad que atendió su solicitud fue cortés?',
    );
    // A required answer missing: 400, localized, the comment kept.
    const bad = await rosa.post(`/requests/${code}/follow-up`, { 'a.comments': 'Tardaron un poco.' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Tardaron un poco.');
    expect(bad.headers.get('Cache-Control')).toBe('private, no-store');
    expect((await rosa.post(`/requests/${code}/follow-up`, { 'a.courtesy': 'other', 'a.comments': 'Tardaron un poco.' })).status).toBe(200);
    const response = (await q('SELECT "language", "channel" FROM "SurveyResponse" WHERE "requestId" = $1', [(await row(code)).id]))[0];
    expect(response).toEqual({ language: 'es', channel: 'web' });
    // Answered: no more offer; the mailed link now says so.
    expect(await rosa.page(`/requests/${code}`)).not.toContain(`/requests/${code}/follow-up`);
    const link = linkIn(invite, `${server.url}/requests/${code}/follow-up?t=`);
    expect(textOf(await new Client(server.url).page(link.replace(server.url, '')))).toContain('This follow-up has already been answered.');
  });

  it('opens the form only to the link, the requester or the link holder: everyone else gets 404; not before closing', async () => {
    const anon = new Client(server.url);
    const code = await fileRequest(anon, 'graffiti', { ...graffiti, contactEmail: uniqueEmail('x') });
    // Open, not closed: the holder sees "opens when closed", nobody can post.
    expect(textOf(await anon.page(`/requests/${code}/follow-up`))).toContain('This follow-up opens when the request is closed.');
    expect((await anon.post(`/requests/${code}/follow-up`, { 'a.courtesy': 'courteous' })).status).toBe(400);
    await resolveAndClose(await signedIn(server.url, DEMO.staff), code);
    const got: Record<string, number> = {};
    for (const [who, make] of Object.entries(people)) {
      const client = await make();
      got[who] = (await client.get(`/requests/${code}/follow-up`)).status;
    }
    // Staff read the request, but answer on the request page (recording what a caller said).
    expect(got).toEqual({
      anonymous: 404,
      resident: 404,
      moderator: 404,
      staff: 404,
      admin: 404,
      'liaison of Public Works': 404,
      'liaison of Parks': 404,
    });
    expect((await new Client(server.url).get(`/requests/${code}/follow-up?t=not-the-token`)).status).toBe(404);
    const stranger = new Client(server.url);
    await stranger.get('/');
    expect((await stranger.post(`/requests/${code}/follow-up?t=not-the-token`, { 'a.courtesy': 'courteous' })).status).toBe(404);
    expect((await anon.get(`/requests/${code}/follow-up`)).status).toBe(200);
    expect(await count('SurveyResponse', '"requestId" = $1', [(await row(code)).id])).toBe(0);
  });

  it("lets city-wide staff and admins type in a phone caller's answer, once, marked as recorded by staff; not the liaisons it rates; no invitation without an address", async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const codes: Record<string, string> = {};
    for (const who of ['staff', 'admin', 'liaison of Public Works']) {
      codes[who] = await record(staff, 'graffiti', {
        ...graffiti,
        description: `Call for ${who}`,
        source: 'phone',
        priority: 'normal',
        contactLocale: 'es',
        contactPhone: '555 0100',
      });
      await resolveAndClose(staff, codes[who]);
    }
    expect(await count('SurveyInvitation', `"requestId" = $1`, [(await row(codes.staff)).id])).toBe(0);
    const expected: Record<string, number> = {
      anonymous: 404,
      resident: 404,
      moderator: 404,
      'liaison of Parks': 404,
      staff: 303,
      admin: 303,
      'liaison of Public Works': 403,
    };
    const got: Record<string, number> = {};
    for (const [who, make] of Object.entries(people)) {
      const client = await make();
      const code = codes[who] ?? codes.staff;
      if (!client.csrf) await client.get('/');
      got[who] = (
        await client.post(`/requests/${code}`, { intent: 'followUp', 'a.courtesy': 'discourteous', 'a.comments': `Said to ${who}` })
      ).status;
    }
    expect(got).toEqual(expected);
    // This test's three requests (the demo city has staff-recorded answers of its own).
    const mine = await Promise.all(Object.values(codes).map(async (c) => String((await row(c)).id)));
    const stored = await q(
      `SELECT "requestId", "channel", "recordedById" FROM "SurveyResponse" WHERE "channel" = 'staff' AND "requestId" IN ($1, $2, $3) ORDER BY "submittedAt"`,
      mine,
    );
    expect(stored).toHaveLength(2);
    expect(stored.map((s) => s.recordedById).sort()).toEqual([await userId(DEMO.staff), await userId(DEMO.admin)].sort());
    // Written as survey answers: in the follow-up's results under the request's department and type.
    const request = await row(codes.staff);
    const segment = `${request.departmentId}/${request.typeId}`;
    const comments = await q(`SELECT text, segment FROM "SurveyTextAnswer" WHERE text = 'Said to staff'`);
    expect(comments).toEqual([{ text: 'Said to staff', segment }]);
    const [tally] = await q(
      `SELECT sum(count) AS n FROM "SurveyTally" WHERE "questionKey" = 'courtesy' AND bucket = 'discourteous' AND segment = $1`,
      [segment],
    );
    expect(Number(tally.n)).toBeGreaterThanOrEqual(2);
    // Once per request.
    const again = await act(staff, codes.staff, { intent: 'followUp', 'a.courtesy': 'courteous' });
    expect(again.status).toBe(400);
    expect(textOf(await again.text())).toContain('This follow-up has already been answered.');
    const page = textOf(await staff.page(`/requests/${codes.admin}`));
    expect(page).toContain('Recorded by staff (Ana Admin');
    expect(page).toContain('Said to admin');
    // Not before the request is closed.
    const open = await record(staff, 'graffiti', { ...graffiti, source: 'phone', priority: 'normal', contactLocale: 'en' });
    const early = await act(staff, open, { intent: 'followUp', 'a.courtesy': 'courteous' });
    expect(early.status).toBe(400);
    expect(textOf(await early.text())).toContain('once the request is closed');
    // A requester invited by mail answers for themselves while the link is valid.
    const invited = await record(staff, 'graffiti', {
      ...graffiti,
      source: 'phone',
      priority: 'normal',
      contactLocale: 'en',
      contactEmail: uniqueEmail('invited'),
    });
    await resolveAndClose(staff, invited);
    const preempted = await act(staff, invited, { intent: 'followUp', 'a.courtesy': 'courteous' });
    expect(preempted.status).toBe(400);
    expect(textOf(await preempted.text())).toContain('their own answer is awaited');
    expect(await count('SurveyResponse', '"requestId" = $1', [(await row(invited)).id])).toBe(0);
  });
});

describe('duplicates keep their requesters informed', () => {
  it('mails the public progress of the original to the contacts of its duplicates, in their language, with their own link; the page shows it under "merged into"', async () => {
    const first = new Client(server.url); // reports first, in English
    const second = new Client(server.url); // reports the same thing later, in Spanish
    const firstEmail = uniqueEmail('first');
    const secondEmail = uniqueEmail('second');
    const original = await fileRequest(first, 'graffiti', { ...graffiti, contactName: 'Olga Original', contactEmail: firstEmail });
    const duplicate = await fileRequest(second, 'graffiti', { ...graffiti, contactEmail: secondEmail }, 'es');
    const staff = await signedIn(server.url, DEMO.staff);
    expect((await act(staff, duplicate, { intent: 'status', status: 'duplicate', duplicateOf: original })).status).toBe(303);
    // A public note and a status change on the original reach the duplicate's contact.
    expect((await act(staff, original, { intent: 'note', note: 'INTERNAL: ask the owner first' })).status).toBe(303);
    expect((await act(staff, original, { intent: 'note', note: 'A crew comes on Monday.', notePublic: 'on' })).status).toBe(303);
    expect((await act(staff, original, { intent: 'status', status: 'in_progress' })).status).toBe(303);
    const locale = String((await q('SELECT "locale" FROM "RequesterContact" WHERE "email" = $1', [secondEmail]))[0].locale);
    const note = await server.mail.waitFor(secondEmail, (m) => m.text.includes('A crew comes on Monday.'));
    const progress = await server.mail.waitFor(secondEmail, (m) => m.subject.includes(locale === 'es' ? 'En curso' : 'In progress'));
    for (const mail of [note, progress]) {
      expect(mail.subject).toContain(duplicate);
      expect(mail.text).toContain(original);
      expect(mail.text).toContain(`${server.url}/requests/${duplicate}`);
      expect(mail.text).not.toContain(`${server.url}/requests/${original}`);
      expect(mail.text).not.toContain('?t=');
      expect(mail.text).not.toContain(firstEmail);
      expect(mail.text).not.toContain('Olga');
    }
    expect(locale).toBe('es');
    expect(note.text).toContain(`Su solicitud ${duplicate} se unió a la solicitud ${original}`);
    expect(server.mail.messages.filter((m) => m.to.includes(secondEmail) && m.text.includes('INTERNAL'))).toEqual([]);
    // The duplicate's page (its secret link's cookie) shows the original's public progress only.
    expect((await second.get(`/requests/${duplicate}`, { 'Accept-Language': 'es' })).status).toBe(200);
    const page = textOf(second.lastHtml);
    expect(page).toContain(`Unida a la solicitud ${original}`);
    expect(page).toContain('A crew comes on Monday.');
    expect(page).toContain('En curso');
    expect(page).not.toContain('INTERNAL');
    expect(page).not.toContain(firstEmail);
    expect(page).not.toContain('Olga');
    // The original's own requester still gets their mail (once).
    await server.mail.waitFor(firstEmail, (m) => m.text.includes('A crew comes on Monday.'));
  });
});

describe('the follow-up form is rate limited', () => {
  it('answers 429 with Retry-After once one address has posted too often', async () => {
    const client = new Client(server.url);
    await client.get('/');
    let last: Response | undefined;
    for (let i = 0; i < 25 && last?.status !== 429; i++)
      last = await client.post('/requests/ZZZZZZZZ/follow-up?t=guess', { 'a.courtesy': 'courteous' });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
