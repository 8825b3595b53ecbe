import { request as httpRequest } from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, cookieOf, DEMO, signedIn } from '../support/client';
import { withTestServer } from '../support/test-server';
import { sqlOf } from '../support/sql';

/**
 * What a request may send (README, "Limits") and how its text is cleaned, on the real server:
 * bodies over the limit are refused 413 before being read, forms with too many or too long
 * fields 413, and text with NUL, controls or noncharacters is stored clean (never a 500).
 */
const server = withTestServer();
let rosa: Client;
beforeAll(async () => {
  rosa = await signedIn(server.url, DEMO.resident);
});

const sql = sqlOf(server);

/** Sends only the request head (a huge Content-Length) and reads the answer without sending the body. */
function headOnly(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(server.url + path);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { Origin: server.url, ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.flushHeaders(); // the body never comes: the answer must not wait for it
  });
}

/** A chunked (no Content-Length) body of `total` bytes of `a=b&` pairs, streamed in parts. */
function chunked(total: number, prefix = ''): ReadableStream<Uint8Array> {
  let sent = 0;
  const part = new TextEncoder().encode('x'.repeat(64 * 1024));
  return new ReadableStream({
    pull(controller) {
      if (sent === 0 && prefix) {
        controller.enqueue(new TextEncoder().encode(prefix));
        sent += prefix.length;
        return;
      }
      if (sent >= total) return controller.close();
      controller.enqueue(part);
      sent += part.length;
    },
  });
}

describe('request body limits', () => {
  it('answers a declared 300 MB body with a localized 413 before reading it', async () => {
    const res = await headOnly('/signin', {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(300 * 1024 * 1024),
      Accept: 'text/html',
      'Accept-Language': 'es',
    });
    expect(res.status).toBe(413);
    expect(res.headers['content-language']).toBe('es');
    expect(res.headers.connection).toBe('close');
    expect(res.body).toContain('<html lang="es"');
    expect(res.body).toContain('Demasiado para enviar de una vez');
    const en = await headOnly('/channels/n-riverside/new', {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(2 * 1024 * 1024),
      Accept: 'text/html',
      'Accept-Language': 'en',
    });
    expect(en.status).toBe(413);
    expect(en.body).toContain('Too much to send at once');
  });

  it('allows photo-sized multipart bodies but not larger ones', async () => {
    const photos = await headOnly('/requests/new/graffiti', {
      'Content-Type': 'multipart/form-data; boundary=x',
      'Content-Length': String(20 * 1024 * 1024),
      Accept: 'application/json',
    });
    expect(photos.status).toBe(413);
    expect(JSON.parse(photos.body).error).toBe('tooLarge');
  });

  it('answers Open311 in its own error format', async () => {
    for (const format of ['json', 'xml']) {
      const res = await headOnly(`/open311/v2/requests.${format}`, {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': String(50 * 1024 * 1024),
      });
      expect(res.status).toBe(413);
      if (format === 'json') expect(JSON.parse(res.body)).toEqual([{ code: 413, description: 'request body too large' }]);
      else expect(new XMLParser().parse(res.body).errors.error.code).toBe(413);
    }
  });

  it('stops reading a chunked body at the limit', async () => {
    const res = await fetch(`${server.url}/signin`, {
      method: 'POST',
      body: chunked(5 * 1024 * 1024, 'email=a%40b.example&password='),
      duplex: 'half',
      headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/plain' },
    } as RequestInit).catch((error: Error) => error);
    // The server answers 413 and closes; a client still sending may see the close first.
    if (res instanceof Error) expect(res.message).toMatch(/fetch failed|other side closed|socket|reset/i);
    else expect(res.status).toBe(413);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('serves a small chunked form post as any other', async () => {
    await rosa.get('/channels/n-riverside/new');
    const body = new URLSearchParams({
      csrf: rosa.csrf,
      title: 'Sent in chunks',
      bodyText: 'A body sent without Content-Length.',
    }).toString();
    const res = await fetch(`${server.url}/channels/n-riverside/new`, {
      method: 'POST',
      body: new Blob([body]).stream(),
      duplex: 'half',
      redirect: 'manual',
      headers: {
        Origin: server.url,
        Cookie: cookieOf(rosa),
        'Content-Type': 'application/x-www-form-urlencoded',
      },
    } as RequestInit);
    expect(res.status).toBe(303);
    expect(await sql(`SELECT title FROM "Thread" WHERE title = $1`, ['Sent in chunks'])).toHaveLength(1);
  });

  it('refuses forms with too many fields or a too long field (413), in any language', async () => {
    await rosa.get('/channels/n-riverside/new');
    // 40,000 fields in a few hundred kilobytes: refused at once, not parsed.
    const many = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`f${i}`, '1']));
    const res = await rosa.post(
      '/channels/n-riverside/new',
      { title: 'Many fields', bodyText: 'x', ...many },
      { headers: { 'Accept-Language': 'es' } },
    );
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Demasiado para enviar de una vez'); // Rosa reads Spanish
    const long = await rosa.post('/channels/n-riverside/new', { title: 'Long field', bodyText: 'y'.repeat(70 * 1024) });
    expect(long.status).toBe(413);
    expect(await sql(`SELECT title FROM "Thread" WHERE title IN ('Many fields', 'Long field')`)).toHaveLength(0);
    // Open311 keeps its format for the same limits.
    const params = new URLSearchParams();
    for (let i = 0; i < 2000; i++) params.append(`x${i}`, '');
    const api = await fetch(`${server.url}/open311/v2/requests.json`, { method: 'POST', body: params });
    expect(api.status).toBe(413);
    expect(await api.json()).toEqual([{ code: 413, description: 'request body too large' }]);
  });
});

// NUL, C0 controls other than tab and newline, DEL, C1, noncharacters, a lone surrogate, CR LF.
const DIRTY = 'Bad\u0000 te\u0001xt\u0008\u000B\u000C\u001B\u007F\u0085 \uFFFE\uFFFF\uFDD0\uD83F\uDFFE \uD800end\r\nline\ttab';
const CLEAN = 'Bad text  \uFFFDend\nline\ttab';

describe('text input is cleaned once, where the request is read', () => {
  it('stores a thread with NUL and control characters clean, title and body (2xx, never 500)', async () => {
    await rosa.get('/channels/n-riverside/new');
    const res = await rosa.post('/channels/n-riverside/new', {
      title: `Title ${DIRTY}`.replace(/\r\n|\n/g, ' '),
      bodyText: `Body ${DIRTY}`,
    });
    expect(res.status).toBe(303);
    const id = /\/threads\/([^?#/]+)/.exec(res.headers.get('location') ?? '')![1];
    const [thread] = await sql(`SELECT title FROM "Thread" WHERE id = $1`, [id]);
    expect(thread.title).toBe(`Title ${CLEAN}`.replace(/\n/g, ' '));
    const posts = await sql(`SELECT text FROM "Post" WHERE "threadId" = $1`, [id]);
    expect(String(posts[0].text)).toContain('Body Bad text');
    expect(String(posts[0].text)).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]/);
    // The page renders (no 500), and so does the channel's feed.
    expect((await new Client(server.url).get(`/threads/${id}`)).status).toBe(200);
    expect((await fetch(`${server.url}/channels/n-riverside.atom`)).status).toBe(200);
  });

  it('refuses a NUL in the URL with 400 (PostgreSQL cannot compare text with one), never 500', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    for (const path of [
      '/channels/a%00',
      '/threads/a%00',
      '/requests/new/a%00',
      '/staff/requests?type=a%00&q=%00',
      '/staff/requests.csv?department=%00',
      '/search?q=a%00b',
    ]) {
      const res = await staff.get(path, { Accept: 'text/html' });
      expect(res.status, path).toBe(400);
      expect(await res.text()).toContain('Something in the request was wrong');
    }
    const es = await fetch(`${server.url}/threads/a%00`, { headers: { Accept: 'text/html', 'Accept-Language': 'es' } });
    expect(es.status).toBe(400);
    expect(await es.text()).toContain('Algo en la solicitud no era correcto');
    const api = await fetch(`${server.url}/open311/v2/services/a%00.json`);
    expect(api.status).toBe(400);
    expect(await api.json()).toEqual([{ code: 400, description: 'malformed request' }]);
  });

  it('cleans text nodes of rich text (JSON escapes included)', async () => {
    await rosa.get('/channels/n-riverside/new');
    const doc = {
      root: {
        type: 'root',
        children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Rich\u0000 text\u0007 \uFFFF here', format: 0 }] }],
      },
    };
    const res = await rosa.post('/channels/n-riverside/new', { title: 'Rich text clean-up', body: JSON.stringify(doc) });
    expect(res.status).toBe(303);
    const [post] = await sql(
      `SELECT p.text AS text, p.body AS body FROM "Post" p JOIN "Thread" t ON t.id = p."threadId" WHERE t.title = 'Rich text clean-up'`,
    );
    expect(post.text).toBe('Rich text  here');
    expect(typeof post.body === 'string' ? post.body : JSON.stringify(post.body)).not.toMatch(/\\u0000|\\u0007|\uFFFF/);
  });

  it('stores an Open311 request with controls clean, and its XML stays well-formed', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    await admin.get('/admin/api-keys');
    const created = await admin.post('/admin/api-keys', { intent: 'create', name: 'Input test' });
    const key = /data-api-key[^>]*>([^<]+)<\/code>/.exec(await created.text())?.[1] ?? '';
    expect(key).toBeTruthy();
    const body = new URLSearchParams({
      api_key: key,
      service_code: 'graffiti',
      lat: '34.0522',
      long: '-118.2437',
      'attribute[surface]': 'wall',
      'attribute[offensive]': 'false',
      description: `Open311 ${DIRTY}`,
    });
    const res = await fetch(`${server.url}/open311/v2/requests.json`, { method: 'POST', body });
    expect(res.status).toBe(201);
    const [{ service_request_id: code }] = (await res.json()) as { service_request_id: string }[];
    const [row] = await sql(`SELECT description FROM "ServiceRequest" WHERE "publicCode" = $1`, [code]);
    expect(row.description).toBe(`Open311 ${CLEAN}`);
    const xml = await fetch(`${server.url}/open311/v2/requests/${code}.xml`);
    expect(xml.status).toBe(200);
    const text = await xml.text();
    expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  });
});
