import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn } from '../support/client';
import { richDoc } from '../support/richtext';
import { addMembersChannel } from '../support/channels';
import { withTestServer } from '../support/test-server';
import { sqlOf } from '../support/sql';

/**
 * GET /people/mentions, the editor's @mention suggestions, through the real server: who may ask,
 * who is suggested where, what the answer holds (never an e-mail address), bad input and abuse.
 */
const server = withTestServer();

const sql = sqlOf(server);
type Person = { id: string; name: string };

async function lookup(client: Client, channel: string, q: string) {
  return client.get(`/people/mentions?${new URLSearchParams({ channel, q })}`, { Accept: 'application/json' });
}
async function people(client: Client, channel: string, q: string): Promise<Person[]> {
  const res = await lookup(client, channel, q);
  expect(res.status).toBe(200);
  return (await res.json()) as Person[];
}
const names = (list: Person[]) => list.map((p) => p.name);

let riverside = '';
const now = new Date().toISOString();

async function addUser(id: string, displayName: string, status: string, email: string | null) {
  await sql(
    `INSERT INTO "User" (id, "displayName", email, locale, status, "failedLogins", "notifyEmail", "createdAt", "deletedAt") VALUES ($1, $2, $3, 'en', $4, 0, 'never', $5, $6)`,
    [id, displayName, email, status, now, status === 'deleted' ? now : null],
  );
}

beforeAll(async () => {
  riverside = ((await sql(`SELECT id FROM "Channel" WHERE slug = 'n-riverside'`)) as { id: string }[])[0].id;
  // Everyone called Quim-something, in every state an account can be in.
  await addUser('quim-active', 'Quim Activo', 'active', 'quim.activo@example.org');
  await addUser('quim-suspended', 'Quim Suspendido', 'suspended', 'quim.suspendido@example.org');
  await addUser('quim-banned', 'Quim Baneado', 'banned', 'quim.baneado@example.org');
  await addUser('quim-deleted', 'Quim Borrado', 'deleted', null);
  await addUser('quim-poster', 'Quimey Zapata', 'active', 'quimey@example.org');
  await addUser('angela', 'Ángela Núñez-Ibáñez', 'active', 'angela@example.org');
  // Quimey has written in Riverside, so she comes first there although her name sorts last.
  await sql(
    `INSERT INTO "Thread" (id, "channelId", "authorId", title, pinned, locked, "replyCount", "lastActivityAt", "createdAt") VALUES ('quim-thread', $1, 'quim-poster', 'Bench on the river walk', false, false, 0, $2, $2)`,
    [riverside, now],
  );
  await sql(
    `INSERT INTO "Post" (id, "threadId", "authorId", "isOpening", body, text, status, "createdAt") VALUES ('quim-post', 'quim-thread', 'quim-poster', true, $1, 'The bench is broken.', 'published', $2)`,
    [JSON.stringify(richDoc([])), now],
  );
});

describe('who may ask', () => {
  it('answers 401 to anonymous visitors, without caching', async () => {
    const res = await lookup(new Client(server.url), riverside, 'quim');
    expect(res.status).toBe(401);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('answers a signed-in resident on a public channel, by id or by slug', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const res = await lookup(rosa, riverside, 'quim');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await people(rosa, 'n-riverside', 'quim')).toEqual(await res.json());
  });

  it('answers 404 for a channel that does not exist', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    expect((await lookup(rosa, 'no-such-channel', 'quim')).status).toBe(404);
  });

  it.each([
    { q: '', why: 'empty' },
    { q: '    ', why: 'only spaces' },
    { q: 'x'.repeat(51), why: 'longer than 50 characters' },
    { q: 'ro\u0001sa', why: 'a control character' },
  ])('answers 400 to a query that is $why', async ({ q }) => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const res = await lookup(rosa, riverside, q);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid', fields: ['q'] });
  });

  it('answers 400 to a query with a NUL (refused before any route, as every URL with one)', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const res = await lookup(rosa, riverside, 'ro\u0000sa');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'badRequest' });
  });

  it('answers 400 without a channel', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const res = await rosa.get('/people/mentions?q=quim');
    expect(res.status).toBe(400);
  });
});

describe('who is suggested', () => {
  it('suggests active and suspended accounts, people who wrote in the channel first, never banned or deleted ones', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    expect(names(await people(rosa, riverside, 'quim'))).toEqual(['Quimey Zapata', 'Quim Activo', 'Quim Suspendido']);
    // Elsewhere Quimey has not written: plain name order.
    expect(names(await people(rosa, 'n-old-town', 'quim'))).toEqual(['Quim Activo', 'Quim Suspendido', 'Quimey Zapata']);
  });

  it('answers ids and names only, never e-mail addresses', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const res = await lookup(rosa, riverside, 'a');
    const text = await res.text();
    const list = JSON.parse(text) as Person[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.length).toBeLessThanOrEqual(8);
    for (const person of list) expect(Object.keys(person).sort()).toEqual(['id', 'name']);
    expect(text).not.toMatch(/@|example\.org|arroyoverde/);
  });

  it('matches the start of any word, ignoring case and accents, and never the asker', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    for (const q of ['angela', 'ÁNGELA', 'nunez', 'ibañ', 'IBAN'])
      expect(names(await people(rosa, riverside, q)), q).toEqual(['Ángela Núñez-Ibáñez']);
    expect(names(await people(rosa, riverside, 'lucia'))).toEqual(['Lucía Park']);
    expect(names(await people(rosa, riverside, 'lucía pa'))).toEqual(['Lucía Park']);
    expect(await people(rosa, riverside, 'ngela')).toEqual([]);
    expect(await people(rosa, riverside, 'rosa')).toEqual([]); // Rosa herself
    // Wildcards are plain characters.
    expect(await people(rosa, riverside, '%')).toEqual([]);
    expect(await people(rosa, riverside, '_')).toEqual([]);
    expect(await people(rosa, riverside, '*')).toEqual([]);
  });

  it('gives at most 8 people', async () => {
    for (let i = 0; i < 10; i++) await addUser(`many-${i}`, `Manyname ${i}`, 'active', `many${i}@example.org`);
    const rosa = await signedIn(server.url, DEMO.resident);
    expect(await people(rosa, riverside, 'manyname')).toHaveLength(8);
  });
});

describe('a members-only channel', () => {
  beforeAll(async () => {
    const [captain] = (await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.captain])) as { id: string }[];
    const name = { en: 'Mention Watch', es: 'Vigilancia Menciones' };
    await addMembersChannel(server.database.url, { id: 'mention-priv', slug: 'mention-watch', name }, [
      captain.id,
      'quim-active',
      'quim-banned',
    ]);
  });

  it.each([
    { who: 'a resident who is not a member', email: DEMO.resident },
    { who: 'the moderator of another channel', email: DEMO.moderator },
  ])('refuses $who with 403', async ({ email }) => {
    const client = await signedIn(server.url, email);
    const res = await lookup(client, 'mention-priv', 'quim');
    expect(res.status).toBe(403);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('suggests only its members and admin/staff to a member', async () => {
    const captain = await signedIn(server.url, DEMO.captain);
    expect(names(await people(captain, 'mention-priv', 'quim'))).toEqual(['Quim Activo']);
    // "a": Ana Admin (admin) and Samuel Ortiz (staff) can read it; Rosa, Marta (a moderator
    // elsewhere) and Lucía (a liaison) cannot, so they are not suggested.
    const found = names(await people(captain, 'mention-watch', 'a'));
    expect(found).toEqual(['Ana Admin', 'Quim Activo']);
    expect(names(await people(captain, 'mention-watch', 'samuel'))).toEqual(['Samuel Ortiz']);
    for (const q of ['rosa', 'marta', 'lucia', 'quimey']) expect(await people(captain, 'mention-watch', q), q).toEqual([]);
  });

  it('answers staff, who read every channel', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    expect(names(await people(staff, 'mention-priv', 'carlos'))).toEqual(['Carlos Mendoza']);
  });
});

describe('abuse', () => {
  it('answers 429 with Retry-After once an account has asked too often', async () => {
    const lucia = await signedIn(server.url, DEMO.liaison);
    let last: Response | undefined;
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) {
      last = await lookup(lucia, riverside, `q${i}`);
      statuses.push(last.status);
      if (last.status !== 200) break;
    }
    expect(statuses.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(statuses[120]).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('cache-control')).toBe('private, no-store');
    // Another account is not affected.
    const rosa = await signedIn(server.url, DEMO.resident);
    expect((await lookup(rosa, riverside, 'quim')).status).toBe(200);
  });
});
