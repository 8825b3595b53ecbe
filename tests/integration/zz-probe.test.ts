import { it } from 'vitest';
import { Client, DEMO, signedIn } from '../support/client';
import { startTestServer } from '../support/server';
it('probe', async () => {
  const server = await startTestServer();
  const rosa = await signedIn(server.url, DEMO.resident);
  await rosa.get('/channels/n-riverside/new');
  const res = await rosa.post('/channels/n-riverside/new', { title: 'T "csrf":"x"', bodyText: 'Body "csrf":"zz" name="csrf" value="q" nonce="n" <b>' });
  const id = /\/threads\/([^?#/]+)/.exec(res.headers.get('location') ?? '')![1];
  const c = new Client(server.url);
  await c.get(`/threads/${id}`);
  const html = c.lastHtml;
  for (const m of html.matchAll(new RegExp(`.{0,80}(${c.csrf}|csrf|nonce).{0,80}`, 'g'))) console.log('>>', m[0]);
  await server.stop();
}, 60000);
