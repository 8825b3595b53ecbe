import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, rowWith, signedIn, textOf } from '../support/client';
import { newVerifiedMember } from '../support/accounts';
import { DEMO_CITY_FORM } from '../support/city';
import { sqlOf } from '../support/sql';
import { withTestServer } from '../support/test-server';

const server = withTestServer();
let admin: Client;
beforeAll(async () => {
  admin = await signedIn(server.url, DEMO.admin);
});

const CITY = DEMO_CITY_FORM;

/** The id in the edit link of the table row that shows `slug`. */
async function idOf(client: Client, list: '/admin/neighborhoods' | '/admin/departments', slug: string) {
  const row = rowWith(await client.page(list), `<td>${slug}</td>`);
  const id = row && new RegExp(`href="${list}/([^"]+)"`).exec(row)?.[1];
  if (!id) throw new Error(`no row for ${slug} on ${list}`);
  return id;
}

/** A home page in the given language (the language switch sets a cookie, like a browser). */
async function homeIn(lng: 'en' | 'es') {
  const visitor = new Client(server.url);
  await visitor.get('/');
  await visitor.post('/language', { locale: lng, redirectTo: '/' });
  return textOf(await visitor.page('/'));
}

/** Signs up and verifies a new resident through the real mail, then signs them in. */
const newVerifiedUser = (displayName: string) => newVerifiedMember(server, displayName, { emailPrefix: 'person' });

/** The actions listed in the audit table, top to bottom. */
function actionsIn(html: string) {
  const body = html.slice(html.indexOf('<tbody>'));
  return [...body.matchAll(/<code class="audit-action">([a-z.-]+)<\/code>/g)].map((m) => m[1]);
}

/** Today's date (YYYY-MM-DD) in the city's time zone. */
function todayInCity() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CITY.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

describe('admin index', () => {
  it('links to every section an admin may use', async () => {
    const text = textOf(await admin.page('/admin'));
    for (const section of ['City settings', 'Neighborhoods', 'Departments', 'Request types', 'Roles', 'Audit log', 'Mail outbox'])
      expect(text).toContain(section);
  });
});

describe('city settings', () => {
  it('saves valid settings, shown across the site, and records them', async () => {
    await admin.page('/admin/city');
    const res = await admin.post('/admin/city', { ...CITY, name: 'Arroyo Verde Springs', fiscalYearStartMonth: '10' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/city');
    const html = await admin.page('/admin/city');
    expect(textOf(html)).toContain('The city settings were saved.');
    expect(html).toContain('value="Arroyo Verde Springs"');
    expect(html).toMatch(/<option value="10" selected="">October<\/option>/);
    expect(textOf(await new Client(server.url).page('/'))).toContain('Welcome to Arroyo Verde Springs');
    // The time zone is stored in its canonical spelling.
    const tz = await admin.post('/admin/city', { ...CITY, timeZone: 'america/new_york' });
    expect(tz.status).toBe(303);
    expect(await admin.page('/admin/city')).toContain('value="America/New_York"');
    expect((await admin.post('/admin/city', CITY)).status).toBe(303);
  });

  it('refuses an unknown time zone with a localized error, keeping the input (400)', async () => {
    await admin.page('/admin/city');
    const res = await admin.post('/admin/city', { ...CITY, name: 'Kept Name', timeZone: 'Mars/Olympus_Mons' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html)).toContain('Enter a time zone name like America/Los_Angeles.');
    expect(html).toContain('value="Mars/Olympus_Mons"');
    expect(html).toContain('value="Kept Name"');
    expect(html).toMatch(/aria-invalid="true"/);
    // Nothing was stored.
    expect(await admin.page('/admin/city')).toContain(`value="${CITY.name}"`);
  });
});

describe('neighborhoods', () => {
  const mesa = {
    slug: 'mesa-alta',
    'name.en': 'Mesa Heights',
    'name.es': 'Mesa Alta',
    'description.en': 'Homes on the mesa above the river.',
    'description.es': 'Casas en la meseta sobre el río.',
    streets: 'Mesa Dr, Canyon Rd',
  };

  it('creates a neighborhood, shown on the home page in both languages, with its channel', async () => {
    await admin.page('/admin/neighborhoods');
    const res = await admin.post('/admin/neighborhoods', mesa);
    expect(res.status).toBe(303);
    expect(textOf(await admin.page('/admin/neighborhoods'))).toContain('The neighborhood was added and its channel opened.');

    const en = await homeIn('en');
    expect(en).toContain('Mesa Heights');
    expect(en).toContain('Homes on the mesa above the river.');
    const es = await homeIn('es');
    expect(es).toContain('Mesa Alta');
    expect(es).toContain('Casas en la meseta sobre el río.');

    // Its discussion channel exists: moderators can be granted to it and the directory lists it.
    expect(textOf(await admin.page('/admin/roles'))).toContain('Channel: Mesa Heights');
    expect(textOf(await admin.page('/staff'))).toContain('Mesa Heights');
  });

  it('refuses a bad or taken short name, keeping the input (400)', async () => {
    await admin.page('/admin/neighborhoods');
    const bad = await admin.post('/admin/neighborhoods', { ...mesa, slug: 'Not A Slug!' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(textOf(html)).toContain('Use lower-case letters, digits and single hyphens');
    expect(html).toContain('value="Not A Slug!"');
    expect(html).toContain('value="Mesa Heights"');

    const taken = await admin.post('/admin/neighborhoods', { ...mesa, slug: 'riverside' });
    expect(taken.status).toBe(400);
    expect(textOf(await taken.text())).toContain('This short name is already used.');

    const missing = await admin.post('/admin/neighborhoods', { ...mesa, 'name.es': '' });
    expect(missing.status).toBe(400);
    expect(textOf(await missing.text())).toContain('This field is required.');
  });

  it('edits a neighborhood and renames its channel', async () => {
    const id = await idOf(admin, '/admin/neighborhoods', 'mesa-alta');
    const page = await admin.page(`/admin/neighborhoods/${id}`);
    expect(page).toContain('value="Mesa Heights"');
    const res = await admin.post(`/admin/neighborhoods/${id}`, {
      ...mesa,
      intent: 'save',
      'name.en': 'Mesa Heights North',
      'name.es': 'Mesa Alta Norte',
    });
    expect(res.status).toBe(303);
    expect(await homeIn('es')).toContain('Mesa Alta Norte');
    expect(textOf(await admin.page('/admin/roles'))).toContain('Channel: Mesa Heights North');

    const invalid = await admin.post(`/admin/neighborhoods/${id}`, { ...mesa, intent: 'save', 'name.en': '' });
    expect(invalid.status).toBe(400);
    expect(textOf(await invalid.text())).toContain('This field is required.');
  });

  it('answers 404 for an unknown neighborhood', async () => {
    expect((await admin.get('/admin/neighborhoods/no-such-id')).status).toBe(404);
    await admin.page('/admin/neighborhoods');
    expect((await admin.post('/admin/neighborhoods/no-such-id', { intent: 'delete' })).status).toBe(404);
  });

  it('refuses to delete a neighborhood where residents live, and deletes an empty one', async () => {
    const riverside = await idOf(admin, '/admin/neighborhoods', 'riverside');
    await admin.page(`/admin/neighborhoods/${riverside}`);
    const [{ n: residents }] = await sqlOf(server)(`SELECT count(*) AS n FROM "User" WHERE "neighborhoodId" = $1`, [riverside]);
    expect(Number(residents)).toBeGreaterThan(1);
    const refused = await admin.post(`/admin/neighborhoods/${riverside}`, { intent: 'delete' });
    expect(refused.status).toBe(400);
    expect(textOf(await refused.text())).toContain(`This neighborhood cannot be deleted: ${Number(residents)} residents live there.`);
    expect(await homeIn('en')).toContain('Riverside');

    const mesaId = await idOf(admin, '/admin/neighborhoods', 'mesa-alta');
    await admin.page(`/admin/neighborhoods/${mesaId}`);
    const deleted = await admin.post(`/admin/neighborhoods/${mesaId}`, { intent: 'delete' });
    expect(deleted.status).toBe(303);
    expect(await homeIn('en')).not.toContain('Mesa Heights');
    expect(textOf(await admin.page('/admin/roles'))).not.toContain('Mesa Heights');
  });
});

describe('departments', () => {
  it('creates, edits and deletes a department', async () => {
    await admin.page('/admin/departments');
    const created = await admin.post('/admin/departments', {
      slug: 'library',
      'name.en': 'Public Library',
      'name.es': 'Biblioteca Pública',
      email: 'Library@ArroyoVerde.example',
    });
    expect(created.status).toBe(303);
    const list = textOf(await admin.page('/admin/departments'));
    expect(list).toContain('Public Library');
    expect(list).toContain('library@arroyoverde.example');
    expect(await homeIn('es')).toContain('Biblioteca Pública');

    const id = await idOf(admin, '/admin/departments', 'library');
    await admin.page(`/admin/departments/${id}`);
    const bad = await admin.post(`/admin/departments/${id}`, {
      intent: 'save',
      slug: 'library',
      'name.en': 'Public Library',
      'name.es': 'Biblioteca Pública',
      email: 'not-an-address',
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(textOf(badHtml)).toContain('Enter an e-mail address like name@example.com.');
    expect(badHtml).toContain('value="not-an-address"');

    const edited = await admin.post(`/admin/departments/${id}`, {
      intent: 'save',
      slug: 'library',
      'name.en': 'City Library',
      'name.es': 'Biblioteca Municipal',
      email: 'books@arroyoverde.example',
    });
    expect(edited.status).toBe(303);
    const directory = textOf(await admin.page('/staff'));
    expect(directory).toContain('City Library');
    expect(directory).toContain('books@arroyoverde.example');

    const taken = await admin.post('/admin/departments', {
      slug: 'library',
      'name.en': 'Other',
      'name.es': 'Otra',
      email: 'other@arroyoverde.example',
    });
    expect(taken.status).toBe(400);

    await admin.page(`/admin/departments/${id}`);
    const deleted = await admin.post(`/admin/departments/${id}`, { intent: 'delete' });
    expect(deleted.status).toBe(303);
    expect(textOf(await admin.page('/admin/departments'))).not.toContain('City Library');
    expect((await admin.get(`/admin/departments/${id}`)).status).toBe(404);
  });
});

describe('roles', () => {
  it('grants staff to a new account, which can use the directory at once; revoking ends it on the next request', async () => {
    const { client: person, email } = await newVerifiedUser('Nadia Newcomer');
    expect((await person.get('/staff')).status).toBe(403);

    await admin.page('/admin/roles');
    const granted = await admin.post('/admin/roles', { intent: 'grant', email, role: 'staff', scope: '' });
    expect(granted.status).toBe(303);
    const staffPage = await person.get('/staff');
    expect(staffPage.status).toBe(200);
    expect(textOf(await staffPage.text())).toContain('Nadia Newcomer');
    expect((await person.get('/admin')).status).toBe(403);

    const rolesHtml = await admin.page('/admin/roles');
    const row = rowWith(rolesHtml, email);
    expect(row).not.toBeNull();
    expect(textOf(row!)).toContain('Revoke City staff role for Nadia Newcomer');
    const grantId = /name="grantId" value="([^"]+)"/.exec(row!)![1];

    const twice = await admin.post('/admin/roles', { intent: 'grant', email, role: 'staff', scope: '' });
    expect(twice.status).toBe(400);
    expect(textOf(await twice.text())).toContain('This person already has this role here.');

    const revoked = await admin.post('/admin/roles', { intent: 'revoke', grantId });
    expect(revoked.status).toBe(303);
    // Same session, very next request: refused.
    expect((await person.get('/staff')).status).toBe(403);
    expect(textOf(await admin.page('/admin/roles'))).not.toContain(email);
  });

  it('names the row in each revoke button', async () => {
    const text = textOf(await admin.page('/admin/roles'));
    expect(text).toContain('Revoke Moderator of Riverside for Marta Reyes');
    expect(text).toContain('Revoke Department liaison of Public Works for Lucía Park');
  });

  it('grants a scoped role only with its scope (400 otherwise, input kept)', async () => {
    const { client: person, email } = await newVerifiedUser('Mo Derator');
    await admin.page('/admin/roles');
    const missing = await admin.post('/admin/roles', { intent: 'grant', email, role: 'moderator', scope: '' });
    expect(missing.status).toBe(400);
    const html = await missing.text();
    expect(textOf(html)).toContain('Choose where this role applies');
    expect(html).toContain(`value="${email}"`);

    const wrongKind = /value="(department:[^"]+)"/.exec(await admin.page('/admin/roles'))![1];
    const mismatch = await admin.post('/admin/roles', { intent: 'grant', email, role: 'moderator', scope: wrongKind });
    expect(mismatch.status).toBe(400);

    const channel = /value="(channel:[^"]+)"/.exec(admin.lastHtml)![1];
    const ok = await admin.post('/admin/roles', { intent: 'grant', email, role: 'moderator', scope: channel });
    expect(ok.status).toBe(303);
    expect((await person.get('/staff')).status).toBe(200);
  });

  it('refuses an unknown address and an unknown grant', async () => {
    await admin.page('/admin/roles');
    const unknown = await admin.post('/admin/roles', { intent: 'grant', email: 'nobody@example.org', role: 'staff', scope: '' });
    expect(unknown.status).toBe(400);
    expect(textOf(await unknown.text())).toContain('No account uses this e-mail address.');
    expect((await admin.post('/admin/roles', { intent: 'revoke', grantId: 'no-such-grant' })).status).toBe(404);
  });

  it('keeps the last administrator from revoking their own role', async () => {
    const row = rowWith(await admin.page('/admin/roles'), DEMO.admin)!;
    const grantId = /name="grantId" value="([^"]+)"/.exec(row)![1];
    const res = await admin.post('/admin/roles', { intent: 'revoke', grantId });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('The city must keep an administrator');
    expect((await admin.get('/admin/roles')).status).toBe(200);
  });
});

describe('audit log', () => {
  it('records each action with its actor and before/after', async () => {
    const text = textOf(await admin.page('/admin/audit'));
    for (const action of [
      'city.update',
      'neighborhood.create',
      'neighborhood.update',
      'neighborhood.delete',
      'department.create',
      'department.update',
      'department.delete',
      'role.grant',
      'role.revoke',
    ]) {
      expect(text).toContain(action);
    }
    expect(text).toContain('Ana Admin');
    expect(text).toContain('admin@arroyoverde.example');
    // An update shows only what changed, before and after.
    expect(text).toContain(
      'Before {"fiscalYearStartMonth":7,"name":"Arroyo Verde"} After {"fiscalYearStartMonth":10,"name":"Arroyo Verde Springs"}',
    );
    expect(text).toContain(
      'Before {"name":{"en":"Mesa Heights","es":"Mesa Alta"}} After {"name":{"en":"Mesa Heights North","es":"Mesa Alta Norte"}}',
    );
    expect(text).toContain('Before {"role":"staff","scopeId":null,"scopeKind":null}');
  });

  it('words each entry as a sentence, with the actor and the target named and linked', async () => {
    const html = await admin.page('/admin/audit?action=role.');
    const text = textOf(html);
    // Ana granted and revoked staff for the newcomer of the roles tests: names, not ids.
    expect(text).toContain('Ana Admin gave Nadia Newcomer the role City staff');
    expect(text).toContain('Ana Admin took the role City staff from Nadia Newcomer');
    const person = /<a [^>]*href="(\/people\/[^"]+)"[^>]*>Nadia Newcomer<\/a>/.exec(html)?.[1];
    expect(person).toBeTruthy();
    expect(html).toMatch(/<a [^>]*href="\/people\/[^"]+"[^>]*>Ana Admin<\/a>/);
    // The department's own name in the reader's language, linked to its page (one query per kind).
    // The city by its name, linked to its settings (its entries carry no id).
    const city = await admin.page('/admin/audit?action=city.update');
    expect(textOf(city)).toContain('Ana Admin changed Arroyo Verde (City)');
    expect(city).toMatch(/<a [^>]*href="\/admin\/city"[^>]*>Arroyo Verde<\/a>/);
    // A deleted department is said to be gone, not named by its id.
    expect(textOf(await admin.page('/admin/audit?action=department.delete'))).toContain(
      'Ana Admin deleted (no longer exists) (Department)',
    );
    await admin.post('/language', { locale: 'es', redirectTo: '/' });
    const es = textOf(await admin.page('/admin/audit?action=role.grant'));
    await admin.post('/language', { locale: 'en', redirectTo: '/' });
    expect(es).toContain('Ana Admin dio a Nadia Newcomer el rol Personal municipal');
  });

  it('filters by action prefix, actor, target kind and dates in the city time zone', async () => {
    const byAction = actionsIn(await admin.page('/admin/audit?action=neighborhood.'));
    expect(byAction).toContain('neighborhood.create');
    expect(byAction.every((a) => a.startsWith('neighborhood.'))).toBe(true);

    const byKind = actionsIn(await admin.page('/admin/audit?targetKind=department'));
    expect(byKind).toEqual(['department.delete', 'department.update', 'department.create']);

    const byName = actionsIn(await admin.page('/admin/audit?actor=Ana&action=role.'));
    expect(byName).toContain('role.grant');
    expect(byName).toContain('role.revoke');

    expect(textOf(await admin.page(`/admin/audit?actor=${encodeURIComponent(DEMO.admin)}`))).toContain('role.grant');
    expect(textOf(await admin.page('/admin/audit?actor=Ana'))).toContain('role.grant');
    expect(textOf(await admin.page('/admin/audit?actor=nobody%40example.org'))).toContain('No entries match these filters.');

    const today = todayInCity();
    expect(textOf(await admin.page(`/admin/audit?from=${today}&to=${today}`))).toContain('city.update');
    expect(textOf(await admin.page('/admin/audit?from=2001-01-01&to=2001-01-31'))).toContain('No entries match these filters.');

    const bad = await admin.get('/admin/audit?from=2025-02-30');
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain('Enter a date like 2025-03-31.');
    const reversed = await admin.get(`/admin/audit?from=${today}&to=2001-01-01`);
    expect(reversed.status).toBe(400);
  });

  it('pages through older entries with a keyset link', async () => {
    for (let i = 0; i < 26; i++) {
      await admin.post('/admin/city', { ...CITY, fiscalYearStartMonth: String((i % 12) + 1) });
      await admin.post('/admin/city', CITY);
    }
    const first = await admin.page('/admin/audit');
    const rows = (first.match(/<tr>/g) ?? []).length - 1; // minus the header row
    expect(rows).toBe(50);
    const older = /href="(\/admin\/audit\?before=\d+)"/.exec(first)?.[1];
    expect(older).toBeTruthy();
    expect(textOf(first)).toContain('Older entries');
    const second = textOf(await admin.page(older!.replace(/&amp;/g, '&')));
    expect(second).toContain('neighborhood.create');

    const filtered = await admin.page('/admin/audit?action=city.');
    const next = /href="(\/admin\/audit\?[^"]*before=\d+)"/.exec(filtered)?.[1];
    expect(next).toContain('action=city.');
  });

  it('exports the filtered log as CSV with a header row', async () => {
    const res = await admin.get('/admin/audit.csv?action=role.');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/);
    const csv = (await res.text()).replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('Entry,Time (UTC),Time (city),Who,Who (e-mail),Action,Target kind,Target,Before,After,Request');
    expect(lines.length).toBeGreaterThan(2);
    expect(csv).toContain('role.grant');
    expect(csv).toContain('role.revoke');
    expect(csv).toContain('Ana Admin,admin@arroyoverde.example');
    expect(csv).not.toContain('city.update');

    const all = (await (await admin.get('/admin/audit.csv')).text()).trim().split('\n');
    expect(all.length).toBeGreaterThan(51); // not limited to one page

    expect((await new Client(server.url).get('/admin/audit.csv')).status).toBe(302);
  });
});

describe('mail outbox', () => {
  it('lists sent messages, newest first, with their text', async () => {
    const html = await admin.page('/admin/mail');
    const text = textOf(html);
    expect(text).toContain('Mail outbox');
    expect(text).toMatch(/Confirm/);
    expect(text).toContain('Sent');
    expect(html).toContain('<details>');
    const dates = [...html.matchAll(/<th scope="row"><time dateTime="([^"]+)"/g)].map((m) => m[1]);
    expect(dates.length).toBeGreaterThan(1);
    expect([...dates].sort().reverse()).toEqual(dates);
    // Kinds in words, and recipients who have an account by name, linked to their profile.
    expect(text).toContain('Confirm e-mail address');
    expect(text).not.toMatch(/\bverifyEmail\b/);
    expect(html).toMatch(/<a [^>]*href="\/people\/[^"]+"[^>]*>Nadia Newcomer<\/a><br\/?>/);
  });
});
