import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, rowWith, signedIn, textOf, uniqueEmail } from '../support/client';
import { grantRole } from '../support/roles';
import { withTestServer } from '../support/test-server';
import { nextEvent, openSocket, subscribe } from '../support/sockets';
import { fileRequest } from '../support/requests';
import { sql, sqlOf, lookupsOf } from '../support/sql';

/**
 * The staff side of service requests through the real routes: liaison mail on filing, the queue
 * (filters, sorts, keyset pages, CSV), the lifecycle actions and who may use them.
 */
const server = withTestServer();
const { departmentId, userId } = lookupsOf(server);
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
});

const q = sqlOf(server);

const graffiti = { 'a.surface': 'wall', 'a.offensive': 'no', description: 'Tags on the wall.', address: '120 Main Street' };
const trees = { 'a.issues': 'wires', description: 'Branches touch the wires.', address: 'Calle Olmo 30' };

async function row(code: string) {
  return (await q('SELECT * FROM "ServiceRequest" WHERE "publicCode" = $1', [code]))[0];
}
/** Moves a date column of a request `days` into the past, in the engine's own format. */
async function backdate(code: string, column: string, days: number) {
  const r = await row(code);
  const v = r[column];
  const when = new Date(new Date(typeof v === 'number' ? v : v instanceof Date ? v : String(v)).getTime() - days * 86_400_000);
  const value = typeof v === 'number' ? when.getTime() : v instanceof Date ? when : when.toISOString();
  await q(`UPDATE "ServiceRequest" SET "${column}" = $1 WHERE "publicCode" = $2`, [value, code]);
}

/** Loads the tracking page (for the CSRF token), then posts one of its forms. */
async function act(client: Client, code: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  await client.get(`/requests/${code}`, headers);
  if (!client.csrf) await client.get('/');
  return client.post(`/requests/${code}`, fields, { headers });
}

let anon: Client; // filed anonymously, holds the secret link
let rosa: Client; // a resident, files signed in (Spanish)
let worksCode = ''; // Public Works, anonymous, with a contact e-mail
let rosaCode = ''; // Public Works, Rosa's own
let parksCode = ''; // Parks
const contactEmail = uniqueEmail('contact');
let people: Record<string, () => Promise<Client>>;

beforeAll(async () => {
  anon = new Client(server.url);
  rosa = await signedIn(server.url, DEMO.resident);
  // The captain becomes a liaison of Parks (a liaison of another department than Public Works).
  await grantRole(server.url, DEMO.captain, 'liaison', `department:${await departmentId('parks')}`);
  worksCode = await fileRequest(anon, 'graffiti', { ...graffiti, contactName: 'Ana', contactEmail, contactPhone: '(555) 010-2030' });
  rosaCode = await fileRequest(rosa, 'graffiti', { ...graffiti, description: 'Grafiti en la pared.' });
  parksCode = await fileRequest(new Client(server.url), 'tree-trimming', trees);
  people = {
    anonymous: async () => new Client(server.url),
    resident: () => signedIn(server.url, DEMO.resident),
    staff: () => signedIn(server.url, DEMO.staff),
    admin: () => signedIn(server.url, DEMO.admin),
    'liaison of Public Works': () => signedIn(server.url, DEMO.liaison),
    'liaison of Parks': () => signedIn(server.url, DEMO.captain),
    moderator: () => signedIn(server.url, DEMO.moderator),
  };
});

describe('liaison mail on filing', () => {
  it('mails every liaison of the department at once, one mail each, in their language, with the link', async () => {
    // A second liaison of Public Works who reads Spanish.
    await grantRole(server.url, DEMO.moderator, 'liaison', `department:${await departmentId('public-works')}`);
    const code = await fileRequest(new Client(server.url), 'graffiti', graffiti);
    const en = await server.mail.waitFor(DEMO.liaison, (m) => m.subject.includes(code));
    expect(en.subject).toBe(`New request ${code}: Graffiti`);
    expect(en.text).toContain(`${server.url}/requests/${code}`);
    expect(en.text).not.toContain('?t=');
    expect(en.text).toContain('120 Main Street');
    const es = await server.mail.waitFor(DEMO.moderator, (m) => m.subject.includes(code));
    expect(es.subject).toBe(`Nueva solicitud ${code}: Grafiti`);
    expect(es.text).toContain(`${server.url}/requests/${code}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.mail.messages.filter((m) => m.subject.includes(code) && m.to.includes(DEMO.liaison)).length).toBe(1);
    // Nobody outside the department (the Parks liaison, staff) is alerted.
    expect(
      server.mail.messages.filter((m) => m.subject.includes(code) && (m.to.includes(DEMO.captain) || m.to.includes(DEMO.staff))),
    ).toEqual([]);
    // The grant is withdrawn again so the moderator is a plain moderator below.
    const grants = await q('SELECT "id" FROM "RoleGrant" WHERE "userId" = $1 AND "role" = $2', [await userId(DEMO.moderator), 'liaison']);
    await q('DELETE FROM "RoleGrant" WHERE "id" = $1', [grants[0].id]);
  });
});

describe('staff queue: who may see it', () => {
  it('answers staff, admins and liaisons; sends anonymous visitors to sign in; 403 to others; same for the CSV', async () => {
    const expected: Record<string, number> = {
      anonymous: 302,
      resident: 403,
      staff: 200,
      admin: 200,
      'liaison of Public Works': 200,
      'liaison of Parks': 200,
      moderator: 403,
    };
    const got: Record<string, [number, number]> = {};
    const want: Record<string, [number, number]> = {};
    for (const [who, make] of Object.entries(people)) {
      const client = await make();
      const page = (await client.get('/staff/requests')).status;
      const csv = (await client.get('/staff/requests.csv')).status;
      got[who] = [page === 303 ? 302 : page, csv === 303 ? 302 : csv];
      want[who] = [expected[who], expected[who]];
    }
    expect(got).toEqual(want);
  });

  it('shows a liaison their own department only; staff every department', async () => {
    const works = await signedIn(server.url, DEMO.liaison);
    const html = await works.page('/staff/requests');
    expect(html).toContain(worksCode);
    expect(html).not.toContain(parksCode);
    // Filtering on another department finds nothing.
    expect(await works.page(`/staff/requests?department=${await departmentId('parks')}`)).not.toContain(parksCode);
    const parks = await signedIn(server.url, DEMO.captain);
    const parksHtml = await parks.page('/staff/requests');
    expect(parksHtml).toContain(parksCode);
    expect(parksHtml).not.toContain(worksCode);
    const staff = await signedIn(server.url, DEMO.staff);
    const all = await staff.page('/staff/requests');
    expect(all).toContain(worksCode);
    expect(all).toContain(parksCode);
    expect(textOf(rowWith(all, worksCode)!)).toContain('Graffiti');
    expect(textOf(rowWith(all, worksCode)!)).toContain('Unassigned');
    expect(await staff.page(`/staff/requests?department=${await departmentId('parks')}`)).not.toContain(worksCode);
    // A malformed filter is a 400, not a 500.
    expect((await staff.get('/staff/requests?status=bogus')).status).toBe(400);
    expect((await staff.get('/staff/requests?sort=sideways')).status).toBe(400);
  });
});

describe('lifecycle: who may act', () => {
  it("lets staff, admins and the department's liaisons act; the requester 403; everyone else 404", async () => {
    const expected: Record<string, number> = {
      anonymous: 404,
      resident: 403, // Rosa filed rosaCode: she reads it but does not handle it
      staff: 303,
      admin: 303,
      'liaison of Public Works': 303,
      'liaison of Parks': 404,
      moderator: 404,
    };
    const got: Record<string, number> = {};
    for (const [who, make] of Object.entries(people)) {
      const client = await make();
      const res = await client.post(`/requests/${rosaCode}`, { intent: 'note', note: `Internal check by ${who}` }, {});
      got[who] = res.status;
    }
    expect(got).toEqual(expected);
    // A resident who did not file it gets the page's 404.
    expect((await rosa.post(`/requests/${worksCode}`, { intent: 'note', note: 'x' })).status).toBe(404);
    // The stranger with a secret link to another request cannot act either.
    const res = await act(anon, worksCode, { intent: 'note', note: 'hello' });
    expect(res.status).toBe(403);
    const notes = await q('SELECT COUNT(*) AS n FROM "RequestEvent" WHERE "requestId" = $1 AND "kind" = $2', [
      (await row(rosaCode)).id,
      'note',
    ]);
    expect(Number(notes[0].n)).toBe(3);
  });

  it('shows the "Handle this request" section to those who handle it only', async () => {
    expect(await (await signedIn(server.url, DEMO.liaison)).page(`/requests/${worksCode}`)).toContain('Handle this request');
    expect(await (await signedIn(server.url, DEMO.staff)).page(`/requests/${parksCode}`)).toContain('Handle this request');
    expect(await rosa.page(`/requests/${rosaCode}`)).not.toContain('Atender esta solicitud');
    expect(await anon.page(`/requests/${worksCode}`)).not.toContain('Handle this request');
  });
});

describe('lifecycle: transitions', () => {
  it('acknowledges: timestamps, a public timeline entry, audit, live events and a mail to the contact', async () => {
    const liaison = await signedIn(server.url, DEMO.liaison);
    const before = await row(worksCode);
    const lastEvent = Number((await q('SELECT MAX("id") AS n FROM "Event"'))[0].n);
    const res = await act(liaison, worksCode, {
      intent: 'status',
      status: 'acknowledged',
      note: 'We will look at it this week.',
      notePublic: 'on',
    });
    expect(res.status).toBe(303);
    const after = await row(worksCode);
    expect(after.status).toBe('acknowledged');
    expect(after.acknowledgedAt).toBeTruthy();
    const events = await q(
      'SELECT "kind", "public", "fromStatus", "toStatus", "note", "actorId" FROM "RequestEvent" WHERE "requestId" = $1 AND "kind" = $2',
      [before.id, 'status'],
    );
    expect(events.map((e) => ({ ...e, public: Boolean(e.public) }))).toEqual([
      {
        kind: 'status',
        public: true,
        fromStatus: 'new',
        toStatus: 'acknowledged',
        note: 'We will look at it this week.',
        actorId: await userId(DEMO.liaison),
      },
    ]);
    const audits = await q('SELECT "action", "actorId" FROM "AuditLog" WHERE "targetId" = $1', [before.id]);
    expect(audits).toEqual([{ action: 'request.status', actorId: await userId(DEMO.liaison) }]);
    // The audit log words it, naming the liaison and the request by its code, linked.
    const [liaisonRow] = await q('SELECT "displayName" FROM "User" WHERE "email" = $1', [DEMO.liaison]);
    const log = await (await signedIn(server.url, DEMO.admin)).page('/admin/audit?action=request.status');
    expect(textOf(log)).toContain(`${liaisonRow.displayName} changed the status of ${worksCode} from New to Acknowledged`);
    expect(log).toMatch(new RegExp(`<a [^>]*href="/requests/${worksCode}"[^>]*>${worksCode}</a>`));
    const live = await q('SELECT "room", "type" FROM "Event" WHERE "id" > $1 ORDER BY "id"', [lastEvent]);
    expect(live).toEqual([
      { room: `request:${before.id}`, type: 'request.updated' },
      { room: `department:${before.departmentId}`, type: 'request.updated' },
    ]);
    const mail = await server.mail.waitFor(contactEmail, (m) => m.subject.includes('Acknowledged'));
    expect(mail.subject).toBe(`Your request ${worksCode}: Acknowledged`);
    expect(mail.text).toContain('We will look at it this week.');
    expect(mail.text).not.toContain('?t=');
    // The requester sees the new status and the public note.
    const page = textOf(await anon.page(`/requests/${worksCode}`));
    expect(page).toContain('Status changed to Acknowledged');
    expect(page).toContain('We will look at it this week.');
  });

  it('refuses transitions that are not allowed, with a localized 400 and no change', async () => {
    // The Parks liaison reads Spanish.
    const res = await act(await signedIn(server.url, DEMO.captain), parksCode, { intent: 'status', status: 'closed' });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('Esta solicitud no puede pasar a ese estado desde su estado actual.');
    expect((await row(parksCode)).status).toBe('new');
    const staff = await signedIn(server.url, DEMO.staff);
    expect((await act(staff, worksCode, { intent: 'status', status: 'closed' })).status).toBe(400);
    const bogus = await act(staff, worksCode, { intent: 'status', status: 'flying' });
    expect(bogus.status).toBe(400);
    const noResolution = await act(staff, worksCode, { intent: 'status', status: 'resolved' });
    expect(noResolution.status).toBe(400);
    expect(textOf(await noResolution.text())).toContain('Describe the resolution to resolve the request.');
    const noReason = await act(staff, worksCode, { intent: 'status', status: 'declined' });
    expect(noReason.status).toBe(400);
    expect(textOf(await noReason.text())).toContain('Give the reason for declining.');
    const noSuchDuplicate = await act(staff, worksCode, { intent: 'status', status: 'duplicate', duplicateOf: 'ZZZZZZZZ' });
    expect(noSuchDuplicate.status).toBe(400);
    expect((await row(worksCode)).status).toBe('acknowledged');
  });

  it('keeps internal notes from residents; public notes reach them', async () => {
    const liaison = await signedIn(server.url, DEMO.liaison);
    expect((await act(liaison, worksCode, { intent: 'note', note: 'INTERNAL: the owner is a council member' })).status).toBe(303);
    expect((await act(liaison, worksCode, { intent: 'note', note: 'A crew is booked for Friday.', notePublic: 'on' })).status).toBe(303);
    // An internal note given with a status change is a separate, internal entry.
    expect(
      (await act(liaison, worksCode, { intent: 'status', status: 'in_progress', note: 'INTERNAL: bring the big ladder' })).status,
    ).toBe(303);
    const resident = textOf(await anon.page(`/requests/${worksCode}`));
    expect(resident).toContain('A crew is booked for Friday.');
    expect(resident).toContain('Status changed to In progress');
    expect(resident).not.toContain('INTERNAL');
    const staff = textOf(await (await signedIn(server.url, DEMO.staff)).page(`/requests/${worksCode}`));
    expect(staff).toContain('INTERNAL: the owner is a council member');
    expect(staff).toContain('INTERNAL: bring the big ladder');
    // Staff see who did what; residents do not.
    expect(staff).toContain('Lucía Park');
    expect(resident).not.toContain('Lucía');
    // Mail went out for the public note, never for the internal ones.
    await server.mail.waitFor(contactEmail, (m) => m.text.includes('A crew is booked for Friday.'));
    expect(server.mail.messages.filter((m) => m.text.includes('INTERNAL'))).toEqual([]);
  });

  it("resolves with a resolution (the type's definition shown beside it), closes, reopens within the window only", async () => {
    const liaison = await signedIn(server.url, DEMO.liaison);
    const page = await liaison.page(`/requests/${worksCode}`);
    expect(textOf(page)).toContain('What "resolved" means for this type:');
    const resolved = await act(liaison, worksCode, { intent: 'status', status: 'resolved', resolution: 'Painted over on Friday.' });
    expect(resolved.status).toBe(303);
    let r = await row(worksCode);
    expect(r).toMatchObject({ status: 'resolved', resolutionNote: 'Painted over on Friday.' });
    expect(r.resolvedAt).toBeTruthy();
    expect((await act(liaison, worksCode, { intent: 'status', status: 'closed' })).status).toBe(303);
    r = await row(worksCode);
    expect(r.status).toBe('closed');
    expect(r.closedAt).toBeTruthy();
    // Reopened within the window: back to in progress.
    expect(
      (await act(liaison, worksCode, { intent: 'status', status: 'in_progress', note: 'Paint came off.', notePublic: 'on' })).status,
    ).toBe(303);
    r = await row(worksCode);
    expect(r).toMatchObject({ status: 'in_progress', resolvedAt: null, closedAt: null });
    expect(textOf(await anon.page(`/requests/${worksCode}`))).toContain('Reopened');
    // Resolved again, 31 days ago: the 30-day window has passed.
    expect((await act(liaison, worksCode, { intent: 'status', status: 'resolved', resolution: 'Painted again.' })).status).toBe(303);
    await backdate(worksCode, 'resolvedAt', 31);
    const late = await act(liaison, worksCode, { intent: 'status', status: 'in_progress' });
    expect(late.status).toBe(400);
    expect(textOf(await late.text())).toContain('the reopen window has passed');
    expect((await row(worksCode)).status).toBe('resolved');
  });

  it('marks a duplicate of another request, and declines with a reason; both are final', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    // Filed by a signed-in resident, who follows it.
    const other = await fileRequest(await signedIn(server.url, DEMO.captain), 'graffiti', graffiti);
    expect((await act(staff, other, { intent: 'status', status: 'duplicate', duplicateOf: rosaCode.toLowerCase() })).status).toBe(303);
    const dup = await row(other);
    expect(dup.status).toBe('duplicate');
    expect(dup.duplicateOfId).toBe((await row(rosaCode)).id);
    // Its follower now follows the original too, so they hear of its progress.
    const follows = await sql(
      server.database.url,
      `SELECT "level" FROM "Follow" WHERE "userId" = $1 AND "targetKind" = 'request' AND "targetId" = $2`,
      [await userId(DEMO.captain), dup.duplicateOfId],
    );
    expect(follows).toEqual([{ level: 'follow' }]);
    expect((await act(staff, other, { intent: 'status', status: 'in_progress' })).status).toBe(400);
    // Itself is not a duplicate of itself.
    expect((await act(staff, rosaCode, { intent: 'status', status: 'duplicate', duplicateOf: rosaCode })).status).toBe(400);
    expect((await act(staff, parksCode, { intent: 'status', status: 'declined', reason: 'These are private trees.' })).status).toBe(303);
    expect((await row(parksCode)).status).toBe('declined');
  });

  it("assigns to staff or the department's liaisons only; notifies followers of public changes", async () => {
    const liaison = await signedIn(server.url, DEMO.liaison);
    const liaisonId = await userId(DEMO.liaison);
    expect((await act(liaison, rosaCode, { intent: 'assign', assignee: liaisonId })).status).toBe(303);
    expect((await row(rosaCode)).assigneeId).toBe(liaisonId);
    // The Parks liaison cannot be given a Public Works request; a resident neither.
    expect((await act(liaison, rosaCode, { intent: 'assign', assignee: await userId(DEMO.captain) })).status).toBe(400);
    expect((await act(liaison, rosaCode, { intent: 'assign', assignee: await userId(DEMO.resident) })).status).toBe(400);
    // Assignment is internal.
    expect(textOf(await rosa.page(`/requests/${rosaCode}`))).not.toContain('Lucía');
    // "Me" and "unassigned" in the queue.
    const mine = await liaison.page('/staff/requests?assignee=me');
    expect(mine).toContain(rosaCode);
    expect(mine).not.toContain(worksCode);
    expect(await liaison.page('/staff/requests?assignee=unassigned')).not.toContain(rosaCode);
    // Rosa follows her request: a public change notifies her in the app.
    expect((await act(liaison, rosaCode, { intent: 'status', status: 'acknowledged' })).status).toBe(303);
    const notes = await q('SELECT "kind", "targetKind", "targetId" FROM "Notification" WHERE "userId" = $1 AND "kind" = $2', [
      await userId(DEMO.resident),
      'request',
    ]);
    expect(notes).toEqual([{ kind: 'request', targetKind: 'request', targetId: (await row(rosaCode)).id }]);
    expect(textOf(await rosa.page('/notifications'))).toContain(`La solicitud ${rosaCode} se actualizó: Recibida`);
  });
});

describe('staff queue: live', () => {
  it("tells the department's queue about new and changed requests as they happen", async () => {
    const liaison = await signedIn(server.url, DEMO.liaison);
    const socket = await openSocket(server.url, sockets, liaison);
    const room = `department:${await departmentId('public-works')}`;
    expect((await subscribe(socket, room)).ok).toBe(true);
    const created = nextEvent(socket, room, 'request.created');
    const code = await fileRequest(new Client(server.url), 'graffiti', graffiti);
    expect((await created).payload).toMatchObject({ code });
    const updated = nextEvent(socket, room, 'request.updated');
    expect((await act(liaison, code, { intent: 'status', status: 'acknowledged' })).status).toBe(303);
    expect((await updated).payload).toMatchObject({ code, change: 'status' });
  });
});

describe('staff queue: filters, sorts, pages and CSV', () => {
  const extra: string[] = [];
  beforeAll(async () => {
    // 55 more Public Works requests (same filing time as a template: ties are broken by id),
    // received by voicemail: a source the demo city's seeded requests do not use, so filtering
    // on it shows exactly these 55.
    expect(await q(`SELECT "id" FROM "ServiceRequest" WHERE "source" = 'voicemail'`)).toEqual([]);
    const template = await row(rosaCode);
    for (let i = 0; i < 55; i++) {
      const code8 = `Q${'ABCDEFGHJK'[Math.floor(i / 10)]}${'ABCDEFGHJK'[i % 10]}ZZZZZ`;
      extra.push(code8);
      await q(
        `INSERT INTO "ServiceRequest" ("id", "publicCode", "typeId", "typeVersion", "status", "priority", "source", "description", "answers", "departmentId", "dueAt", "createdAt", "updatedAt")
         SELECT $1, $2, "typeId", "typeVersion", 'new', $3, 'voicemail', 'Seeded', "answers", "departmentId", "dueAt", "createdAt", "updatedAt" FROM "ServiceRequest" WHERE "id" = $4`,
        [`seeded${String(i).padStart(3, '0')}`, code8, ['low', 'normal', 'high', 'urgent'][i % 4], template.id],
      );
    }
  });

  async function walk(client: Client, query: string) {
    const codes: string[] = [];
    let path: string | null = `/staff/requests?${query}`;
    let pages = 0;
    while (path) {
      const html = await client.page(path);
      for (const m of html.matchAll(/<tr data-code="([A-Z0-9]{8})"/g)) codes.push(m[1]);
      const next = /href="(\/staff\/requests\?[^"]*after=[^"]+)"/.exec(html);
      path = next ? next[1].replace(/&amp;/g, '&') : null;
      pages++;
    }
    return { codes, pages };
  }

  it('pages through every sort without gaps or repeats (keyset, 50 a page)', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const source = 'source=voicemail';
    for (const sort of ['newest', 'oldest', 'due', 'priority']) {
      const { codes, pages } = await walk(staff, `${source}&sort=${sort}`);
      expect(pages, sort).toBe(2);
      expect(new Set(codes).size, sort).toBe(55);
      expect([...codes].sort(), sort).toEqual([...extra].sort());
    }
    const byPriority = (await walk(staff, `${source}&sort=priority`)).codes;
    const rank = (code: string) =>
      ['urgent', 'high', 'normal', 'low'].indexOf(['low', 'normal', 'high', 'urgent'][extra.indexOf(code) % 4]);
    expect(byPriority.map(rank)).toEqual(byPriority.map(rank).sort((a, b) => a - b));
    const newest = (await walk(staff, `${source}&sort=newest`)).codes;
    const oldest = (await walk(staff, `${source}&sort=oldest`)).codes;
    expect(oldest).toEqual([...newest].reverse());
  });

  it('filters by status, priority, type, source and overdue', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    // Default: open requests only.
    expect(await staff.page('/staff/requests')).not.toContain(parksCode);
    const declined = await staff.page('/staff/requests?status=declined&status=duplicate');
    expect(declined).toContain(parksCode);
    expect(declined).not.toContain(rosaCode);
    expect((await walk(staff, 'source=voicemail&priority=urgent')).codes.length).toBe(13);
    const typeId = String((await q('SELECT "id" FROM "RequestType" WHERE "code" = $1', ['tree-trimming']))[0].id);
    expect(await staff.page(`/staff/requests?type=${typeId}&status=declined`)).toContain(parksCode);
    expect(await staff.page('/staff/requests?overdue=1')).not.toContain(rosaCode);
    await backdate(rosaCode, 'dueAt', 10);
    const overdue = await staff.page('/staff/requests?overdue=1');
    expect(overdue).toContain(rosaCode);
    expect(textOf(rowWith(overdue, rosaCode)!)).toContain('Overdue');
  });

  it('exports the filtered list as CSV without contact details', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const res = await staff.get('/staff/requests.csv?status=resolved&status=in_progress&status=acknowledged&status=new');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const csv = (await res.text()).replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'Request,Type,Type code,Status,Priority,Source,Department,Neighborhood,Address,Filed (UTC),Filed (local time),Due (UTC),Overdue,Assigned to,Acknowledged (UTC),Resolved (UTC),Closed (UTC)',
    );
    expect(csv).toContain(worksCode);
    expect(csv).toContain(rosaCode);
    expect(csv).not.toContain(parksCode); // declined: not in the filter
    expect(lines.length).toBeGreaterThan(57);
    expect(csv).not.toContain(contactEmail);
    expect(csv).not.toContain('010-2030'); // the contact's phone (timestamps may hold 555 in their milliseconds)
    expect(csv).not.toContain('Ana');
    expect(csv).not.toContain('Tags on the wall.');
    // In the reader's language, and a liaison's own department only.
    const es = await (await signedIn(server.url, DEMO.captain)).get('/staff/requests.csv?status=declined', { 'Accept-Language': 'es' });
    const esText = await es.text();
    expect(esText).toContain('Solicitud,Tipo');
    expect(esText).toContain(parksCode);
    expect(esText).not.toContain(worksCode);
  });

  it('merges several statuses into one order in every sort, without gaps or repeats', async () => {
    // The queue reads each status separately and merges them: spread the 55 over four statuses
    // and seven due times (filing times stay equal, so ties are broken by id across statuses).
    const statuses = ['new', 'acknowledged', 'in_progress', 'resolved'];
    const { dueAt } = await row(rosaCode);
    const due0 = new Date(typeof dueAt === 'number' || dueAt instanceof Date ? dueAt : String(dueAt)).getTime();
    const dueOf = (i: number) => due0 + (i % 7) * 3_600_000;
    // Written the way the app writes dates (SQLite: text with +00:00), or ties would not compare equal.
    const stored = (ms: number) =>
      typeof dueAt === 'number' ? ms : dueAt instanceof Date ? new Date(ms) : new Date(ms).toISOString().replace('Z', '+00:00');
    for (const [i, code] of extra.entries()) {
      await q('UPDATE "ServiceRequest" SET "status" = $1, "dueAt" = $2 WHERE "publicCode" = $3', [statuses[i % 4], stored(dueOf(i)), code]);
    }
    const staff = await signedIn(server.url, DEMO.staff);
    const all = `source=voicemail&${statuses.map((s) => `status=${s}`).join('&')}`;
    const byDue = (a: number, b: number) => dueOf(a) - dueOf(b) || a - b;
    const index = (code: string) => extra.indexOf(code);
    const rank = (i: number) => ['urgent', 'high', 'normal', 'low'].indexOf(['low', 'normal', 'high', 'urgent'][i % 4]);
    const expected: Record<string, string[]> = {
      newest: [...extra].reverse(),
      oldest: [...extra],
      due: extra
        .map((_, i) => i)
        .sort(byDue)
        .map((i) => extra[i]),
      priority: extra
        .map((_, i) => i)
        .sort((a, b) => rank(a) - rank(b) || byDue(a, b))
        .map((i) => extra[i]),
    };
    for (const sort of ['newest', 'oldest', 'due', 'priority']) {
      const { codes, pages } = await walk(staff, `${all}&sort=${sort}`);
      expect(pages, sort).toBe(2);
      expect(codes, sort).toEqual(expected[sort]);
    }
    const some = (await walk(staff, 'source=voicemail&status=acknowledged&status=in_progress&sort=due')).codes;
    expect(some.map(index).every((i) => i % 4 === 1 || i % 4 === 2)).toBe(true);
    expect(some).toHaveLength(extra.filter((_, i) => i % 4 === 1 || i % 4 === 2).length);
    // Overdue keeps the open statuses only.
    expect((await walk(staff, 'source=voicemail&status=resolved&overdue=1')).codes).toEqual([]);
  });
});
