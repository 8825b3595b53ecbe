import { Parser } from 'htmlparser2';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '~/lib/migrate.server';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { addMembersChannel } from '../support/channels';
import { reply, startThread } from '../support/forum';
import { startTestServer, type TestServer } from '../support/server';
import { sql as runSql } from '../support/sql';

/**
 * Search through the real routes, on the engine of the run (SQLite, or TEST_ENGINE=postgres).
 * The server starts on a database that already held a post before the search migration, so the
 * migration's backfill is tested by searching for that post.
 */
let server: TestServer;
let legacy: TestDatabase;

const sql = (statement: string, params: unknown[] = [], url = legacy.url) => runSql(url, statement, params);

beforeAll(async () => {
  // A database as it was before 0004_search, with a post in it.
  legacy = await createTestDatabase();
  await migrate(legacy.url, { upTo: '0003_socket_io_attachments.sql' });
  const now = new Date().toISOString();
  const bool = (b: boolean) => (legacy.engine === 'sqlite' ? (b ? 1 : 0) : b);
  await sql(
    `INSERT INTO "User" (id, "displayName", email, locale, status, "failedLogins", "notifyEmail", "createdAt") VALUES ('legacy-user', 'Old Timer', 'old.timer@example.org', 'en', 'active', 0, 'never', $1)`,
    [now],
  );
  await sql(
    `INSERT INTO "Channel" (id, slug, kind, name, visibility, "holdFirstPosts", "createdAt") VALUES ('legacy-channel', 'legacy-archive', 'topic', $1, 'public', $2, $3)`,
    [JSON.stringify({ en: 'Archive', es: 'Archivo' }), bool(false), now],
  );
  await sql(
    `INSERT INTO "Thread" (id, "channelId", "authorId", title, pinned, locked, "replyCount", "lastActivityAt", "createdAt") VALUES ('legacy-thread', 'legacy-channel', 'legacy-user', 'Historic Quibblewick bridge', $1, $1, 0, $2, $2)`,
    [bool(false), now],
  );
  await sql(
    `INSERT INTO "Post" (id, "threadId", "authorId", "isOpening", body, text, status, "createdAt") VALUES ('legacy-post', 'legacy-thread', 'legacy-user', $1, $2, 'The bridge over the Arroyo was built in 1911.', 'published', $3)`,
    [bool(true), JSON.stringify({ root: { type: 'root', children: [] } }), now],
  );
  server = await startTestServer({ DATABASE_URL: legacy.url });
});
afterAll(async () => {
  await server?.stop();
  await legacy?.drop();
});

async function search(client: Client, query: string, extra = '') {
  const res = await client.get(`/search?q=${encodeURIComponent(query)}${extra}`);
  const html = res.status === 200 || res.status === 400 ? client.lastHtml : await res.text();
  // Highlighted text is rendered as <span>…</span><mark>…</mark> pieces; drop the spans to compare.
  return { status: res.status, html: html.replace(/<\/?span>|<!-- -->/g, '') };
}

/** The result items of a search page. */
function results(html: string) {
  return [...html.matchAll(/<li class="search-result">([\s\S]*?)<\/li>/g)].map((m) => m[1]);
}

describe('search', () => {
  let threadId = '';
  let replyId = '';
  beforeAll(async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    threadId = await startThread(rosa, 'n-riverside', 'Bache en la Calle Zorbatín', 'El vecino sénior dice que el bache crece cada día.');
    const staff = await signedIn(server.url, DEMO.staff);
    replyId = await reply(staff, threadId, 'Public Works will send a senior inspector to Zorbatin street.');
  });

  it('finds posts regardless of case and accents, both ways, and highlights the matches', async () => {
    const anon = new Client(server.url);
    const calle = await search(anon, 'calle zorbatin');
    expect(calle.status).toBe(200);
    expect(results(calle.html)).toHaveLength(1);
    expect(calle.html).toContain('<mark>Calle</mark>');
    expect(calle.html).toContain('<mark>Zorbatín</mark>');

    // "sénior" finds the unaccented reply, "senior" the accented opening post.
    const accented = await search(anon, 'sénior');
    expect(accented.html).toContain('<mark>senior</mark> inspector');
    expect(accented.html).toContain('vecino <mark>sénior</mark>');
    const plain = await search(anon, 'SENIOR');
    expect(results(plain.html)).toHaveLength(2);
    expect(plain.html).toContain('vecino <mark>sénior</mark>');

    // Each result links to its post in the thread.
    expect(accented.html).toContain(`href="/threads/${threadId}?from=${replyId}#post-${replyId}"`);
    const text = textOf(accented.html);
    expect(text).toContain('Bache en la Calle Zorbatín');
    expect(text).toContain('Riverside');
  });

  it('shows the page in the reader’s language, with the nav link and an empty state', async () => {
    const rosa = await signedIn(server.url, DEMO.resident); // Rosa reads Spanish
    const { status, html } = await search(rosa, 'nadaporaquí');
    expect(status).toBe(200);
    expect(html).toContain('href="/search"');
    expect(textOf(html)).toContain('No se encontró nada para «nadaporaquí»');
    const anon = await search(new Client(server.url), 'nothingtofindhere');
    expect(textOf(anon.html)).toContain('Nothing found for “nothingtofindhere”');
  });

  it('finds posts that existed before the search migration (backfill)', async () => {
    const { html } = await search(new Client(server.url), 'quibblewick');
    expect(results(html)).toHaveLength(1);
    expect(html).toContain('<mark>Quibblewick</mark>');
    expect(html).toContain('href="/threads/legacy-thread?from=legacy-post#post-legacy-post"');
  });

  it('follows edits of the text and of the title', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const page = await rosa.page(`/threads/${threadId}`);
    const openingId = /id="post-([^"]+)"/.exec(page)![1];
    await rosa.get(`/posts/${openingId}/edit`);
    const res = await rosa.post(`/posts/${openingId}/edit`, {
      title: 'Bache en la Calle Plimbora',
      bodyText: 'El vecino sénior dice que el bache ya es un cráter.',
    });
    expect(res.status).toBe(303);
    const anon = new Client(server.url);
    expect(results((await search(anon, 'plimbora')).html)).toHaveLength(1);
    expect(results((await search(anon, 'crater')).html)).toHaveLength(1);
    expect(results((await search(anon, 'crece')).html)).toHaveLength(0);
  });

  it('drops deleted posts from the results', async () => {
    const moderator = await signedIn(server.url, DEMO.moderator);
    const id = await startThread(moderator, 'n-riverside', 'Frobnitzal bench', 'The frobnitzal bench needs paint.');
    const replyToDelete = await reply(moderator, id, 'Frobnitzal paint bought; trashed soon.');
    const anon = new Client(server.url);
    expect(results((await search(anon, 'frobnitzal')).html)).toHaveLength(2);
    await moderator.page(`/posts/${replyToDelete}/delete`);
    expect((await moderator.post(`/posts/${replyToDelete}/delete`, {})).status).toBe(303);
    const after = await search(anon, 'frobnitzal');
    expect(results(after.html)).toHaveLength(1);
    expect(after.html).not.toContain('trashed');
  });

  describe('private channels', () => {
    beforeAll(async () => {
      const [captain] = (await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.captain])) as { id: string }[];
      const name = { en: 'Search Watch', es: 'Vigilancia Búsqueda' };
      await addMembersChannel(legacy.url, { id: 'priv-search', slug: 'search-watch', name }, [captain.id]);
      await startThread(
        await signedIn(server.url, DEMO.captain),
        'search-watch',
        'Gazorpian meeting',
        'The gazorpian watch meets on Thursday.',
      );
    });

    it.each([
      { who: 'anonymous', email: null, sees: false },
      { who: 'resident (not a member)', email: DEMO.resident, sees: false },
      { who: 'moderator of another channel', email: DEMO.moderator, sees: false },
      { who: 'member', email: DEMO.captain, sees: true },
      { who: 'staff', email: DEMO.staff, sees: true },
    ])('$who → sees it: $sees', async ({ email, sees }) => {
      const client = email ? await signedIn(server.url, email) : new Client(server.url);
      const { status, html } = await search(client, 'gazorpian');
      expect(status).toBe(200);
      expect(results(html)).toHaveLength(sees ? 1 : 0);
      expect(html.includes('Gazorpian')).toBe(sees);
      // Naming the channel in the filter does not open it either.
      const filtered = await search(client, 'gazorpian', '&channel=search-watch');
      expect(results(filtered.html)).toHaveLength(sees ? 1 : 0);
    });
  });

  it.each([
    '"',
    '"foo',
    '*',
    'a OR',
    'NEAR(',
    'foo NEAR( bar',
    '\'; DROP TABLE "Post"; --',
    'x'.repeat(300),
    'title:foo',
    '^foo',
    'foo -bar',
    '!!',
    '& | :*',
    '\\',
    '\uE000calle\uE001',
  ])('answers %j with 200 or 400, never 500', async (query) => {
    const { status, html } = await search(new Client(server.url), query);
    expect([200, 400]).toContain(status);
    expect(html).toContain('name="q"');
  });

  it('explains a too short or too long query in the reader’s language', async () => {
    const short = await search(new Client(server.url), 'a');
    expect(short.status).toBe(400);
    expect(textOf(short.html)).toContain('Type at least 2 characters.');
    const rosa = await signedIn(server.url, DEMO.resident);
    const long = await search(rosa, 'palabra '.repeat(40));
    expect(long.status).toBe(400);
    expect(textOf(long.html)).toContain('Use como máximo 200 caracteres.');
    const symbols = await search(rosa, '"*"');
    expect(symbols.status).toBe(400);
    expect(textOf(symbols.html)).toContain('Escriba al menos una palabra o un número.');
    // Nothing was dropped by a hostile query.
    expect(results((await search(rosa, 'quibblewick')).html)).toHaveLength(1);
  });

  it('pages through results, newest first among equals, without repeating any', async () => {
    // 25 matching posts (written straight to the database: the triggers index them).
    const [admin] = (await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.admin])) as { id: string }[];
    const [channel] = (await sql(`SELECT id FROM "Channel" WHERE slug = 'n-riverside'`)) as { id: string }[];
    const t0 = Date.parse('2030-01-01T00:00:00Z');
    const iso = (i: number) => new Date(t0 + i * 60_000).toISOString();
    const stamp = (i: number) => (legacy.engine === 'sqlite' ? iso(i) : iso(i));
    const bool = (b: boolean) => (legacy.engine === 'sqlite' ? (b ? 1 : 0) : b);
    await sql(
      `INSERT INTO "Thread" (id, "channelId", "authorId", title, pinned, locked, "replyCount", "lastActivityAt", "createdAt") VALUES ('page-thread', $1, $2, 'Paging thread', $3, $3, 25, $4, $4)`,
      [channel.id, admin.id, bool(false), stamp(0)],
    );
    for (let i = 1; i <= 25; i++) {
      await sql(
        `INSERT INTO "Post" (id, "threadId", "authorId", "isOpening", body, text, status, "createdAt") VALUES ($1, 'page-thread', $2, $3, '{}', $4, 'published', $5)`,
        [`page-post-${String(i).padStart(2, '0')}`, admin.id, bool(false), `Wombleflux report number ${i}.`, stamp(i)],
      );
    }
    const anon = new Client(server.url);
    const first = await search(anon, 'wombleflux');
    const firstIds = results(first.html).map((r) => /#post-([^"]+)"/.exec(r)![1]);
    expect(firstIds).toHaveLength(20);
    expect(firstIds[0]).toBe('page-post-25');
    expect(first.html).toContain('href="/search?q=wombleflux&amp;page=2"');
    const second = await search(anon, 'wombleflux', '&page=2');
    const secondIds = results(second.html).map((r) => /#post-([^"]+)"/.exec(r)![1]);
    expect(secondIds).toEqual(['page-post-05', 'page-post-04', 'page-post-03', 'page-post-02', 'page-post-01']);
    expect(second.html).not.toContain('page=3');
    expect(new Set([...firstIds, ...secondIds]).size).toBe(25);
    // Beyond the last page, or a nonsense page number: never a 500.
    expect((await search(anon, 'wombleflux', '&page=999')).status).toBe(200);
    expect((await search(anon, 'wombleflux', '&page=abc')).status).toBe(200);
  });
});

/** A strict enough XML reading for the test: balanced tags, entities decoded, no regexes. */
type XmlNode = { name: string; attrs: Record<string, string>; children: XmlNode[]; text: string };
function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const node = { name, attrs, children: [], text: '' };
        stack[stack.length - 1].children.push(node);
        stack.push(node);
      },
      ontext(text) {
        stack[stack.length - 1].text += text;
      },
      onclosetag(name) {
        const open = stack.pop();
        if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  if (stack.length !== 1) throw new Error('unclosed elements');
  return root;
}
const child = (node: XmlNode, name: string) => node.children.find((c) => c.name === name);

describe('Atom feeds', () => {
  const hostileTitle = 'Fête <script>alert("x")</script> & "quotes" \'n\' more';
  beforeAll(async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    await startThread(admin, 'n-riverside', hostileTitle, `Día de limpieza ${'en el parque del río '.repeat(30)}\u0007fin.`);
  });

  it('lists the latest visible threads as valid, escaped Atom', async () => {
    const res = await fetch(`${server.url}/channels/n-riverside.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const xml = await res.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;');
    const feed = child(parseXml(xml), 'feed')!;
    expect(feed.attrs.xmlns).toBe('http://www.w3.org/2005/Atom');
    const entries = feed.children.filter((c) => c.name === 'entry');
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.length).toBeLessThanOrEqual(30);
    const entry = entries.find((e) => child(e, 'title')!.text === hostileTitle)!;
    expect(entry).toBeDefined();
    const summary = child(entry, 'summary')!.text;
    expect(summary.startsWith('Día de limpieza en el parque')).toBe(true);
    expect([...summary].length).toBeLessThanOrEqual(301);
    expect(summary).not.toContain('\u0007');
    expect(child(entry, 'link')!.attrs.href).toMatch(/^http:\/\/localhost:\d+\/threads\/[^/]+$/);
    const [admin] = (await sql(`SELECT "displayName" FROM "User" WHERE email = $1`, [DEMO.admin])) as { displayName: string }[];
    expect(child(child(entry, 'author')!, 'name')!.text).toBe(admin.displayName);
    expect(Date.parse(child(entry, 'updated')!.text)).not.toBeNaN();
    // Hidden, deleted and private threads are not in it.
    expect(xml).not.toContain('trashed');
    expect(xml).not.toContain('Gazorpian');
    if (server.database.engine === 'postgres' || legacy.engine === 'postgres') {
      // PostgreSQL's own XML parser as a second, independent well-formedness check.
      expect(await sql('SELECT xmlparse(document $1)::text IS NOT NULL AS ok', [xml])).toEqual([{ ok: true }]);
    }
  });

  it('names deleted accounts in the reader’s language', async () => {
    await sql(`UPDATE "User" SET status = 'deleted', "displayName" = '', email = NULL WHERE id = 'legacy-user'`);
    const en = await (await fetch(`${server.url}/channels/legacy-archive.atom`)).text();
    const enEntry = child(child(parseXml(en), 'feed')!, 'entry')!;
    expect(child(child(enEntry, 'author')!, 'name')!.text).toBe('Deleted account');
    expect(child(enEntry, 'title')!.text).toBe('Historic Quibblewick bridge');
    const es = await (await fetch(`${server.url}/channels/legacy-archive.atom`, { headers: { 'Accept-Language': 'es' } })).text();
    expect(child(child(child(child(parseXml(es), 'feed')!, 'entry')!, 'author')!, 'name')!.text).toBe('Cuenta eliminada');
  });

  it('stays valid XML 1.0 for a strict parser when stored text holds control characters and noncharacters', async () => {
    // Written straight into the database, as rows stored before input was normalized may be.
    const now = new Date(Date.now() + 1000).toISOString();
    await sql(
      `INSERT INTO "Thread" (id, "channelId", "authorId", title, pinned, locked, "replyCount", "lastActivityAt", "createdAt") VALUES ('ctrl-thread', 'legacy-channel', 'legacy-user', $1, $2, $2, 0, $3, $3)`,
      ['Control\u0001 title\uFFFE here', legacy.engine === 'sqlite' ? 0 : false, now],
    );
    await sql(
      `INSERT INTO "Post" (id, "threadId", "authorId", "isOpening", body, text, status, "createdAt") VALUES ('ctrl-post', 'ctrl-thread', 'legacy-user', $1, $2, $3, 'published', $4)`,
      [
        legacy.engine === 'sqlite' ? 1 : true,
        JSON.stringify({ root: { type: 'root', children: [] } }),
        'Bell\u0007 vertical\u000B tab \uFFFF and \u0008 backspace.',
        now,
      ],
    );
    const xml = await (await fetch(`${server.url}/channels/legacy-archive.atom`)).text();
    expect(() => new SaxesParser().write(xml).close()).not.toThrow();
    const entry = child(child(parseXml(xml), 'feed')!, 'entry')!;
    expect(child(entry, 'title')!.text).toBe('Control title here');
    expect(child(entry, 'summary')!.text).toBe('Bell vertical tab  and  backspace.');
  });

  it('carries ETag and Last-Modified, and answers 304 to a reader that has the current feed', async () => {
    const url = `${server.url}/channels/n-riverside.atom`;
    // Node's fetch adds "Cache-Control: no-cache" (a forced reload) to conditional requests unless
    // told otherwise; feed readers and browsers revalidating send max-age=0.
    const fetch = (target: string, init: { headers?: Record<string, string> } = {}) =>
      globalThis.fetch(target, { headers: { 'Cache-Control': 'max-age=0', ...init.headers } });
    const first = await fetch(url);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    const body = await first.text();
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(new Date(lastModified).toUTCString()).toBe(lastModified);
    // Last-Modified is the feed's <updated>.
    expect(Date.parse(child(child(parseXml(body), 'feed')!, 'updated')!.text)).toBe(Date.parse(lastModified));

    const byTag = await fetch(url, { headers: { 'If-None-Match': etag } });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    expect(byTag.headers.get('etag')).toBe(etag);
    expect(byTag.headers.get('cache-control')).toBe('public, max-age=300');
    expect((await fetch(url, { headers: { 'If-None-Match': `W/"other", ${etag}` } })).status).toBe(304);
    const byDate = await fetch(url, { headers: { 'If-Modified-Since': lastModified } });
    expect(byDate.status).toBe(304);
    const later = new Date(Date.parse(lastModified) + 3600_000).toUTCString();
    expect((await fetch(url, { headers: { 'If-Modified-Since': later } })).status).toBe(304);

    const stale = await fetch(url, { headers: { 'If-None-Match': 'W/"not-this-one"' } });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toBe(body);
    const earlier = new Date(Date.parse(lastModified) - 3600_000).toUTCString();
    expect((await fetch(url, { headers: { 'If-Modified-Since': earlier } })).status).toBe(200);
    // Another language is another document: its own tag.
    const es = await fetch(url, { headers: { 'Accept-Language': 'es', 'If-None-Match': etag } });
    expect(es.status).toBe(200);
    expect(es.headers.get('etag')).not.toBe(etag);

    // A new thread changes the feed: the old tag no longer matches, and Last-Modified moves on.
    const resident = await signedIn(server.url, DEMO.moderator);
    await startThread(resident, 'n-riverside', 'Feed validators test thread', 'Does the feed change?');
    const changed = await fetch(url, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain('Feed validators test thread');
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(Date.parse(changed.headers.get('last-modified')!)).toBeGreaterThanOrEqual(Date.parse(lastModified));
  });

  it('answers 404 for members-only and unknown channels', async () => {
    await addMembersChannel(legacy.url, { id: 'priv-feed', slug: 'feed-watch', name: { en: 'Feed Watch' } });
    expect((await fetch(`${server.url}/channels/feed-watch.atom`)).status).toBe(404);
    const staff = await signedIn(server.url, DEMO.staff);
    expect((await staff.get('/channels/feed-watch.atom')).status).toBe(404);
    expect((await fetch(`${server.url}/channels/no-such-channel.atom`)).status).toBe(404);
    // The private channel page offers no feed; a public one does, in <head> and visibly.
    expect(await staff.page('/channels/feed-watch')).not.toContain('.atom');
    const html = await new Client(server.url).page('/channels/n-riverside');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Riverside" href="/channels/n-riverside.atom"/>');
    expect(html).toMatch(/<a href="\/channels\/n-riverside\.atom"[^>]*>Feed<\/a>/);
  });
});
