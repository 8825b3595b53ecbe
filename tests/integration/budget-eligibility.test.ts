import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb } from '~/lib/db.server';
import { eligibleNeighborhood, residenciesOf } from '~/modules/budgets/eligibility/eligibility.server';
import { expectAnswer, type Expected } from '../support/authorization';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { insertFilled, sqlOf } from '../support/sql';
import { newResident } from '../support/surveys';
import { withTestServer } from '../support/test-server';

/**
 * Residency verification for participatory budgets on the real routes
 * (app/modules/budgets/eligibility): who may use each page, the census upload (a bad file stores
 * nothing, a new one replaces the list) and matching, letters and their codes (right, wrong,
 * someone else's, used, rate limited), staff verification and revocation, and eligibleNeighborhood
 * for city-wide and neighborhood processes.
 */
const server = withTestServer();
const sql = sqlOf(server);
let hoods: Record<string, string> = {};
let people: Record<'admin' | 'staff' | 'moderator' | 'resident', Client>;

beforeAll(async () => {
  const rows = (await sql(`SELECT id, slug FROM "Neighborhood"`)) as { id: string; slug: string }[];
  hoods = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
  const [admin, staff, moderator, resident] = await Promise.all(
    [DEMO.admin, DEMO.staff, DEMO.moderator, DEMO.resident].map((e) => signedIn(server.url, e)),
  );
  people = { admin, staff, moderator, resident };
});
afterAll(async () => {
  await closeDb();
});

const residency = async (userId: string) =>
  (await sql(`SELECT "neighborhoodId", method, "verifiedById" FROM "Residency" WHERE "userId" = $1 ORDER BY "neighborhoodId"`, [
    userId,
  ])) as { neighborhoodId: string; method: string; verifiedById: string | null }[];
const count = async (statement: string, params: unknown[] = []) => Number((await sql(statement, params))[0].n);
const auditCount = (action: string, targetId?: string) =>
  targetId
    ? count(`SELECT COUNT(*) AS n FROM "AuditLog" WHERE action = $1 AND "targetId" = $2`, [action, targetId])
    : count(`SELECT COUNT(*) AS n FROM "AuditLog" WHERE action = $1`, [action]);

/** Posts the census upload as multipart/form-data, like a browser without JavaScript. */
async function uploadCensus(client: Client, text: string) {
  await client.get('/staff/budgets/census');
  const body = new FormData();
  body.append('csrf', client.csrf);
  body.append('file', new Blob([text], { type: 'text/csv' }), 'census.csv');
  return client.send('/staff/budgets/census', body);
}

async function residencyPost(client: Client, fields: Record<string, string>) {
  await client.get('/account/residency');
  return client.post('/account/residency', fields);
}

describe('who may verify residents', () => {
  it('lets only manage:budget (staff, admins) use the residents and census pages', async () => {
    const cases: [string, Client, Expected][] = [
      ['/staff/budgets/residents', people.staff, 200],
      ['/staff/budgets/residents', people.admin, 200],
      ['/staff/budgets/residents', people.moderator, 403],
      ['/staff/budgets/residents', people.resident, 403],
      ['/staff/budgets/residents', new Client(server.url), 'signin'],
      ['/staff/budgets/census', people.staff, 200],
      ['/staff/budgets/census', people.moderator, 403],
      ['/staff/budgets/census', new Client(server.url), 'signin'],
    ];
    for (const [path, client, expected] of cases) await expectAnswer(await client.get(path), expected, path);
    // The actions check too: a resident cannot verify anyone (themselves included) nor upload a census.
    const { id } = await newResident(server.url, server.database.url);
    const email = String((await sql(`SELECT email FROM "User" WHERE id = $1`, [id]))[0].email);
    await people.resident.get('/account');
    const refused = await people.resident.post('/staff/budgets/residents', { intent: 'verify', email, neighborhoodId: hoods.riverside });
    await expectAnswer(refused, 403, '/staff/budgets/residents');
    expect(await residency(id)).toEqual([]);
    const census = new FormData();
    census.append('csrf', people.moderator.csrf);
    census.append('file', new Blob(['address,neighborhood\n1 Oak St,riverside\n'], { type: 'text/csv' }), 'c.csv');
    await expectAnswer(await people.moderator.send('/staff/budgets/census', census), 403, '/staff/budgets/census');
  });

  it('lets only print:residency-letter (admins) see and print letters', async () => {
    await expectAnswer(await people.admin.get('/admin/residency-letters'), 200, '/admin/residency-letters');
    await expectAnswer(await people.staff.get('/admin/residency-letters'), 403, '/admin/residency-letters');
    await expectAnswer(await new Client(server.url).get('/admin/residency-letters'), 'signin', '/admin/residency-letters');
    await people.staff.get('/account');
    await expectAnswer(await people.staff.post('/admin/residency-letters', { intent: 'print' }), 403, '/admin/residency-letters');
    expect(textOf(await people.admin.page('/admin'))).toContain('Residency letters');
    expect(textOf(await people.staff.page('/account'))).toContain('Residency for participatory budgets');
  });

  it('shows a resident their own residency page, and sends visitors to sign in', async () => {
    await expectAnswer(await people.resident.get('/account/residency'), 200, '/account/residency');
    await expectAnswer(await new Client(server.url).get('/account/residency'), 'signin', '/account/residency');
    // Spanish for a reader of Spanish.
    expect(textOf(await people.resident.page('/account/residency'))).toContain('Residencia para los presupuestos participativos');
  });
});

describe('the census', () => {
  it('stores nothing from a bad file and reports each line; a good file replaces the list', async () => {
    expect(
      (await uploadCensus(people.staff, 'address,neighborhood\n120 Calle Rosa,las-flores\n4 Oak St.,Riverside\n9 Elm Ave,old-town\n'))
        .status,
    ).toBe(303);
    expect(await count(`SELECT COUNT(*) AS n FROM "CensusAddress"`)).toBe(3);
    expect(await auditCount('residency.census-replace')).toBe(1);
    const page = textOf(await people.staff.page('/staff/budgets/census'));
    expect(page).toMatch(/3 addresses, uploaded/);

    const bad = await uploadCensus(
      people.staff,
      'address,neighborhood\n1 New St,riverside\n2 New St,Atlantis\n,riverside\n1 NEW STREET,old-town\n',
    );
    expect(bad.status).toBe(400);
    const report = textOf(await bad.text());
    expect(report).toContain('Nothing was stored');
    expect(report).toMatch(/3 No neighborhood has this name\. Atlantis/);
    expect(report).toMatch(/4 The address is empty\./);
    expect(report).toMatch(/5 The same address is already on line 2\. 1 NEW STREET/);
    expect(await count(`SELECT COUNT(*) AS n FROM "CensusAddress"`)).toBe(3);

    const unreadable = await uploadCensus(people.staff, 'just one column\nx\n');
    expect(unreadable.status).toBe(400);
    expect(await count(`SELECT COUNT(*) AS n FROM "CensusAddress"`)).toBe(3);

    expect(
      (await uploadCensus(people.staff, 'Dirección;Barrio\n120 Calle Rosa;Las Flores\n"4 Oak Street, Apt 2";riverside\n')).status,
    ).toBe(303);
    const rows = (await sql(`SELECT normalized, "neighborhoodId" FROM "CensusAddress" ORDER BY normalized`)) as {
      normalized: string;
      neighborhoodId: string;
    }[];
    expect(rows).toEqual([
      { normalized: '120 calle rosa', neighborhoodId: hoods['las-flores'] },
      { normalized: '4 oak street apartment 2', neighborhoodId: hoods.riverside },
    ]);
  });

  it('verifies a resident whose typed address matches, however it is written; no match says so and keeps the address', async () => {
    const { client, id } = await newResident(server.url, server.database.url);
    const miss = await residencyPost(client, { intent: 'address', address: '9 Elm Avenue' });
    expect(miss.status).toBe(400);
    const html = await miss.text();
    expect(textOf(html)).toContain("This address is not in the city's address list");
    expect(textOf(html)).toContain('Ask for a letter with a code instead');
    expect(html).toContain('value="9 Elm Avenue"');
    expect(await residency(id)).toEqual([]);

    expect((await residencyPost(client, { intent: 'address', address: '' })).status).toBe(400);
    const hit = await residencyPost(client, { intent: 'address', address: '  4 OAK St.,  apt 2 ' });
    expect(hit.status).toBe(303);
    expect(await residency(id)).toEqual([{ neighborhoodId: hoods.riverside, method: 'census', verifiedById: null }]);
    expect(await auditCount('residency.verify', id)).toBe(1);
    expect(textOf(await client.page('/account/residency'))).toMatch(/Riverside Matched in the city's address list/);
  });
});

describe('letters with a one-time code', () => {
  it('prints each asked-for letter once with its code, which verifies its owner once', async () => {
    const a = await newResident(server.url, server.database.url);
    const b = await newResident(server.url, server.database.url);
    // A letter needs a known neighborhood and an address; the address is kept on error.
    const bad = await residencyPost(a.client, {
      intent: 'letter',
      neighborhoodId: 'nowhere',
      postalAddress: '77 Calle Lirio\nArroyo Verde',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('77 Calle Lirio');
    expect((await residencyPost(a.client, { intent: 'letter', neighborhoodId: hoods['las-flores'], postalAddress: '' })).status).toBe(400);
    const asked = await residencyPost(a.client, {
      intent: 'letter',
      neighborhoodId: hoods['las-flores'],
      postalAddress: '77 Calle Lirio\nArroyo Verde',
    });
    expect(asked.status).toBe(303);
    const again = await residencyPost(a.client, { intent: 'letter', neighborhoodId: hoods.riverside, postalAddress: '1 Elsewhere' });
    expect(again.status).toBe(409);
    expect(textOf(await again.text())).toContain('You have already asked for a letter');
    expect(await count(`SELECT COUNT(*) AS n FROM "ResidencyCode" WHERE "userId" = $1`, [a.id])).toBe(1);

    const list = textOf(await people.admin.page('/admin/residency-letters'));
    expect(list).toContain('77 Calle Lirio');
    const printed = await people.admin.post('/admin/residency-letters', { intent: 'print' });
    expect(printed.status).toBe(200);
    expect(printed.headers.get('cache-control')).toContain('no-store');
    const letters = await printed.text();
    const code = /class="letter-code">([0-9A-Z]{5}-[0-9A-Z]{5})</.exec(letters)?.[1];
    expect(code).toBeTruthy();
    expect(textOf(letters)).toContain('77 Calle Lirio');
    expect(textOf(letters)).toContain('Your code to verify your residency');
    const stored = (await sql(`SELECT "codeHash", "printedAt" FROM "ResidencyCode" WHERE "userId" = $1`, [a.id]))[0];
    expect(stored.codeHash).toBe(createHash('sha256').update(code!.replace('-', '')).digest('hex'));
    expect(stored.printedAt).toBeTruthy();
    expect(await auditCount('residency.letters-print')).toBeGreaterThanOrEqual(1);
    // Shown once: the list no longer has it, and printing again prints nothing.
    const after = await people.admin.page('/admin/residency-letters');
    expect(after).not.toContain(code!);
    expect(textOf(after)).not.toContain('77 Calle Lirio');
    expect((await people.admin.post('/admin/residency-letters', { intent: 'print' })).status).toBe(409);

    // Someone else's code proves nothing about them.
    const stolen = await residencyPost(b.client, { intent: 'code', code: code! });
    expect(stolen.status).toBe(400);
    expect(await residency(b.id)).toEqual([]);
    const wrong = await residencyPost(a.client, { intent: 'code', code: 'ZZZZZ-ZZZZZ' });
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(textOf(wrongHtml)).toContain('This code is not right');
    expect(wrongHtml).toContain('value="ZZZZZ-ZZZZZ"');
    expect(await residency(a.id)).toEqual([]);

    const right = await residencyPost(a.client, { intent: 'code', code: code!.toLowerCase().replace('-', ' ') });
    expect(right.status).toBe(303);
    expect(await residency(a.id)).toEqual([{ neighborhoodId: hoods['las-flores'], method: 'mail_code', verifiedById: null }]);
    expect((await sql(`SELECT "usedAt" FROM "ResidencyCode" WHERE "userId" = $1`, [a.id]))[0].usedAt).toBeTruthy();
    const used = await residencyPost(a.client, { intent: 'code', code: code! });
    expect(used.status).toBe(409);
    expect(textOf(await used.text())).toContain('This code has already been used.');
  });

  it('limits code attempts per account: 429 with Retry-After, the code kept', async () => {
    const { client, id } = await newResident(server.url, server.database.url);
    for (let i = 0; i < 5; i++) expect((await residencyPost(client, { intent: 'code', code: `AAAAA-AAAA${i}` })).status).toBe(400);
    const refused = await residencyPost(client, { intent: 'code', code: 'BBBBB-BBBBB' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60);
    const html = await refused.text();
    expect(textOf(html)).toMatch(/Too many attempts\. Try again in 1[0-5] minutes\./);
    expect(html).toContain('value="BBBBB-BBBBB"');
    expect(await residency(id)).toEqual([]);
  });
});

describe('staff verification', () => {
  it('finds a person by e-mail, verifies them for a neighborhood, lists and revokes, all audited', async () => {
    const { id } = await newResident(server.url, server.database.url);
    const email = String((await sql(`SELECT email FROM "User" WHERE id = $1`, [id]))[0].email);
    const staffId = String((await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.staff]))[0].id);
    const found = textOf(await people.staff.page(`/staff/budgets/residents?email=${encodeURIComponent(email)}`));
    expect(found).toContain(email);
    expect(found).toContain('No verified residency yet.');

    const unknown = await people.staff.post('/staff/budgets/residents', {
      intent: 'verify',
      email: 'nobody@example.org',
      neighborhoodId: hoods.northgate,
    });
    expect(unknown.status).toBe(400);
    const unknownHtml = await unknown.text();
    expect(textOf(unknownHtml)).toContain('No account uses this e-mail address.');
    expect(unknownHtml).toContain('value="nobody@example.org"');
    expect((await people.staff.post('/staff/budgets/residents', { intent: 'verify', email, neighborhoodId: 'nowhere' })).status).toBe(400);

    const verified = await people.staff.post('/staff/budgets/residents', { intent: 'verify', email, neighborhoodId: hoods.northgate });
    expect(verified.status).toBe(303);
    expect(await residency(id)).toEqual([{ neighborhoodId: hoods.northgate, method: 'staff', verifiedById: staffId }]);
    expect(await auditCount('residency.verify', id)).toBe(1);

    const listed = textOf(await people.staff.page(`/staff/budgets/residents?neighborhood=${hoods.northgate}`));
    expect(listed).toContain(email);
    expect(textOf(await people.staff.page(`/staff/budgets/residents?neighborhood=${hoods['old-town']}`))).not.toContain(email);
    const badFilter = await people.staff.get('/staff/budgets/residents?page=abc&email=not-an-email');
    expect(badFilter.status).toBe(400);
    expect(await badFilter.text()).toContain('value="not-an-email"');

    const revoked = await people.staff.post('/staff/budgets/residents', { intent: 'revoke', userId: id, neighborhoodId: hoods.northgate });
    expect(revoked.status).toBe(303);
    expect(await residency(id)).toEqual([]);
    expect(await auditCount('residency.revoke', id)).toBe(1);
    expect(
      (await people.staff.post('/staff/budgets/residents', { intent: 'revoke', userId: id, neighborhoodId: hoods.northgate })).status,
    ).toBe(404);
  });
});

describe('eligibleNeighborhood', () => {
  it('answers a verified residency anywhere for a city-wide process, one of its scopes otherwise, else null', async () => {
    const process = async (id: string, scope: string, scopes: string[]) => {
      const channelId = `ch-${id}`;
      await insertFilled(server.database.url, 'Channel', { id: channelId, slug: channelId, kind: 'budget', name: '{"en":"Forum"}' });
      await insertFilled(server.database.url, 'BudgetProcess', { id, slug: id, scope, channelId, currency: 'USD', total: 100000 });
      for (const n of scopes) await insertFilled(server.database.url, 'BudgetScope', { processId: id, neighborhoodId: n });
      return { id, scope };
    };
    const city = await process('elig-city', 'city', []);
    const north = await process('elig-north', 'neighborhoods', [hoods.northgate, hoods['old-town']]);
    const river = await process('elig-river', 'neighborhoods', [hoods.riverside]);

    const { id } = await newResident(server.url, server.database.url);
    expect(await eligibleNeighborhood(id, city)).toBeNull();
    await people.staff.page('/staff/budgets/residents');
    const email = String((await sql(`SELECT email FROM "User" WHERE id = $1`, [id]))[0].email);
    const verify = (neighborhoodId: string) => people.staff.post('/staff/budgets/residents', { intent: 'verify', email, neighborhoodId });
    expect((await verify(hoods['old-town'])).status).toBe(303);
    expect(await eligibleNeighborhood(id, city)).toBe(hoods['old-town']);
    expect(await eligibleNeighborhood(id, north)).toBe(hoods['old-town']);
    expect(await eligibleNeighborhood(id, river)).toBeNull();
    expect((await verify(hoods.riverside)).status).toBe(303);
    expect(await eligibleNeighborhood(id, river)).toBe(hoods.riverside);
    expect(await eligibleNeighborhood(id, city)).toBe(hoods['old-town']);
    expect((await residenciesOf(id)).map((r) => r.slug).sort()).toEqual(['old-town', 'riverside']);
    expect(await eligibleNeighborhood('no-such-user', city)).toBeNull();
  });

  it("puts residency in the person's data export and erases it with the account", async () => {
    const { client, id } = await newResident(server.url, server.database.url);
    expect((await residencyPost(client, { intent: 'address', address: '120 Calle Rosa' })).status).toBe(303);
    expect((await residencyPost(client, { intent: 'letter', neighborhoodId: hoods.riverside, postalAddress: '5 River Rd' })).status).toBe(
      303,
    );
    const exported = (await (await client.get('/account/export')).json()) as Record<string, unknown>;
    expect(exported.residencies).toEqual([{ neighborhood: 'las-flores', method: 'census', verifiedAt: expect.any(String) }]);
    expect(exported.residencyLetters).toMatchObject([{ address: '5 River Rd', printedAt: null, usedAt: null }]);
    expect(JSON.stringify(exported)).not.toContain('codeHash');

    await client.get('/account/delete');
    expect((await client.post('/account/delete', { currentPassword: DEMO.password, confirm: 'on' })).status).toBe(303);
    expect(await residency(id)).toEqual([]);
    expect(await count(`SELECT COUNT(*) AS n FROM "ResidencyCode" WHERE "userId" = $1`, [id])).toBe(0);
  });
});
