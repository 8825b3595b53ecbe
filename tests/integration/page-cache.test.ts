import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { withTestServer } from '../support/test-server';

/**
 * The anonymous page cache (app/modules/page-cache/page-cache.server.ts, a framework workaround:
 * docs/decisions/0013-anonymous-page-cache.md) through the real server: pages come from the cache only for readers
 * without a session, each hit carries the visitor's own CSP nonce and CSRF token, and a new post
 * is visible at once.
 */
const server = withTestServer();
let threadId = '';
beforeAll(async () => {
  const rosa = await signedIn(server.url, DEMO.resident);
  await rosa.get('/channels/n-riverside/new');
  const res = await rosa.post('/channels/n-riverside/new', {
    title: 'Cached conversation',
    bodyText: 'First post of a cached conversation.',
  });
  threadId = /\/threads\/([^?#/]+)/.exec(res.headers.get('location') ?? '')![1];
});

const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];

describe('anonymous page cache', () => {
  it('serves a second anonymous reader from the cache, with their own nonce and CSRF token', async () => {
    const first = new Client(server.url);
    const a = await first.get(`/threads/${threadId}`);
    const second = new Client(server.url);
    const b = await second.get(`/threads/${threadId}`);
    expect([a.headers.get('x-page-cache'), b.headers.get('x-page-cache')]).toEqual(['miss', 'hit']);
    // Each response's scripts carry the nonce its own CSP header allows, never the first one's.
    const html = second.lastHtml;
    expect(nonceOf(b)).toBeTruthy();
    expect(nonceOf(b)).not.toBe(nonceOf(a));
    expect(html).toContain(`nonce="${nonceOf(b)}"`);
    expect(html).not.toContain(nonceOf(a)!);
    // The second visitor got a token of their own, with its cookie, and it works for a post.
    expect(second.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(second.csrf).not.toBe(first.csrf);
    expect(second.cookies.get('csrf')).toBeTruthy();
    // Nowhere in the page is the first visitor's token left (a framework upgrade that puts the
    // token or the nonce somewhere new breaks the cache's slots: this says so).
    expect(html).not.toContain(first.csrf!);
    const switched = await second.post('/language', { locale: 'es', redirectTo: `/threads/${threadId}` });
    expect(switched.status).toBe(303);
    // A visitor who already has a token keeps it.
    const again = await second.get(`/threads/${threadId}`);
    expect(again.headers.get('x-page-cache')).not.toBeNull();
    expect(again.headers.get('set-cookie') ?? '').not.toContain('csrf=');
  });

  it('keeps languages apart', async () => {
    const english = await new Client(server.url).page(`/threads/${threadId}`);
    const spanish = new Client(server.url);
    await spanish.get(`/threads/${threadId}`, { 'Accept-Language': 'es' });
    expect(english).toContain('<html lang="en"');
    expect(spanish.lastHtml).toContain('<html lang="es"');
  });

  it('never caches for signed-in readers', async () => {
    const lucia = await signedIn(server.url, DEMO.liaison);
    const res = await lucia.get(`/threads/${threadId}`);
    expect(res.headers.get('x-page-cache')).toBeNull();
    // Her page has the reply form, not the anonymous reader's sign-in link.
    expect(lucia.lastHtml).toContain('name="bodyText"');
    expect(lucia.lastHtml).not.toContain(`/signin?redirectTo=/threads/${threadId}`);
  });

  it('shows a new reply to the next anonymous reader at once', async () => {
    const reader = new Client(server.url);
    await reader.get(`/threads/${threadId}`);
    expect((await reader.get(`/threads/${threadId}`)).headers.get('x-page-cache')).toBe('hit');
    const carlos = await signedIn(server.url, DEMO.captain);
    await carlos.get(`/threads/${threadId}`);
    expect((await carlos.post(`/threads/${threadId}`, { bodyText: 'A reply the cache must not hide.' })).status).toBe(303);
    const after = await reader.get(`/threads/${threadId}`);
    expect(after.headers.get('x-page-cache')).toBe('miss');
    expect(textOf(reader.lastHtml)).toContain('A reply the cache must not hide.');
  });

  it('caches the home page and /latest for anonymous readers only, and a new thread shows on both at once', async () => {
    for (const path of ['/', '/latest', '/latest?channel=n-riverside']) {
      const reader = new Client(server.url);
      await reader.get(path);
      expect((await reader.get(path)).headers.get('x-page-cache'), path).toBe('hit');
    }
    const rosa = await signedIn(server.url, DEMO.resident);
    expect((await rosa.get('/')).headers.get('x-page-cache')).toBeNull();
    expect((await rosa.get('/latest')).headers.get('x-page-cache')).toBeNull();
    await rosa.get('/channels/n-riverside/new');
    const title = `Fresh on the home page ${Date.now().toString(36)}`;
    expect((await rosa.post('/channels/n-riverside/new', { title, bodyText: 'Anyone?' })).status).toBe(303);
    for (const path of ['/', '/latest', '/latest?channel=n-riverside']) {
      const reader = new Client(server.url);
      expect((await reader.get(path)).headers.get('x-page-cache'), path).toBe('miss');
      expect(textOf(reader.lastHtml), path).toContain(title);
    }
    // Unknown parameters are not cached on these pages either.
    expect((await new Client(server.url).get('/latest?utm=1')).headers.get('x-page-cache')).toBeNull();
  });

  it('leaves other pages and unknown parameters alone', async () => {
    expect((await new Client(server.url).get('/search?q=cached')).headers.get('x-page-cache')).toBeNull();
    expect((await new Client(server.url).get(`/threads/${threadId}?utm=1`)).headers.get('x-page-cache')).toBeNull();
    expect((await new Client(server.url).get(`/threads/${threadId}?quote=x`)).headers.get('x-page-cache')).toBeNull();
  });

  it('serves a post that quotes a token as written, replacing only the form fields and page data', async () => {
    // An anonymous visitor learns their own token, then a post quotes it (in every shape the page
    // holds it); their next visit fills the cache with a page rendered with that same token.
    const first = new Client(server.url);
    await first.get('/');
    const token = first.csrf;
    expect(token).toBeTruthy();
    const quoted = `token ${token} field name="csrf" value="${token}" data "csrf":"${token}"`;
    const carlos = await signedIn(server.url, DEMO.captain);
    await carlos.get(`/threads/${threadId}`);
    expect((await carlos.post(`/threads/${threadId}`, { bodyText: quoted })).status).toBe(303);
    expect((await first.get(`/threads/${threadId}`)).headers.get('x-page-cache')).toBe('miss');
    const second = new Client(server.url);
    expect((await second.get(`/threads/${threadId}`)).headers.get('x-page-cache')).toBe('hit');
    // The second visitor's forms and data carry their own token...
    expect(second.csrf).not.toBe(token);
    expect(second.lastHtml).toContain(`name="csrf" value="${second.csrf}"`);
    expect(second.lastHtml).toContain(`"csrf":"${second.csrf}"`);
    expect(second.lastHtml).not.toContain(`name="csrf" value="${token}"`);
    // ...and the post still says what its author wrote.
    expect(textOf(second.lastHtml)).toContain(quoted);
    expect(textOf(second.lastHtml)).not.toContain(`token ${second.csrf}`);
  });
});
