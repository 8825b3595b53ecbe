import { describe, expect, it } from 'vitest';
import { Client, DEMO, textOf, uniqueEmail } from '../support/client';
import { linkIn } from '../support/mail-catcher';
import { withTestServer } from '../support/test-server';

const server = withTestServer();

const PASSWORD = 'correct horse battery';

async function signUp(client: Client, email: string, extra: Record<string, string> = {}) {
  await client.get('/signup');
  return client.post('/signup', {
    displayName: 'Test Person',
    email,
    password: PASSWORD,
    locale: 'en',
    neighborhoodId: '',
    acceptTerms: 'on',
    ...extra,
  });
}

describe('sign up, verify, sign in', () => {
  it('creates an unverified account, mails a link that verifies it, then signs in', async () => {
    const client = new Client(server.url);
    const email = uniqueEmail('signup');
    const res = await signUp(client, email);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signup/sent');

    // Not verified yet: signing in refuses and sends a fresh link.
    await client.get('/signin');
    const early = await client.post('/signin', { email, password: PASSWORD });
    expect(early.status).toBe(400);
    expect(textOf(await early.text())).toContain('Please confirm your e-mail address first');

    const mail = await server.mail.waitFor(email, (m) => m.subject.includes('Confirm'));
    const verify = await client.get(new URL(linkIn(mail, server.url)).pathname + new URL(linkIn(mail, server.url)).search);
    expect(verify.status).toBe(302);
    expect(verify.headers.get('location')).toBe('/signin');

    await client.signIn(email, PASSWORD);
    const account = await client.get('/');
    expect(await account.text()).toContain('Signed in as Test Person');
  });

  it('keeps input and shows localized errors for bad input, storing nothing', async () => {
    const client = new Client(server.url);
    await client.get('/signup');
    const res = await client.post('/signup', { displayName: '', email: 'not-an-email', password: 'short', locale: 'en' });
    expect(res.status).toBe(400);
    const html = await res.text();
    const text = textOf(html);
    expect(text).toContain('This field is required.');
    expect(text).toContain('Enter an e-mail address like name@example.com.');
    expect(text).toContain('Use at least 10 characters.');
    expect(html).toContain('value="not-an-email"');
    expect(html).not.toContain('value="short"');
    expect(html).toMatch(/aria-invalid="true"/);
  });

  it('refuses common passwords', async () => {
    const client = new Client(server.url);
    const res = await signUp(client, uniqueEmail(), { password: 'password123' });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('This password is too common');
  });

  it('does not reveal that an address already has an account', async () => {
    const client = new Client(server.url);
    const res = await signUp(client, DEMO.resident);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signup/sent');
    const mail = await server.mail.waitFor(DEMO.resident);
    expect(mail.subject).toMatch(/intentó crear una cuenta/); // Rosa reads Spanish
  });

  it('refuses a post without the CSRF token or from another site', async () => {
    const client = new Client(server.url);
    await client.get('/signin');
    const noToken = await client.post('/signin', { email: DEMO.admin, password: DEMO.password }, { csrf: false });
    expect(noToken.status).toBe(403);
    const crossSite = await client.post('/signin', { email: DEMO.admin, password: DEMO.password }, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
  });
});

describe('sign in and lockout', () => {
  it('gives the same answer for an unknown address and a wrong password', async () => {
    const client = new Client(server.url);
    await client.get('/signin');
    const unknown = await client.post('/signin', { email: 'nobody@example.org', password: 'whatever-password' });
    const wrong = await client.post('/signin', { email: DEMO.staff, password: 'whatever-password' });
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(400);
    const message = 'That e-mail and password do not match an account';
    expect(textOf(await unknown.text())).toContain(message);
    expect(textOf(await wrong.text())).toContain(message);
  });

  it('stops an address after five failures on an account, even against the right password (429; sign-in-limits.test.ts has the rest)', async () => {
    const client = new Client(server.url);
    await client.get('/signin');
    for (let i = 0; i < 5; i++) await client.post('/signin', { email: DEMO.captain, password: 'wrong-password-' + i });
    const locked = await client.post('/signin', { email: DEMO.captain, password: DEMO.password });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('password reset', () => {
  it('mails a single-use link that sets a new password and ends other sessions', async () => {
    const email = uniqueEmail('reset');
    const owner = new Client(server.url);
    await signUp(owner, email);
    const verify = linkIn(await server.mail.waitFor(email), server.url);
    await owner.get(verify.slice(server.url.length));
    await owner.signIn(email, PASSWORD);

    const other = new Client(server.url);
    await other.get('/forgot-password');
    const res = await other.post('/forgot-password', { email });
    expect(res.status).toBe(303);
    const link = linkIn(await server.mail.waitFor(email, (m) => m.subject.includes('Reset')), server.url);
    const path = link.slice(server.url.length);
    const token = new URL(link).searchParams.get('token')!;
    await other.page(path);
    const done = await other.post('/reset-password', {
      token,
      password: 'a brand new passphrase',
      confirmPassword: 'a brand new passphrase',
    });
    expect(done.status).toBe(303);

    // The old session is gone, the link is used up, the new password works.
    expect(await (await owner.get('/')).text()).not.toContain('Signed in as');
    const again = await other.post('/reset-password', {
      token,
      password: 'another new passphrase',
      confirmPassword: 'another new passphrase',
    });
    expect(again.status).toBe(400);
    await new Client(server.url).signIn(email, 'a brand new passphrase');
  });
});

describe('language', () => {
  it('follows Accept-Language, then the cookie, then the account setting', async () => {
    const client = new Client(server.url);
    const es = await client.get('/', { 'Accept-Language': 'es-MX,es;q=0.9' });
    expect(await es.text()).toContain('<html lang="es"');
    await client.post('/language', { locale: 'en', redirectTo: '/' });
    const en = await client.get('/', { 'Accept-Language': 'es-MX,es;q=0.9' });
    expect(await en.text()).toContain('<html lang="en"');
    await client.signIn(DEMO.resident, DEMO.password); // Rosa's setting is Spanish
    const rosa = await client.get('/');
    expect(await rosa.text()).toContain('Bienvenidos a Arroyo Verde');
  });
});

describe('health', () => {
  it('answers 200 with the database checked', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
  });
});
