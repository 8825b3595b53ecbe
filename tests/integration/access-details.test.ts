import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signedIn, textOf } from '../support/client';
import { startTestServer, type TestServer } from '../support/server';
import { sql as runSql } from '../support/sql';

/** Smaller access rules of issue 10, item 9: display names while suspended, the staff directory. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const sql = (statement: string, params: unknown[] = []) => runSql(server.database.url, statement, params);
const now = () => new Date().toISOString();

/** A verified account with the demo password, in a given state. */
async function account(id: string, name: string, status: 'active' | 'suspended', locale = 'en') {
  const [{ passwordHash }] = (await sql(`SELECT "passwordHash" FROM "User" WHERE email = $1`, [DEMO.resident])) as { passwordHash: string }[];
  const until = status === 'suspended' ? new Date(Date.now() + 7 * 86400_000).toISOString() : null;
  await sql(
    `INSERT INTO "User" (id, "displayName", email, "emailVerifiedAt", "passwordHash", locale, status, "suspendedUntil", "notifyEmail", "failedLogins", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'never', 0, $4)`,
    [id, name, `${id}@example.org`, now(), passwordHash, locale, status, until],
  );
  return signedIn(server.url, `${id}@example.org`);
}

const nameOf = async (id: string) => ((await sql(`SELECT "displayName" FROM "User" WHERE id = $1`, [id])) as { displayName: string }[])[0].displayName;

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
    const other = await client.post('/account', { displayName: 'Sam Suspended', locale: locale === 'en' ? 'es' : 'en', neighborhoodId: '' });
    expect(other.status).toBe(303);
  });
});

describe('staff directory and members-only channels', () => {
  beforeAll(async () => {
    await sql(`INSERT INTO "Channel" (id, slug, kind, name, visibility, "holdFirstPosts", "createdAt") VALUES ('ad-secret', 'ad-secret', 'group', $1, 'members', false, $2)`, [
      JSON.stringify({ en: 'Hush Circle', es: 'Círculo Silencio' }),
      now(),
    ]);
    const [{ id: moderator }] = (await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.moderator])) as { id: string }[];
    await sql(`INSERT INTO "RoleGrant" (id, "userId", role, "scopeKind", "scopeId", "createdAt") VALUES ('ad-grant', $1, 'moderator', 'channel', 'ad-secret', $2)`, [moderator, now()]);
    const [{ id: captain }] = (await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.captain])) as { id: string }[];
    await sql(`INSERT INTO "ChannelMember" ("channelId", "userId", "createdAt") VALUES ('ad-secret', $1, $2)`, [captain, now()]);
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
