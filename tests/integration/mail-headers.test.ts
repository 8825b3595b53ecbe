import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn } from '../support/client';
import type { CaughtMail } from '../support/mail-catcher';
import { withTestServer } from '../support/test-server';
import { sql } from '../support/sql';

/**
 * Mail headers as a real SMTP server receives them, and the one-click unsubscribe (RFC 8058)
 * through the real route: headers come from server values only, never from user text; every
 * mail says its language and that a machine sent it; PUBLIC_URL here is plain http, so there is
 * no List-Unsubscribe-Post (mail-headers-https.test.ts has the https side).
 */
const server = withTestServer();
let mail: CaughtMail;
const TITLE = 'Roots <https://evil.example/unsubscribe?u=x&s=y>\r\nBcc: victim@evil.example\r\nList-Unsubscribe: <https://evil.example/>';
beforeAll(async () => {
  // Rosa (Spanish) starts a thread whose title tries to pass for headers; Ana's reply mails her.
  const rosa = await signedIn(server.url, DEMO.resident);
  await rosa.get('/channels/n-riverside/new');
  const started = await rosa.post('/channels/n-riverside/new', { title: TITLE, bodyText: 'Roots lifting the sidewalk.' });
  expect(started.status).toBe(303);
  const threadId = /\/threads\/([^?#/]+)/.exec(started.headers.get('location') ?? '')![1];
  const admin = await signedIn(server.url, DEMO.admin);
  await admin.get(`/threads/${threadId}`);
  expect((await admin.post(`/threads/${threadId}`, { bodyText: 'Parks will look at it.' })).status).toBe(303);
  mail = await server.mail.waitFor(DEMO.resident, (m) => m.subject.includes('Roots'));
});

const preference = async (email: string) =>
  String((await sql(server.database.url, 'SELECT "notifyEmail" FROM "User" WHERE "email" = $1', [email]))[0].notifyEmail);

describe('mail headers', () => {
  it("builds List-Unsubscribe from the server's signed link, never from a thread title, and lets no line break into a header", async () => {
    const userId = String((await sql(server.database.url, 'SELECT "id" FROM "User" WHERE "email" = $1', [DEMO.resident]))[0].id);
    expect(mail.headers['list-unsubscribe']).toMatch(new RegExp(`^<${server.url}/unsubscribe\\?u=${userId}&s=[A-Za-z0-9_-]+>$`));
    expect(mail.headers['list-unsubscribe']).not.toContain('evil');
    expect(mail.headers.bcc).toBeUndefined();
    expect(mail.to).toEqual([DEMO.resident]);
    expect(server.mail.messages.some((m) => m.to.includes('victim@evil.example'))).toBe(false);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    // Plain http: no promise of a one-click POST.
    expect(mail.headers['list-unsubscribe-post']).toBeUndefined();
  });

  it("says every mail's language and that it was sent automatically", async () => {
    expect(mail.headers['content-language']).toBe('es');
    expect(mail.headers['auto-submitted']).toBe('auto-generated');
    const client = new Client(server.url);
    await client.get('/forgot-password');
    expect((await client.post('/forgot-password', { email: DEMO.liaison })).status).toBe(303);
    const reset = await server.mail.waitFor(DEMO.liaison, (m) => /password/i.test(m.subject));
    expect(reset.headers['content-language']).toBe('en');
    expect(reset.headers['auto-submitted']).toBe('auto-generated');
    expect(reset.headers['list-unsubscribe']).toBeUndefined();
  });
});

describe('one-click unsubscribe (RFC 8058)', () => {
  const link = () => /^<(.+)>$/.exec(mail.headers['list-unsubscribe'])![1];
  const foreign = { Origin: 'https://mail.provider.example', 'Sec-Fetch-Site': 'cross-site' };

  it('takes a multipart/form-data POST without a cookie from a foreign origin', async () => {
    await sql(server.database.url, 'UPDATE "User" SET "notifyEmail" = $1 WHERE "email" = $2', ['immediate', DEMO.resident]);
    const body = new FormData();
    body.append('List-Unsubscribe', 'One-Click');
    const res = await fetch(link(), { method: 'POST', body, headers: foreign, redirect: 'manual' });
    expect(res.status).toBe(204);
    expect(await preference(DEMO.resident)).toBe('never');
  });

  it('takes the urlencoded form as well', async () => {
    await sql(server.database.url, 'UPDATE "User" SET "notifyEmail" = $1 WHERE "email" = $2', ['daily', DEMO.resident]);
    const res = await fetch(link(), {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { ...foreign, 'Content-Type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    expect(res.status).toBe(204);
    expect(await preference(DEMO.resident)).toBe('never');
  });

  it("keeps the page's own button working (same site, with its CSRF token)", async () => {
    await sql(server.database.url, 'UPDATE "User" SET "notifyEmail" = $1 WHERE "email" = $2', ['immediate', DEMO.resident]);
    const path = link().slice(server.url.length);
    const reader = new Client(server.url);
    expect((await reader.get(path)).status).toBe(200);
    const res = await reader.post(path, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('done=1');
    expect(await preference(DEMO.resident)).toBe('never');
  });

  it('still refuses a forged signature, any other cross-site post to the page, and cross-site posts elsewhere', async () => {
    await sql(server.database.url, 'UPDATE "User" SET "notifyEmail" = $1 WHERE "email" = $2', ['immediate', DEMO.resident]);
    const oneClick = () => {
      const body = new FormData();
      body.append('List-Unsubscribe', 'One-Click');
      return body;
    };
    expect((await fetch(link().replace(/s=[^&]+/, 's=forged'), { method: 'POST', body: oneClick(), headers: foreign })).status).toBe(404);
    // The page's own button needs its CSRF token: a foreign form without one is refused.
    const other = new FormData();
    other.append('confirm', '1');
    expect((await fetch(link(), { method: 'POST', body: other, headers: foreign, redirect: 'manual' })).status).toBe(403);
    expect(await preference(DEMO.resident)).toBe('immediate');
    // The exemption is this route's POST only.
    const signin = await fetch(`${server.url}/signin`, {
      method: 'POST',
      body: new URLSearchParams({ email: DEMO.resident, password: DEMO.password }),
      headers: foreign,
      redirect: 'manual',
    });
    expect(signin.status).toBe(403);
    expect(await signin.text()).toContain('Cross-site request refused');
  });
});
