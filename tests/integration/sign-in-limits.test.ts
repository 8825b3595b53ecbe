import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, textOf } from '../support/client';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Wrong passwords through the real sign-in route, behind a trusted proxy (TRUST_PROXY=1, so the
 * client's address comes from X-Forwarded-For): the guessing address is stopped, the owner signing
 * in from elsewhere is not, and the owner is mailed once, in their language.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: '1' });
});
afterAll(async () => {
  await server?.stop();
});

/** A browser at `ip` (as the proxy reports it). */
function browserAt(ip: string) {
  const client = new Client(server.url);
  const from = { 'X-Forwarded-For': ip };
  return {
    client,
    async signIn(email: string, password: string, lang = 'en') {
      await client.get('/signin', { ...from, 'Accept-Language': lang });
      return client.post('/signin', { email, password }, { headers: { ...from, 'Accept-Language': lang } });
    },
  };
}

const noticesTo = (email: string) =>
  server.mail.messages.filter((m) => m.to.includes(email) && m.headers['content-language'] && /sesión|sign-in/i.test(m.subject));

describe('sign-in limits', () => {
  it('stops the guessing address after five wrong passwords, lets the owner in from another one, and mails the owner once in their language', async () => {
    const attacker = browserAt('203.0.113.7');
    for (let i = 0; i < 5; i++) expect((await attacker.signIn(DEMO.captain, `wrong-password-${i}`)).status).toBe(400);
    // The sixth try from there is refused even with the right password: 429, Retry-After, localized.
    const stopped = await attacker.signIn(DEMO.captain, DEMO.password, 'es');
    expect(stopped.status).toBe(429);
    expect(Number(stopped.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(textOf(await stopped.text())).toContain('Demasiados intentos');

    // Carlos, from home, signs in at once.
    const owner = browserAt('198.51.100.20');
    expect((await owner.signIn(DEMO.captain, DEMO.password)).status).toBe(303);
    expect((await owner.client.get('/account', { 'X-Forwarded-For': '198.51.100.20' })).status).toBe(200);

    // He hears of it once, in Spanish, with the reset link; more guesses in the window add no mail.
    const notice = await server.mail.waitFor(DEMO.captain, (m) => /sesión/i.test(m.subject));
    expect(notice.headers['content-language']).toBe('es');
    expect(notice.text).toContain('15 minutos');
    expect(notice.text).toContain(`${server.url}/forgot-password`);
    const second = browserAt('203.0.113.8');
    for (let i = 0; i < 5; i++) await second.signIn(DEMO.captain, `other-wrong-${i}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(noticesTo(DEMO.captain)).toHaveLength(1);
  });

  // 60 right and 51 wrong passwords, each hashed slowly on purpose: CPU-bound, so this test gets
  // more than the default 30 s on a busy machine (alone it takes about 7 s).
  it('never stops people signing in with the right password behind one shared address, but does stop guessing from it', async () => {
    // A city hall or a library: 60 right sign-ins from one address (the per-IP limit is 50).
    const hall = '192.0.2.50';
    for (let i = 0; i < 60; i++) expect((await browserAt(hall).signIn(DEMO.staff, DEMO.password)).status).toBe(303);
    // Wrong passwords from one address, spread over many accounts, are still stopped at 50.
    const stuffer = '192.0.2.66';
    const answers: number[] = [];
    for (let i = 0; i < 51; i++) answers.push((await browserAt(stuffer).signIn(`nobody-${i}@example.org`, 'wrong-password')).status);
    expect(answers.slice(0, 50).every((s) => s === 400)).toBe(true);
    expect(answers[50]).toBe(429);
  }, 120_000);

  it('slows, never blocks, an account guessed at from many addresses', async () => {
    // 20 wrong passwords from five addresses, four each (under the per-address limit).
    for (let n = 0; n < 5; n++) {
      const guesser = browserAt(`192.0.2.${n + 10}`);
      for (let i = 0; i < 4; i++) expect((await guesser.signIn(DEMO.liaison, `guess-${n}-${i}`)).status).toBe(400);
    }
    // Past that, each address gets one try per 30 s: a new guesser's second try waits...
    const late = browserAt('192.0.2.99');
    expect((await late.signIn(DEMO.liaison, 'guess-late-1')).status).toBe(400);
    expect((await late.signIn(DEMO.liaison, 'guess-late-2')).status).toBe(429);
    // ...and the owner, from her own address, gets in with her first try.
    expect((await browserAt('198.51.100.30').signIn(DEMO.liaison, DEMO.password)).status).toBe(303);
    // She was told (in English) that her account is being limited.
    const notice = await server.mail.waitFor(DEMO.liaison, (m) => /sign-in/i.test(m.subject));
    expect(notice.headers['content-language']).toBe('en');
  });

  it('answers an unknown address exactly like a known one', async () => {
    const guesser = browserAt('203.0.113.50');
    for (let i = 0; i < 5; i++) expect((await guesser.signIn('nobody.here@example.org', `x-${i}`)).status).toBe(400);
    expect((await guesser.signIn('nobody.here@example.org', 'x')).status).toBe(429);
  });

  it("keeps a trusted proxy's request id when it is a UUID, and only then", async () => {
    const id = randomUUID();
    expect((await fetch(server.url, { headers: { 'X-Request-Id': id } })).headers.get('x-request-id')).toBe(id);
    const forged = (await fetch(server.url, { headers: { 'X-Request-Id': 'admin did it' } })).headers.get('x-request-id');
    expect(forged).not.toBe('admin did it');
    expect(forged).toMatch(/^[0-9a-f-]{36}$/);
  });
});
