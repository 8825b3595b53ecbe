import { beforeAll, describe, expect, it } from 'vitest';
import { expectAnswer, type Expected } from '../support/authorization';
import { DEMO_CITY_FORM } from '../support/city';
import { Client, DEMO, signedIn, textOf, uniqueEmail } from '../support/client';
import { linkIn } from '../support/mail-catcher';
import { richDoc, paragraph, textNode } from '../support/richtext';
import { sqlOf } from '../support/sql';
import { withTestServer } from '../support/test-server';

/**
 * The pages every site has (issue 15): privacy, terms, accessibility and contact, public in both
 * languages; their editing by administrators (versioned, audited); the terms accepted at
 * sign-up; and confirming one's e-mail leading on to sign-in.
 */
const server = withTestServer();
const CITY = DEMO_CITY_FORM;
const sql = sqlOf(server);
let admin: Client;
let staff: Client;
let resident: Client;

beforeAll(async () => {
  [admin, staff, resident] = await Promise.all([DEMO.admin, DEMO.staff, DEMO.resident].map((e) => signedIn(server.url, e)));
});

const PAGES = {
  privacy: ['Privacy notice', 'Aviso de privacidad', 'Photos are re-encoded', '/account/export'],
  terms: ['Terms of use', 'Condiciones de uso', 'One account per person', 'Una cuenta por persona'],
  accessibility: ['Accessibility statement', 'Declaración de accesibilidad', 'WCAG) 2.2 at level AA', 'WCAG) 2.2 en el nivel AA'],
  contact: ['Contact', 'Contacto', 'file a service request', 'presente una solicitud de servicio'],
} as const;

const version = async (key: string) =>
  Number(((await sql(`SELECT version FROM "SitePage" WHERE key = $1`, [key])) as { version: number }[])[0]?.version);
const userRow = async (email: string) =>
  (
    (await sql(`SELECT "termsAcceptedAt", "termsVersion", "privacyVersion" FROM "User" WHERE email = $1`, [email])) as {
      termsAcceptedAt: unknown;
      termsVersion: number | null;
      privacyVersion: number | null;
    }[]
  )[0];

/** A form refused as it should be: 400, the localized message shown, what was typed kept. */
async function expectRefused(res: Response, message: string, kept: string) {
  expect(res.status).toBe(400);
  const html = await res.text();
  expect(textOf(html)).toContain(message);
  expect(html).toContain(kept);
}

/** The edit form of a page as a browser without JavaScript posts it: the textareas only. */
const plainBodies = (en: string, es: string) => ({ 'body-en': '', 'body-enText': en, 'body-es': '', 'body-esText': es });

describe('public site pages', () => {
  it('shows each page to anyone, with its default text, in English and Spanish, linked from every footer', async () => {
    for (const [key, [title, titleEs, textEn, textEs]] of Object.entries(PAGES)) {
      const en = new Client(server.url);
      const res = await en.get(`/${key}`);
      expect(res.status, key).toBe(200);
      const html = en.lastHtml;
      expect(textOf(html)).toContain(title);
      expect(textOf(html)).toContain(textEn);
      const es = new Client(server.url);
      const text = textOf(await (await es.get(`/${key}`, { 'Accept-Language': 'es' })).text());
      expect(text).toContain(titleEs);
      expect(text).toContain(textEs);
      // The footer's own navigation, named apart from the main one.
      expect(html).toMatch(
        /<nav aria-label="About this site"[^>]*>[\s\S]*href="\/privacy"[\s\S]*href="\/terms"[\s\S]*href="\/accessibility"[\s\S]*href="\/contact"/,
      );
    }
  });

  it('shows the city contact details set by the admin, and a way to report a problem', async () => {
    const html = await new Client(server.url).page('/contact');
    const links = ['mailto:hello@arroyoverde.example', 'tel:+15550102000', '/requests/new'];
    expect(links.filter((href) => !html.includes(`href="${href}"`))).toEqual([]);
    const shown = ['hello@arroyoverde.example', '+1 555 010 2000', '100 Plaza Mayor', 'Monday to Friday, 8 am to 5 pm'];
    expect(shown.filter((text) => !textOf(html).includes(text))).toEqual([]);
    const es = textOf(await (await new Client(server.url).get('/contact', { 'Accept-Language': 'es' })).text());
    expect(es).toContain('De lunes a viernes, de 8:00 a 17:00');
  });
});

describe('city contact details (City settings)', () => {
  it('are changed and cleared by the admin, a bad phone refused in the reader language with the input kept', async () => {
    await admin.page('/admin/city');
    const bad = await admin.post('/admin/city', { ...CITY, contactPhone: 'call us', contactEmail: 'town@' });
    await expectRefused(bad, 'Enter a phone number with digits', 'value="call us"');

    const saved = await admin.post('/admin/city', {
      ...CITY,
      contactPhone: '',
      'openingHours.en': 'Weekdays 9–5',
      'openingHours.es': '',
    });
    expect(saved.status).toBe(303);
    const text = textOf(await new Client(server.url).page('/contact'));
    expect(text).toContain('Weekdays 9–5');
    expect(text).not.toContain('Phone');
    const audit = await sql(`SELECT after FROM "AuditLog" WHERE action = 'city.update' ORDER BY "createdAt" DESC LIMIT 1`);
    expect(JSON.stringify(audit[0].after)).toContain('Weekdays 9–5');

    expect((await admin.post('/admin/city', CITY)).status).toBe(303);
    expect(textOf(await new Client(server.url).page('/contact'))).toContain('+1 555 010 2000');
  });
});

describe('the city accent colour (City settings)', () => {
  it('refuses a colour without enough contrast or not written as #rrggbb, in the reader language, keeping the input', async () => {
    const client = await signedIn(server.url, DEMO.admin);
    await client.page('/admin/city');
    const low = await client.post('/admin/city', { ...CITY, accentColor: '#0b5d3b' });
    await expectRefused(low, 'against the page 2.3:1 (3:1 needed', 'value="#0b5d3b"');
    await client.post('/language', { locale: 'es', redirectTo: '/admin/city' });
    await client.page('/admin/city');
    const yellow = await client.post('/admin/city', { ...CITY, accentColor: '#ffff00' });
    await expectRefused(yellow, 'el texto blanco sobre él alcanza 1:1', 'value="#ffff00"');
    const named = await client.post('/admin/city', { ...CITY, accentColor: 'green' });
    await expectRefused(named, 'Escriba el color como # y seis dígitos hexadecimales', 'value="green"');
    await client.post('/language', { locale: 'en', redirectTo: '/' });
    expect(await new Client(server.url).page('/')).not.toContain('/theme.css');
  });

  it('applies an accepted colour on every page through a cacheable stylesheet of our own origin, until cleared', async () => {
    await admin.page('/admin/city');
    expect((await admin.post('/admin/city', { ...CITY, accentColor: '#1A7F52' })).status).toBe(303);
    const home = await new Client(server.url).page('/');
    expect(home).toContain('<link rel="stylesheet" href="/theme.css?accent=1a7f52"/>');
    expect(home).toContain('<meta name="theme-color" content="#1a7f52"/>');
    const css = await fetch(`${server.url}/theme.css?accent=1a7f52`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect(await css.text()).toContain('--brand: #1a7f52;');
    for (const bad of ['zzzzzz', '1a7f52;}body{display:none', ''])
      expect((await fetch(`${server.url}/theme.css?accent=${encodeURIComponent(bad)}`)).status, bad).toBe(404);

    expect((await admin.post('/admin/city', { ...CITY, accentColor: '' })).status).toBe(303);
    expect(await new Client(server.url).page('/')).not.toContain('/theme.css');
  });
});

describe('editing site pages (manage:city)', () => {
  const cases: [string, () => Client, Expected][] = [
    ['a visitor', () => new Client(server.url), 'signin'],
    ['a resident', () => resident, 403],
    ['staff', () => staff, 403],
    ['the admin', () => admin, 200],
  ];
  for (const [who, client, expected] of cases) {
    it(`answers ${expected} to ${who} on the list and the edit page`, async () => {
      for (const path of ['/admin/pages', '/admin/pages/terms']) await expectAnswer(await client().get(path), expected, path);
    });
  }

  it('refuses a post by anyone but an admin, changing nothing', async () => {
    const before = await version('accessibility');
    for (const client of [resident, staff]) {
      await client.get('/');
      const res = await client.post('/admin/pages/accessibility', plainBodies('Hijacked', 'Secuestrado'));
      await expectAnswer(res, 403, '/admin/pages/accessibility');
    }
    expect(await version('accessibility')).toBe(before);
    expect(textOf(await new Client(server.url).page('/accessibility'))).not.toContain('Hijacked');
  });

  it('answers 404 to an unknown page', async () => {
    expect((await admin.get('/admin/pages/cookies')).status).toBe(404);
    await admin.get('/admin/pages');
    expect((await admin.post('/admin/pages/cookies', plainBodies('x', 'y'))).status).toBe(404);
  });

  it('saves both languages, raises the version, writes the audit entry, and shows the new text', async () => {
    await admin.page('/admin/pages/terms');
    const before = await version('terms');
    const res = await admin.post(
      '/admin/pages/terms',
      plainBodies('Be kind to your neighbors.\n\nNo spam.', 'Sea amable con sus vecinos.'),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/pages');
    expect(await version('terms')).toBe(before + 1);
    expect(textOf(await new Client(server.url).page('/terms'))).toContain('Be kind to your neighbors.');
    expect(textOf(await new Client(server.url).page('/terms'))).toContain(`Version ${before + 1}`);
    const es = textOf(await (await new Client(server.url).get('/terms', { 'Accept-Language': 'es' })).text());
    expect(es).toContain('Sea amable con sus vecinos.');
    const [entry] = (await sql(
      `SELECT "actorId", "targetKind", "targetId", after FROM "AuditLog" WHERE action = 'site-page.update' ORDER BY "createdAt" DESC LIMIT 1`,
    )) as {
      targetKind: string;
      targetId: string;
      after: unknown;
    }[];
    expect(entry).toMatchObject({ targetKind: 'site-page', targetId: 'terms' });
    // The JSON column is text on SQLite, an object on PostgreSQL.
    const after = (typeof entry.after === 'string' ? JSON.parse(entry.after) : entry.after) as { version: number };
    expect(after.version).toBe(before + 1);

    // The same text again is no change: the version stays.
    await admin.page('/admin/pages/terms');
    expect(
      (await admin.post('/admin/pages/terms', plainBodies('Be kind to your neighbors.\n\nNo spam.', 'Sea amable con sus vecinos.'))).status,
    ).toBe(303);
    expect(await version('terms')).toBe(before + 1);
  });

  it('accepts the editor JSON (with JavaScript) as well as the plain text', async () => {
    await admin.page('/admin/pages/accessibility');
    const doc = (text: string) => JSON.stringify(richDoc([paragraph([textNode(text)])]));
    const res = await admin.post('/admin/pages/accessibility', {
      'body-en': doc('Tell us on 555 0100.'),
      'body-enText': '',
      'body-es': doc('Díganos al 555 0100.'),
      'body-esText': '',
    });
    expect(res.status).toBe(303);
    expect(textOf(await new Client(server.url).page('/accessibility'))).toContain('Tell us on 555 0100.');
  });

  it('refuses an empty body with a localized error on its language, keeping what was typed, never a 500', async () => {
    const before = await version('privacy');
    const client = await signedIn(server.url, DEMO.admin);
    await client.get('/admin/pages/privacy');
    await client.post('/language', { locale: 'es', redirectTo: '/admin/pages/privacy' });
    await client.page('/admin/pages/privacy');
    const res = await client.post('/admin/pages/privacy', plainBodies('A kept English draft', '   '));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html)).toContain('A kept English draft');
    expect(html).toMatch(/aria-invalid="true"/);
    expect(textOf(html)).toContain('Escriba algo primero.');
    // A broken editor document is a 400 too.
    const broken = await client.post('/admin/pages/privacy', { ...plainBodies('x', 'y'), 'body-en': '{"root":' });
    expect(broken.status).toBe(400);
    expect(await version('privacy')).toBe(before);
    await client.post('/language', { locale: 'en', redirectTo: '/' });
  });
});

describe('terms accepted at sign-up', () => {
  const form = (email: string, extra: Record<string, string> = {}) => ({
    displayName: 'Terms Person',
    email,
    password: 'a long enough passphrase',
    locale: 'en',
    neighborhoodId: '',
    ...extra,
  });

  it('refuses the form without the box ticked, in the reader language, keeping the input and storing nothing', async () => {
    const email = uniqueEmail('noterms');
    const client = new Client(server.url);
    await client.get('/signup');
    const res = await client.post('/signup', form(email));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(textOf(html)).toContain('Tick the box to accept the terms of use and the privacy notice');
    expect(html).toContain(`value="${email}"`);
    expect(html).toContain('value="Terms Person"');
    expect(html).toContain('href="/terms"');
    expect(html).toContain('href="/privacy"');
    expect(await userRow(email)).toBeUndefined();

    const es = new Client(server.url);
    await es.get('/signup', { 'Accept-Language': 'es' });
    const esRes = await es.post('/signup', form(uniqueEmail('noterms')), { headers: { 'Accept-Language': 'es' } });
    expect(esRes.status).toBe(400);
    expect(textOf(await esRes.text())).toContain('Marque la casilla para aceptar las condiciones de uso');
  });

  it('stores when and which versions of the terms and the privacy notice were accepted, also in the data export', async () => {
    const email = uniqueEmail('terms');
    const client = new Client(server.url);
    await client.get('/signup');
    const started = Date.now();
    const res = await client.post('/signup', form(email, { acceptTerms: 'on' }));
    expect(res.status).toBe(303);
    const row = await userRow(email);
    expect(row.termsVersion).toBe(await version('terms'));
    expect(row.privacyVersion).toBe(await version('privacy'));
    expect(new Date(row.termsAcceptedAt as string | number).getTime()).toBeGreaterThanOrEqual(started - 2000);

    // Confirming the address leads to sign-in with the address filled in and a clear message.
    const mail = await server.mail.waitFor(email, (m) => m.subject.includes('Confirm'));
    const verify = await client.get(linkIn(mail, server.url).slice(server.url.length));
    expect(verify.status).toBe(302);
    expect(verify.headers.get('location')).toBe('/signin');
    const signin = await client.page('/signin');
    expect(textOf(signin)).toContain('Your e-mail address is confirmed. Enter your password to sign in.');
    expect(signin).toMatch(
      new RegExp(`name="email"[^>]*value="${email.replace(/\./g, '\\.')}"|value="${email.replace(/\./g, '\\.')}"[^>]*name="email"`),
    );
    // The address is not in the URL (nor kept for the next page).
    expect(textOf(await client.page('/signin'))).not.toContain('is confirmed');
    expect(await client.page('/signin')).not.toContain(`value="${email}"`);

    await client.signIn(email, 'a long enough passphrase');
    const data = await (await client.get('/account/export')).json();
    expect(data.account).toMatchObject({ termsVersion: row.termsVersion, privacyVersion: row.privacyVersion });
    expect(data.account.termsAcceptedAt).toEqual(expect.any(String));
  });

  it('records a newer terms version for people who sign up after a change', async () => {
    await admin.page('/admin/pages/terms');
    expect((await admin.post('/admin/pages/terms', plainBodies(`Terms of ${Date.now()}`, `Condiciones de ${Date.now()}`))).status).toBe(
      303,
    );
    const email = uniqueEmail('terms2');
    const client = new Client(server.url);
    await client.get('/signup');
    expect((await client.post('/signup', form(email, { acceptTerms: 'on' }))).status).toBe(303);
    expect((await userRow(email)).termsVersion).toBe(await version('terms'));
  });

  it('leaves accounts made by the seed (and staff) without an acceptance', async () => {
    expect(await userRow(DEMO.resident)).toMatchObject({ termsAcceptedAt: null, termsVersion: null });
  });
});
