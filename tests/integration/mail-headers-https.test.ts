import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signedIn } from '../support/client';
import { freePort, startTestServer, type TestServer } from '../support/server';

/**
 * With an https PUBLIC_URL, notification mail promises the one-click POST (RFC 8058:
 * List-Unsubscribe-Post next to an https List-Unsubscribe). The http side is in mail-headers.test.ts.
 */
let server: TestServer;
beforeAll(async () => {
  const port = await freePort();
  server = await startTestServer({ PUBLIC_URL: `https://localhost:${port}`, SEED_DEMO: 'true' });
});
afterAll(async () => {
  await server?.stop();
});

describe('mail headers on https', () => {
  it('adds List-Unsubscribe-Post to the https List-Unsubscribe of notification mail', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    await rosa.get('/channels/n-riverside/new');
    const started = await rosa.post('/channels/n-riverside/new', { title: 'Broken bench', bodyText: 'The bench by the river is broken.' });
    const threadId = /\/threads\/([^?#/]+)/.exec(started.headers.get('location') ?? '')![1];
    const admin = await signedIn(server.url, DEMO.admin);
    await admin.get(`/threads/${threadId}`);
    expect((await admin.post(`/threads/${threadId}`, { bodyText: 'Parks will fix it.' })).status).toBe(303);
    const mail = await server.mail.waitFor(DEMO.resident, (m) => m.subject.includes('Broken bench'));
    expect(mail.headers['list-unsubscribe']).toMatch(/^<https:\/\/localhost:\d+\/unsubscribe\?u=/);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers['content-language']).toBe('es');
    expect(mail.headers['auto-submitted']).toBe('auto-generated');
  });
});
