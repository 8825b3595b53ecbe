import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '~/lib/db.server';
import { systemCaller } from '~/lib/caller.server';
import { grantRole } from '~/modules/identity/roles.server';
import { userById } from '~/modules/identity/session.server';
import { Client, DEMO, textOf, uniqueEmail } from '../support/client';
import { linkIn } from '../support/mail-catcher';
import { newVerifiedMember } from '../support/accounts';
import { withTestServer } from '../support/test-server';

const server = withTestServer();
afterAll(async () => {
  await closeDb();
});

const PASSWORD = 'correct horse battery';
const ACCOUNT_PAGES = ['/account', '/account/email', '/account/password', '/account/sessions', '/account/delete'];

/** Signs up a fresh person, follows the verification link and signs in. */
const newMember = (name = 'Test Person') => newVerifiedMember(server, name, { emailPrefix: 'acct', password: PASSWORD });

/** A graffiti report by this person with contact details, as the intake form stores it. */
async function fileRequestFor(userId: string, publicCode: string) {
  const type = await db().requestType.findUniqueOrThrow({ where: { code: 'graffiti' } });
  return db().serviceRequest.create({
    data: {
      publicCode,
      typeId: type.id,
      typeVersion: type.currentVersion,
      priority: 'normal',
      source: 'web',
      description: 'Tags on the fence behind my house.',
      answers: {},
      address: '12 Elm St',
      departmentId: type.departmentId,
      dueAt: new Date(Date.now() + 72 * 3600 * 1000),
      requesterId: userId,
      contact: { create: { name: 'Private Name', email: 'private@example.org', phone: '555-0100' } },
      events: { create: { kind: 'created', public: true } },
    },
  });
}

function pathOf(link: string) {
  const url = new URL(link);
  return url.pathname + url.search;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let csrfMember: Awaited<ReturnType<typeof newMember>>;

describe('access', () => {
  it('sends anonymous visitors of every account page to sign in', async () => {
    const client = new Client(server.url);
    for (const path of [...ACCOUNT_PAGES, '/account/export', '/account/confirm-email?token=abcdefghijklmnop']) {
      const res = await client.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location'), path).toBe(`/signin?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  it('refuses every account form posted without the CSRF token, changing nothing', async () => {
    csrfMember = await newMember('Csrf Person');
    const { client, email } = csrfMember;
    for (const path of ACCOUNT_PAGES) {
      await client.get(path);
      const res = await client.post(
        path,
        {
          displayName: 'Changed',
          locale: 'es',
          email: uniqueEmail(),
          currentPassword: PASSWORD,
          password: 'another long passphrase',
          confirm: 'on',
        },
        { csrf: false },
      );
      expect(res.status, path).toBe(403);
    }
    const html = await client.page('/account');
    expect(html).toContain('<html lang="en"');
    expect(textOf(html)).toContain('Csrf Person');
    expect(textOf(html)).toContain(email);
  });
});

// Sign-ups are rate limited per IP (10 an hour), so members are shared where tests allow.
describe('profile', () => {
  let member: Awaited<ReturnType<typeof newMember>>;
  beforeAll(async () => {
    member = await newMember('Profile Person');
  });

  it('shows the profile and saves a valid edit', async () => {
    const { client, email } = member;
    const html = await client.page('/account');
    const text = textOf(html);
    expect(html.match(/<h1/g)).toHaveLength(1);
    expect(text).toContain('My account');
    expect(text).toContain(email);
    expect(text).toContain('Confirmed');
    expect(text).toContain('Member since');
    expect(text).toContain(String(new Date().getFullYear()));

    const riverside = /<option value="([^"]+)">Riverside<\/option>/.exec(html)?.[1];
    expect(riverside).toBeTruthy();
    const res = await client.post('/account', { displayName: 'Renamed Person', locale: 'en', neighborhoodId: riverside! });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account');
    const after = textOf(await client.page('/account'));
    expect(after).toContain('Your profile is saved.');
    expect(after).toContain('Renamed Person');
    expect(after).toMatch(/Home neighborhood Riverside/);
  });

  it('answers bad input with 400, localized errors and the input kept', async () => {
    const { client } = member;
    await client.get('/account');
    const long = 'x'.repeat(61);
    const res = await client.post('/account', { displayName: long, locale: 'fr', neighborhoodId: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`value="${long}"`);
    expect(textOf(html)).toContain('Use at most 60 characters.');
    expect(textOf(html)).toContain('Choose one of the options.');
    expect(html).toMatch(/aria-invalid="true"/);

    const unknownPlace = await client.post('/account', { displayName: 'Still Me', locale: 'en', neighborhoodId: 'no-such-place' });
    expect(unknownPlace.status).toBe(400);
    const unknownHtml = await unknownPlace.text();
    expect(unknownHtml).toContain('value="Still Me"');
    expect(textOf(unknownHtml)).toContain('Choose one of the options.');
    expect(textOf(await client.page('/account'))).toContain('Renamed Person');
  });

  it('switches the page language at once when the preferred language changes', async () => {
    const { client } = member;
    await client.get('/account');
    const res = await client.post('/account', { displayName: 'Renamed Person', locale: 'es', neighborhoodId: '' });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('lng=') && !/max-age=0\b/i.test(c))).toBe(true);
    const html = await client.page('/account');
    expect(html).toContain('<html lang="es"');
    expect(textOf(html)).toContain('Mi cuenta');
    expect(textOf(html)).toContain('Su perfil se ha guardado.');
  });
});

describe('change password', () => {
  it('refuses a wrong current password, then changes it, keeping only this device signed in', async () => {
    const { client, email } = await newMember();
    const other = new Client(server.url);
    await other.signIn(email, PASSWORD);

    await client.get('/account/password');
    const wrong = await client.post('/account/password', {
      currentPassword: 'not my password at all',
      password: 'a fresh long passphrase',
      confirmPassword: 'a fresh long passphrase',
    });
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(textOf(wrongHtml)).toContain('That is not your current password.');
    expect(wrongHtml).not.toContain('not my password at all');
    expect(wrongHtml).not.toContain('a fresh long passphrase');

    const differ = await client.post('/account/password', {
      currentPassword: PASSWORD,
      password: 'a fresh long passphrase',
      confirmPassword: 'something else entirely',
    });
    expect(differ.status).toBe(400);
    const differHtml = await differ.text();
    expect(textOf(differHtml)).toContain('The two passwords are not the same.');
    expect(differHtml).not.toContain('something else entirely');

    const done = await client.post('/account/password', {
      currentPassword: PASSWORD,
      password: 'a fresh long passphrase',
      confirmPassword: 'a fresh long passphrase',
    });
    expect(done.status).toBe(303);
    expect(textOf(await client.page('/account'))).toContain('Your password is changed.');
    expect((await other.get('/account')).status).toBe(302);

    await new Client(server.url).signIn(email, 'a fresh long passphrase');
    const old = new Client(server.url);
    await old.get('/signin');
    expect((await old.post('/signin', { email, password: PASSWORD })).status).toBe(400);
  });
});

describe('change e-mail', () => {
  it('mails a link to the new address and a notice to the old one; the link changes the address', async () => {
    const { client, email } = await newMember('Mover Person');
    const newEmail = uniqueEmail('moved');

    await client.get('/account/email');
    const wrong = await client.post('/account/email', { email: newEmail, currentPassword: 'not my password at all' });
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain(`value="${newEmail}"`);
    expect(textOf(wrongHtml)).toContain('That is not your current password.');

    const same = await client.post('/account/email', { email, currentPassword: PASSWORD });
    expect(same.status).toBe(400);
    expect(textOf(await same.text())).toContain('This is already your e-mail address.');

    const res = await client.post('/account/email', { email: newEmail, currentPassword: PASSWORD });
    expect(res.status).toBe(303);
    const mail = await server.mail.waitFor(newEmail, (m) => m.subject.includes('Confirm your new e-mail'));
    const link = linkIn(mail, `${server.url}/account/confirm-email`);
    const notice = await server.mail.waitFor(email, (m) => m.subject.includes('being changed'));
    expect(notice.text).toContain(newEmail);

    // Nothing changes until the link is followed.
    expect(textOf(await client.page('/account'))).toContain(email);

    // Someone else's session cannot use the link.
    const stranger = await newMember('Stranger Person');
    const refused = await stranger.client.get(pathOf(link));
    expect(refused.status).toBe(302);
    expect(textOf(await stranger.client.page('/account'))).toContain('This link is not valid');

    const confirm = await client.get(pathOf(link));
    expect(confirm.status).toBe(302);
    expect(confirm.headers.get('location')).toBe('/account');
    const page = textOf(await client.page('/account'));
    expect(page).toContain('Your e-mail address is changed.');
    expect(page).toContain(newEmail);

    // The link works once; the new address signs in, the old one no longer does.
    await client.get(pathOf(link));
    expect(textOf(await client.page('/account'))).toContain('This link is not valid');
    await new Client(server.url).signIn(newEmail, PASSWORD);
    const old = new Client(server.url);
    await old.get('/signin');
    expect((await old.post('/signin', { email, password: PASSWORD })).status).toBe(400);
  });

  it('sends nothing for an address that already has an account, and says the same', async () => {
    const { client, email } = csrfMember;
    const before = server.mail.messages.length;
    await client.get('/account/email');
    const res = await client.post('/account/email', { email: DEMO.staff, currentPassword: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account');
    await sleep(1000);
    const sent = server.mail.messages.slice(before);
    expect(sent.filter((m) => m.to.includes(DEMO.staff) || m.to.includes(email))).toHaveLength(0);
  });
});

describe('sessions', () => {
  it('lists every signed-in device and signs out everywhere', async () => {
    const { client, email } = await newMember();
    const second = new Client(server.url);
    await second.signIn(email, PASSWORD);

    const html = await client.page('/account/sessions');
    const rows = html.match(/<tr>\s*<td>/g) ?? [];
    expect(rows).toHaveLength(2);
    expect(textOf(html).match(/This device/g)).toHaveLength(1);
    expect(textOf(html)).toContain('Another device');
    expect(html).toContain('button button-danger');

    const res = await client.post('/account/sessions', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin');
    expect(client.cookies.has('session')).toBe(false);
    expect(textOf(await client.page('/signin'))).toContain('You are signed out on every device.');
    expect((await second.get('/account')).status).toBe(302);
    expect((await client.get('/account')).status).toBe(302);
  });
});

describe('delete account', () => {
  let member: Awaited<ReturnType<typeof newMember>>;
  beforeAll(async () => {
    member = await newMember('Leaving Person');
  });

  it('refuses a wrong password or a missing confirmation, changing nothing', async () => {
    const { client, email } = member;
    await client.get('/account/delete');
    const wrong = await client.post('/account/delete', { currentPassword: 'not my password at all', confirm: 'on' });
    expect(wrong.status).toBe(400);
    expect(textOf(await wrong.text())).toContain('That is not your current password.');
    const unticked = await client.post('/account/delete', { currentPassword: PASSWORD });
    expect(unticked.status).toBe(400);
    expect(textOf(await unticked.text())).toContain('Tick the box to confirm');

    const row = await db().user.findUniqueOrThrow({ where: { email } });
    expect(row.status).toBe('active');
    expect(row.displayName).toBe('Leaving Person');
    expect(textOf(await client.page('/account'))).toContain(email);
  });

  it('erases personal data, keeps the row as a deleted account and signs out', async () => {
    const { client, email } = member;
    const second = new Client(server.url);
    await second.signIn(email, PASSWORD);
    const { id } = await db().user.findUniqueOrThrow({ where: { email } });
    const request = await fileRequestFor(id, 'DELTEST2');

    const page = textOf(await client.page('/account/delete'));
    expect(page).toContain('What stays');
    expect(page).toContain('Deleted account');

    const res = await client.post('/account/delete', { currentPassword: PASSWORD, confirm: 'on' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(textOf(await client.page('/'))).toContain('Your account is deleted.');
    expect((await client.get('/account')).status).toBe(302);
    expect((await second.get('/account')).status).toBe(302);

    const again = new Client(server.url);
    await again.get('/signin');
    expect((await again.post('/signin', { email, password: PASSWORD })).status).toBe(400);

    const row = await db().user.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'deleted', email: null, displayName: '', passwordHash: null, emailVerifiedAt: null });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(await db().session.count({ where: { userId: id } })).toBe(0);
    expect(await db().verification.count({ where: { userId: id } })).toBe(0);
    expect(await db().mailMessage.count({ where: { to: email } })).toBe(0);
    // Their service request stays on the city's record, without contact details or a tie to them.
    const kept = await db().serviceRequest.findUniqueOrThrow({ where: { id: request.id }, include: { contact: true } });
    expect(kept).toMatchObject({ requesterId: null, contact: null, description: 'Tags on the fence behind my house.' });
  });
});

describe('export', () => {
  let member: Awaited<ReturnType<typeof newMember>>;
  beforeAll(async () => {
    member = await newMember('Export Person');
    const { id } = await db().user.findUniqueOrThrow({ where: { email: member.email } });
    await fileRequestFor(id, 'EXPTEST2');
  });

  it('downloads everything held about the person as JSON, with no secrets', async () => {
    const { client, email } = member;
    await client.get('/account/email');
    await client.post('/account/email', { email: uniqueEmail('pending'), currentPassword: PASSWORD });

    const res = await client.get('/account/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="townsquare-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');

    const body = await res.text();
    const data = JSON.parse(body);
    expect(data.account).toMatchObject({ email, displayName: 'Export Person', locale: 'en', status: 'active' });
    expect(data.serviceRequests).toEqual([
      expect.objectContaining({
        publicCode: 'EXPTEST2',
        type: 'graffiti',
        contact: expect.objectContaining({ email: 'private@example.org' }),
        events: [expect.objectContaining({ kind: 'created' })],
      }),
    ]);
    expect(data.sessions).toHaveLength(1);
    expect(data.verifications.map((v: { kind: string }) => v.kind).sort()).toEqual(['change_email', 'verify_email']);
    expect(data.mailSentToYou.length).toBeGreaterThanOrEqual(2);
    expect(Array.isArray(data.roleGrants)).toBe(true);
    expect(Array.isArray(data.auditEntriesByYou)).toBe(true);
    expect(Array.isArray(data.auditEntriesAboutYou)).toBe(true);

    expect(body).not.toMatch(/passwordHash|tokenHash|scrypt\$/);
    const sessionId = (await db().session.findFirstOrThrow({ where: { user: { email } } })).id;
    expect(body).not.toContain(sessionId);
    // The verification link mailed at sign-up is in the export only without its token.
    const verifyLink = linkIn(await server.mail.waitFor(email, (m) => m.subject.includes('Confirm')), server.url);
    expect(body).not.toContain(new URL(verifyLink).searchParams.get('token')!);
  });

  it('includes role grants and the audit entries about the person', async () => {
    const { client, email } = member;
    const admin = await db().user.findUniqueOrThrow({ where: { email: DEMO.admin } });
    const granted = await grantRole(systemCaller(await userById(admin.id)), { email, role: 'staff' });
    expect(granted.ok).toBe(true);
    const data = await (await client.get('/account/export')).json();
    expect(data.roleGrants).toEqual([expect.objectContaining({ role: 'staff', grantedBy: 'Ana Admin' })]);
    expect(data.auditEntriesAboutYou).toEqual([
      expect.objectContaining({ action: 'role.grant', actor: 'Ana Admin', after: expect.objectContaining({ role: 'staff' }) }),
    ]);
  });
});
