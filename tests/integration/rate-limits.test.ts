import { describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { withTestServer } from '../support/test-server';

const server = withTestServer();

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
      const res = await client.post('/signup', {
        displayName: `Person ${i}`,
        email: `limit.${i}.${Date.now()}@example.org`,
        password: 'a decent passphrase',
        locale: 'en',
        acceptTerms: 'on',
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('counts reactions per account: 429 with Retry-After and a localized page past the limit, other accounts unaffected', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    await rosa.get('/channels/n-riverside/new');
    const started = await rosa.post('/channels/n-riverside/new', { title: 'React to me', bodyText: 'A post to react to.' });
    const threadId = /\/threads\/([^?#/]+)/.exec(started.headers.get('location') ?? '')![1];
    const postId = /id="post-([^"]+)"/.exec(await rosa.page(`/threads/${threadId}`))![1];
    const carlos = await signedIn(server.url, DEMO.captain);
    await carlos.get(`/threads/${threadId}`, { 'Accept-Language': 'es' });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 61; i++) {
      last = await carlos.post(
        `/threads/${threadId}`,
        { intent: 'react', postId, kind: 'thanks' },
        { headers: { 'Accept-Language': 'es' } },
      );
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 303)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(textOf(await last!.text())).toContain('Demasiados intentos');
    // Sixty toggles: back where it started; someone else may still react.
    const marta = await signedIn(server.url, DEMO.moderator);
    await marta.get(`/threads/${threadId}`);
    expect((await marta.post(`/threads/${threadId}`, { intent: 'react', postId, kind: 'agree' })).status).toBe(303);
  });
});
