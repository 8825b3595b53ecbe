import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, textOf } from '../support/client';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('rate limits', () => {
  it('answers 429 with Retry-After and a localized page once an address has asked for too many reset mails', async () => {
    const client = new Client(server.url);
    await client.get('/forgot-password', { 'Accept-Language': 'es' });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      await client.get('/forgot-password', { 'Accept-Language': 'es' });
      last = await client.post('/forgot-password', { email: 'someone@example.org' }, { headers: { 'Accept-Language': 'es' } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([303, 303, 303, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    const text = textOf(await last!.text());
    expect(text).toContain('Demasiados intentos');
  });

  it('counts sign-up attempts per IP', async () => {
    const client = new Client(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      await client.get('/signup');
      const res = await client.post('/signup', { displayName: `Person ${i}`, email: `limit.${i}.${Date.now()}@example.org`, password: 'a decent passphrase', locale: 'en' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
