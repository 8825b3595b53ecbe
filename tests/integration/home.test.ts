import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { addMembersChannel } from '../support/channels';
import { reply, startThread } from '../support/forum';
import { withTestServer } from '../support/test-server';
import { sqlOf } from '../support/sql';

/**
 * The home page and /latest through the real server: a members-only channel's conversation shows
 * only to those who may read it, queue counts only to those who work the queue, and a signed-in
 * person's page leads with their neighborhood and what they follow.
 */
const server = withTestServer();
const sql = sqlOf(server);

const SECRET = 'Quiet plans for the block party';
const PUBLIC = 'Bench by the river needs paint';
let secretId = '';
let publicId = '';

const clientOf = (email: string | null) => (email ? signedIn(server.url, email) : Promise.resolve(new Client(server.url)));

beforeAll(async () => {
  const [captain] = (await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.captain])) as { id: string }[];
  await addMembersChannel(
    server.database.url,
    { id: 'home-members', slug: 'home-members', name: { en: 'Party crew', es: 'Equipo de la fiesta' } },
    [captain.id],
  );
  const member = await signedIn(server.url, DEMO.captain);
  secretId = await startThread(member, 'home-members', SECRET, 'Only for the crew.');
  publicId = await startThread(member, 'n-riverside', PUBLIC, 'The paint is peeling.');
  // The captain follows their thread; someone else's reply is news for them.
  await member.post(`/threads/${publicId}`, { intent: 'follow', level: 'follow' });
  await member.page(`/threads/${publicId}`);
  await reply(await signedIn(server.url, DEMO.staff), publicId, 'Parks will paint it next week.');
});

describe("a members-only channel's conversations", () => {
  // [reader, their e-mail (none: anonymous), whether they may read the channel]
  it.each<[string, string | null, boolean]>([
    ['anonymous', null, false],
    ['a resident (not a member)', DEMO.resident, false],
    ['a liaison (not a member)', DEMO.liaison, false],
    ["another channel's moderator", DEMO.moderator, false],
    ['a member', DEMO.captain, true],
    ['an admin', DEMO.admin, true],
    ['staff', DEMO.staff, true],
  ])('%s: on home and /latest, sees it %s', async (_who, email, sees) => {
    const client = await clientOf(email);
    for (const path of ['/', '/latest']) {
      const html = await client.page(path);
      expect(textOf(html)).toContain(PUBLIC);
      expect(textOf(html).includes(SECRET)).toBe(sees);
      expect(html.includes(`/threads/${secretId}"`)).toBe(sees);
    }
    const narrowed = await client.get('/latest?channel=home-members');
    expect(narrowed.status).toBe(sees ? 200 : 404);
    if (sees) expect(textOf(await narrowed.text())).toContain(SECRET);
  });
});

describe('/latest', () => {
  it('narrows to one channel with a GET link and refuses malformed queries', async () => {
    const client = new Client(server.url);
    const riverside = textOf(await client.page('/latest?channel=n-riverside'));
    expect(riverside).toContain(PUBLIC);
    const oldTown = textOf(await client.page('/latest?channel=n-old-town'));
    expect(oldTown).not.toContain(PUBLIC);
    expect((await client.get('/latest?channel=no-such-channel')).status).toBe(404);
    expect((await client.get(`/latest?after=${'x'.repeat(41)}`)).status).toBe(400);
  });

  it('shows replies, last activity and the participants of each thread, on channel pages too', async () => {
    for (const path of ['/latest', '/channels/n-riverside']) {
      const html = await new Client(server.url).page(path);
      const row = [...html.matchAll(/<li class="thread-item[^"]*">[\s\S]*?<\/li>/g)].find((m) =>
        m[0].includes(`/threads/${publicId}"`),
      )?.[0];
      expect(row).toBeDefined();
      expect(textOf(row!)).toContain('1 reply');
      expect(row).toContain('<time');
      // Most recent first: the staff member who replied, then the captain who started it.
      expect([...row!.matchAll(/class="avatar [^"]*"[^>]*?(?:aria-label|alt)="([^"]+)"/g)].map((m) => m[1])).toEqual([
        'Samuel Ortiz',
        'Carlos Mendoza',
      ]);
    }
  });
});

describe('queue counts', () => {
  // [reader, their e-mail, works the request queue, works the moderation queue]
  it.each<[string, string | null, boolean, boolean]>([
    ['anonymous', null, false, false],
    ['resident', DEMO.resident, false, false],
    ['liaison', DEMO.liaison, true, false],
    ['moderator', DEMO.moderator, false, true],
    ['staff', DEMO.staff, true, true],
  ])('%s: request counts %s, moderation count %s', async (_who, email, requests, moderation) => {
    const html = await (await clientOf(email)).page('/');
    expect(html.includes('href="/staff/requests"')).toBe(requests);
    expect(html.includes('href="/staff/requests?overdue=1"')).toBe(requests);
    expect(html.includes('href="/moderation"')).toBe(moderation);
  });

  it("counts staff's open requests as the database does", async () => {
    const [{ n }] = (await sql(`SELECT COUNT(*) AS n FROM "ServiceRequest" WHERE status IN ('new', 'acknowledged', 'in_progress')`)) as {
      n: number | string;
    }[];
    const text = textOf(await (await signedIn(server.url, DEMO.staff)).page('/'));
    expect(text).toMatch(new RegExp(`\\b${Number(n).toLocaleString('en')} open requests?\\b`));
  });
});

describe('signed in', () => {
  it('leads with their neighborhood, linked to its channel, before the latest conversations', async () => {
    const html = await (await signedIn(server.url, DEMO.staff)).page('/');
    const text = textOf(html);
    const lead = text.indexOf('Your neighborhood: Riverside');
    expect(lead).toBeGreaterThan(-1);
    expect(lead).toBeLessThan(text.indexOf('Latest conversations'));
    expect(html).toContain('href="/channels/n-riverside"');
    expect(text).toContain('Recent requests in your neighborhood');
  });

  it('shows the threads they follow that moved since they read them, until they read them', async () => {
    const captain = await signedIn(server.url, DEMO.captain);
    const followed = (text: string) => text.slice(text.indexOf('Lo que usted sigue'), text.indexOf('Últimas conversaciones'));
    expect(followed(textOf(await captain.page('/')))).toContain(PUBLIC);
    await captain.page(`/threads/${publicId}`);
    expect(followed(textOf(await captain.page('/')))).not.toContain(PUBLIC);
  });

  it('gives an anonymous visitor nothing personal', async () => {
    const text = textOf(await new Client(server.url).page('/'));
    expect(text).not.toContain('What you follow');
    expect(text).not.toContain('Your neighborhood:');
    expect(text).toContain('Recent requests');
    for (const card of ['Riverside', 'Las Flores']) expect(text).toContain(card);
  });
});
