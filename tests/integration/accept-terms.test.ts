import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { withTestServer } from '../support/test-server';
import { sqlOf } from '../support/sql';

/**
 * Changed terms for existing accounts, through the real server: a resident whose accepted terms are
 * older than the current ones is led to /accept-terms at sign-in, reads pages with a banner, is
 * sent there by every form post but signing out, and acts again once they accept; what they
 * accepted is stored on the account like sign-up's acceptance, and is in their data export.
 */
const server = withTestServer();
const sql = sqlOf(server);

const userRow = async (email: string) =>
  (await sql('SELECT "termsVersion", "privacyVersion", "termsAcceptedAt", "notifyEmail" FROM "User" WHERE "email" = $1', [email]))[0];

let termsVersion = 0;

beforeAll(async () => {
  // Everyone accepted the current versions; then an administrator changes the terms of use.
  await sql('UPDATE "User" SET "termsVersion" = 1, "privacyVersion" = 1');
  const admin = await signedIn(server.url, DEMO.admin);
  await admin.get('/admin/pages/terms');
  const saved = await admin.post('/admin/pages/terms', {
    'body-enText': 'New terms: be kind to your neighbors.',
    'body-esText': 'Nuevas condiciones: sé amable con tus vecinos.',
  });
  expect(saved.status).toBe(303);
  termsVersion = Number((await sql('SELECT "version" FROM "SitePage" WHERE "key" = \'terms\''))[0].version);
  expect(termsVersion).toBe(2);
  // The admin, the captain and the rest accepted the new terms; the resident has not yet.
  await sql('UPDATE "User" SET "termsVersion" = $1 WHERE "email" <> $2', [termsVersion, DEMO.resident]);
});

describe('a resident whose terms changed', () => {
  it('is led to the acceptance page at sign-in, keeping where they were going', async () => {
    const rosa = new Client(server.url);
    await rosa.get('/signin');
    const res = await rosa.post('/signin', { email: DEMO.resident, password: DEMO.password, redirectTo: '/requests' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/accept-terms?redirectTo=%2Frequests');
    // Someone up to date goes straight on.
    const captain = new Client(server.url);
    await captain.get('/signin');
    const straight = await captain.post('/signin', { email: DEMO.captain, password: DEMO.password, redirectTo: '/requests' });
    expect(straight.headers.get('location')).toBe('/requests');
  });

  it('reads pages with a banner, is sent to accept before any post, and may still sign out', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const before = await userRow(DEMO.resident);
    // Rosa reads Spanish.
    const home = await rosa.page('/');
    expect(textOf(home)).toContain('Las condiciones de uso o el aviso de privacidad han cambiado.');
    expect(home).toContain('href="/accept-terms?redirectTo=%2F"');
    expect((await rosa.get('/terms')).status).toBe(200);
    await rosa.get('/account/notifications');
    const post = await rosa.post('/account/notifications', { notifyEmail: 'never' });
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toBe('/accept-terms?redirectTo=%2Faccount%2Fnotifications');
    expect((await userRow(DEMO.resident)).notifyEmail).toBe(before.notifyEmail);
    // A forged post is still refused as such.
    expect((await rosa.post('/account/notifications', { notifyEmail: 'never' }, { csrf: false })).status).toBe(403);
    const out = await (await signedIn(server.url, DEMO.resident)).post('/signout', {});
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/');
  });

  it('accepts the versions shown on the page (a plain form), then acts again; the export has them', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const res = await rosa.get('/accept-terms?redirectTo=%2Faccount%2Fnotifications');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const page = textOf(rosa.lastHtml);
    expect(page).toContain('Condiciones de uso');
    expect(page).toContain('Nuevas condiciones: sé amable con tus vecinos.');
    expect(page).toContain('Aviso de privacidad');
    expect(page).toContain(`Versión ${termsVersion}`);
    expect(rosa.lastHtml).toContain(`name="termsVersion" value="${termsVersion}"`);
    const privacyVersion = /name="privacyVersion" value="(\d+)"/.exec(rosa.lastHtml)![1];
    // Without the box ticked: refused, nothing recorded.
    const unticked = await rosa.post('/accept-terms', {
      termsVersion: String(termsVersion),
      privacyVersion,
      redirectTo: '/account/notifications',
    });
    expect(unticked.status).toBe(400);
    expect(textOf(await unticked.text())).toContain('Marque la casilla');
    // An older version than the current one (the text changed while they read): refused.
    const stale = await rosa.post('/accept-terms', { termsVersion: String(termsVersion - 1), privacyVersion, accept: 'on' });
    expect(stale.status).toBe(409);
    expect((await userRow(DEMO.resident)).termsVersion).toBe(termsVersion - 1);
    // Malformed: 400, never 500.
    expect((await rosa.post('/accept-terms', { termsVersion: 'x', privacyVersion, accept: 'on' })).status).toBe(400);
    const accepted = await rosa.post('/accept-terms', {
      termsVersion: String(termsVersion),
      privacyVersion,
      accept: 'on',
      redirectTo: '/account/notifications',
    });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/account/notifications');
    const row = await userRow(DEMO.resident);
    expect(Number(row.termsVersion)).toBe(termsVersion);
    expect(row.termsAcceptedAt).not.toBeNull();
    expect(textOf(await rosa.page('/'))).not.toContain('han cambiado');
    await rosa.get('/account/notifications');
    expect((await rosa.post('/account/notifications', { notifyEmail: 'never' })).headers.get('location')).toBe('/account/notifications');
    expect((await userRow(DEMO.resident)).notifyEmail).toBe('never');
    const exported = JSON.parse(await (await rosa.get('/account/export')).text()) as Record<string, unknown>;
    expect(JSON.stringify(exported)).toContain(`"termsVersion":${termsVersion}`);
  });
});

describe('who may use /accept-terms', () => {
  it('sends visitors to sign in, for the page and the form', async () => {
    const visitor = new Client(server.url);
    const res = await visitor.get('/accept-terms');
    expect([302, 303]).toContain(res.status);
    expect(res.headers.get('location')).toMatch(/^\/signin\?redirectTo=/);
    const post = await visitor.post('/accept-terms', { termsVersion: String(termsVersion), privacyVersion: '1', accept: 'on' });
    expect([302, 303]).toContain(post.status);
    expect(post.headers.get('location')).toMatch(/^\/signin/);
  });

  it('tells someone up to date so, and never gets in their way', async () => {
    const captain = await signedIn(server.url, DEMO.captain);
    expect(textOf(await captain.page('/accept-terms'))).toContain('Ya aceptó');
    // Its "continue" link goes where they were going, on this site only.
    await captain.get('/accept-terms?redirectTo=%2Frequests');
    expect(captain.lastHtml).toContain('href="/requests"');
    for (const away of ['//evil.example', '/%5Cevil.example', 'https://evil.example']) {
      await captain.get(`/accept-terms?redirectTo=${encodeURIComponent(decodeURIComponent(away))}`);
      expect(captain.lastHtml).toContain('href="/">Continuar');
      expect(captain.lastHtml).not.toMatch(/href="[^"]*evil\.example/);
    }
    expect(textOf(await captain.page('/'))).not.toContain('han cambiado');
    await captain.get('/account/notifications');
    expect((await captain.post('/account/notifications', { notifyEmail: 'daily' })).headers.get('location')).toBe('/account/notifications');
  });
});
