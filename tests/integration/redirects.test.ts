import { describe, expect, it } from 'vitest';
import { Client, DEMO } from '../support/client';
import { withTestServer } from '../support/test-server';

/** Where sign-in and the language switch send people afterwards: this site only (issue 10, item 6). */
const server = withTestServer();

const HOSTILE = [
  '/..//evil.example',
  '/%2e%2e//evil.example',
  '/a/.%2E//evil.example/x',
  '//evil.example',
  '/\\evil.example',
  '/\t/evil.example',
  'https://evil.example/',
];

/** Where a browser would go from this Location header. */
const landing = (res: Response) => new URL(res.headers.get('location') ?? '', server.url);

describe('redirect after sign-in', () => {
  it.each(HOSTILE)('%j → the home page', async (redirectTo) => {
    const client = new Client(server.url);
    await client.get(`/signin?redirectTo=${encodeURIComponent(redirectTo)}`);
    const res = await client.post('/signin', { email: DEMO.resident, password: DEMO.password, redirectTo });
    expect(res.status).toBe(303);
    expect(landing(res).origin).toBe(new URL(server.url).origin);
    expect(res.headers.get('location')).toBe('/');
  });

  it('follows a path on this site, dot segments resolved', async () => {
    const client = new Client(server.url);
    await client.get('/signin');
    const res = await client.post('/signin', { email: DEMO.resident, password: DEMO.password, redirectTo: '/channels/../account?tab=1' });
    expect(res.headers.get('location')).toBe('/account?tab=1');
  });
});

describe('redirect after the language switch', () => {
  it.each(HOSTILE)('%j → the home page', async (redirectTo) => {
    const client = new Client(server.url);
    await client.get('/');
    const res = await client.post('/language', { locale: 'es', redirectTo });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });

  it('follows a path on this site', async () => {
    const client = new Client(server.url);
    await client.get('/');
    const res = await client.post('/language', { locale: 'es', redirectTo: '/channels' });
    expect(res.headers.get('location')).toBe('/channels');
  });
});
