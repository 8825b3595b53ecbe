import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signedIn, textOf } from '../support/client';
import { mentionNode, richBody } from '../support/richtext';
import { addMembersChannel } from '../support/channels';
import { withTestServer } from '../support/test-server';
import { sqlOf } from '../support/sql';

/** Smaller access rules of issue 10, item 9: display names while suspended, the staff directory. */
const server = withTestServer();

const sql = sqlOf(server);
const now = () => new Date().toISOString();

/** A verified account with the demo password, in a given state. */
async function account(id: string, name: string, status: 'active' | 'suspended', locale = 'en') {
  const [{ passwordHash }] = (await sql(`SELECT "passwordHash" FROM "User" WHERE email = $1`, [DEMO.resident])) as {
    passwordHash: string;
  }[];
  const until = status === 'suspended' ? new Date(Date.now() + 7 * 86400_000).toISOString() : null;
  await sql(
    `INSERT INTO "User" (id, "displayName", email, "emailVerifiedAt", "passwordHash", locale, status, "suspendedUntil", "notifyEmail", "failedLogins", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'never', 0, $4)`,
    [id, name, `${id}@example.org`, now(), passwordHash, locale, status, until],
  );
  return signedIn(server.url, `${id}@example.org`);
}

const nameOf = async (id: string) =>
  ((await sql(`SELECT "displayName" FROM "User" WHERE id = $1`, [id])) as { displayName: string }[])[0].displayName;

describe('display name while suspended', () => {
  it('an active account may change its display name', async () => {
    const client = await account('ad-active', 'Ana Activa', 'active');
    await client.get('/account');
    const res = await client.post('/account', { displayName: 'Ana Renamed', locale: 'en', neighborhoodId: '' });
    expect(res.status).toBe(303);
    expect(await nameOf('ad-active')).toBe('Ana Renamed');
  });

  it.each([
    { locale: 'en', message: 'Your account is suspended: you cannot change your display name until the suspension ends.' },
    { locale: 'es', message: 'Su cuenta está suspendida: no puede cambiar su nombre visible hasta que termine la suspensión.' },
  ])('a suspended account may not ($locale), but may still change its other settings', async ({ locale, message }) => {
    const id = `ad-suspended-${locale}`;
    const client = await account(id, 'Sam Suspended', 'suspended', locale);
    await client.get('/account');
    const refused = await client.post('/account', { displayName: 'Someone Else', locale, neighborhoodId: '' });
    expect(refused.status).toBe(400);
    expect(textOf(await refused.text())).toContain(message);
    expect(await nameOf(id)).toBe('Sam Suspended');
    const other = await client.post('/account', {
      displayName: 'Sam Suspended',
      locale: locale === 'en' ? 'es' : 'en',
      neighborhoodId: '',
    });
    expect(other.status).toBe(303);
  });
});

describe('staff directory and members-only channels', () => {
  beforeAll(async () => {
    const [{ id: captain }] = (await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.captain])) as { id: string }[];
    await addMembersChannel(
      server.database.url,
      { id: 'ad-secret', slug: 'ad-secret', name: { en: 'Hush Circle', es: 'Círculo Silencio' } },
      [captain],
    );
    const [{ id: moderator }] = (await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.moderator])) as { id: string }[];
    await sql(
      `INSERT INTO "RoleGrant" (id, "userId", role, "scopeKind", "scopeId", "createdAt") VALUES ('ad-grant', $1, 'moderator', 'channel', 'ad-secret', $2)`,
      [moderator, now()],
    );
  });

  it.each([
    { who: 'liaison (not a member)', email: DEMO.liaison, shown: false },
    { who: 'captain (a member)', email: DEMO.captain, shown: true },
    { who: 'moderator of the channel', email: DEMO.moderator, shown: true },
    { who: 'staff', email: DEMO.staff, shown: true },
    { who: 'admin', email: DEMO.admin, shown: true },
  ])('$who → the channel listed: $shown', async ({ email, shown }) => {
    const client = await signedIn(server.url, email);
    const page = textOf(await client.page('/staff'));
    expect(page.includes('Hush Circle') || page.includes('Círculo Silencio')).toBe(shown);
    // Public channels (Riverside, moderated by Marta Reyes) are listed for everyone who may open it.
    expect(page).toContain('Marta Reyes');
  });
});

describe('mentions: names from the account, a bounded number', () => {
  let threadId = '';
  let writer: Awaited<ReturnType<typeof signedIn>>;
  const ids: string[] = [];
  beforeAll(async () => {
    for (let i = 1; i <= 11; i++) {
      const id = `ad-m-${i}`;
      await sql(
        `INSERT INTO "User" (id, "displayName", email, "emailVerifiedAt", locale, status, "notifyEmail", "failedLogins", "createdAt") VALUES ($1, $2, $3, $4, 'en', 'active', 'never', 0, $4)`,
        [id, `Neighbour Number${i}`, `${id}@example.org`, now()],
      );
      ids.push(id);
    }
    writer = await signedIn(server.url, DEMO.captain);
    await writer.get('/channels/n-riverside/new');
    const res = await writer.post('/channels/n-riverside/new', { title: 'Mentions here', bodyText: 'Opening.' });
    threadId = /\/threads\/([^?#/]+)/.exec(res.headers.get('location') ?? '')![1];
  });

  const doc = (mentions: { id: string; name: string }[]) => richBody('Hi ', ...mentions.map((m) => mentionNode(m.id, m.name)));
  /** A rendered mention, a link to the person's profile (React may put a comment between "@" and the name). */
  const mention = (name: string) => new RegExp(`<a class="mention" href="/people/[^"]+">@(<!-- -->)?${name}</a>`);
  const post = async (mentions: { id: string; name: string }[]) => {
    await writer.get(`/threads/${threadId}`);
    return writer.post(`/threads/${threadId}`, { body: doc(mentions) });
  };

  it('stores and shows the mentioned account’s own name, not the one the client sent', async () => {
    const res = await post([
      { id: 'ad-m-1', name: 'The Mayor' },
      { id: 'no-such-account', name: 'City Hall' },
    ]);
    expect(res.status).toBe(303);
    const [row] = (await sql(`SELECT text FROM "Post" WHERE "threadId" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [threadId])) as {
      text: string;
    }[];
    expect(row.text).toBe('Hi @Neighbour Number1@City Hall');
    const page = await writer.page(`/threads/${threadId}`);
    expect(page).toMatch(mention('Neighbour Number1'));
    expect(page).not.toContain('The Mayor');
    // A mention of no account is plain text: no mention, and nobody notified.
    expect(page).not.toMatch(mention('City Hall'));
    expect(textOf(page)).toContain('@City Hall');
    expect(await sql(`SELECT id FROM "Notification" WHERE "userId" = 'ad-m-1' AND kind = 'mention'`)).toHaveLength(1);
  });

  it('shows a renamed person under their new name', async () => {
    await sql(`UPDATE "User" SET "displayName" = 'Neighbour Renamed' WHERE id = 'ad-m-1'`);
    const page = await writer.page(`/threads/${threadId}`);
    expect(page).toMatch(mention('Neighbour Renamed'));
  });

  it.each([
    { count: 10, status: 303 },
    { count: 11, status: 400 },
  ])('$count different people in one post → $status', async ({ count, status }) => {
    const res = await post(ids.slice(0, count).map((id) => ({ id, name: id })));
    expect(res.status).toBe(status);
    if (status === 400) expect(textOf(await res.text())).toContain('Menciona como máximo a 10 personas en un mensaje.');
  });
});
