import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { addMembersChannel } from '../support/channels';
import { reply, startThread } from '../support/forum';
import { jpegWithGps, plainPng } from '../support/images';
import { mentionNode, richBody } from '../support/richtext';
import { sqlOf } from '../support/sql';
import { newResident } from '../support/surveys';
import { withTestServer } from '../support/test-server';
import { storedFiles, uploads } from '../support/uploads';

/**
 * People (issue 15) through the real server: avatars uploaded on the account page (re-encoded
 * square WebP without metadata, replaced, removed, served at a versioned URL), public profiles
 * (only what anyone may see), role badges computed from grants beside authors, author names and
 * @mentions linking to profiles, and what account export and deletion do with the avatar.
 */
const server = withTestServer();
const sql = sqlOf(server);

type Upload = { name: string; type: string; bytes: Buffer };

/** Posts the avatar page's upload form as a browser without JavaScript does (multipart). */
async function postAvatar(client: Client, file: Upload | null, intent = 'upload') {
  await client.page('/account/avatar');
  const body = new FormData();
  body.append('csrf', client.csrf);
  body.append('intent', intent);
  if (file) body.append('avatar', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return client.send('/account/avatar', body);
}

const idOf = async (email: string) => ((await sql(`SELECT id FROM "User" WHERE email = $1`, [email])) as { id: string }[])[0].id;
const avatarIdOf = async (userId: string) =>
  ((await sql(`SELECT "avatarId" FROM "User" WHERE id = $1`, [userId])) as { avatarId: string | null }[])[0].avatarId;
const avatarRows = async (userId: string) =>
  (await sql(`SELECT id, path, "mimeType", width, height FROM "Attachment" WHERE "ownerKind" = 'avatar' AND "ownerId" = $1`, [userId])) as {
    id: string;
    path: string;
    mimeType: string;
    width: number;
    height: number;
  }[];
const avatarFiles = () => storedFiles().filter((f) => f.startsWith('avatars/'));

/** The text of a post's author line (name and badges) on a thread page, as read aloud: not the decorative initials. */
function authorLine(html: string, postId = '[^"]+'): string {
  const match = new RegExp(`<p id="post-${postId}-by"[^>]*>([\\s\\S]*?)</p>`).exec(html);
  if (!match) throw new Error(`no author line for ${postId}`);
  return textOf(match[1].replace(/<span [^>]*aria-hidden="true">[^<]*<\/span>/g, '')).trim();
}

describe('avatars', () => {
  it('are for signed-in people only: the page and its form send anyone else to sign in', async () => {
    const anonymous = new Client(server.url);
    const page = await anonymous.get('/account/avatar');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/signin/);
    const rosa = await signedIn(server.url, DEMO.resident);
    expect((await rosa.get('/account/avatar')).status).toBe(200);
  });

  it('are re-encoded to a 256 px WebP square without metadata, served at a versioned URL, replaced and removed', async () => {
    const { client, id } = await newResident(server.url, server.database.url);
    const withGps = await jpegWithGps();
    expect((await sharp(withGps).metadata()).exif).toBeDefined(); // the crafted file really carries EXIF
    const res = await postAvatar(client, { name: 'me.jpg', type: 'image/jpeg', bytes: withGps });
    expect(res.status).toBe(303);
    const [row] = await avatarRows(id);
    expect(row).toMatchObject({ mimeType: 'image/webp', width: 256, height: 256 });
    expect(row.path).toMatch(/^avatars\//);
    expect(await avatarIdOf(id)).toBe(row.id);
    const stored = readFileSync(join(uploads(), row.path));
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    expect(stored.includes(Buffer.from('Exif', 'latin1'))).toBe(false);
    expect(storedFiles().filter((f) => f.startsWith('tmp/'))).toEqual([]);

    // Served to anyone, cached for good: a new picture has a new URL.
    const url = `/people/${id}/avatar/${row.id}`;
    const served = await new Client(server.url).get(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('x-content-type-options')).toContain('nosniff');
    expect(Buffer.from(await served.arrayBuffer()).equals(stored)).toBe(true);
    // Shown on the profile with its size, decorative beside the name, lazily.
    const profile = await new Client(server.url).page(`/people/${id}`);
    expect(profile).toMatch(new RegExp(`<img class="avatar avatar-xl" src="${url}" alt="" width="128" height="128" loading="lazy"`));

    // Replacing: the new one is served, the old URL and file are gone.
    expect((await postAvatar(client, { name: 'me.png', type: 'image/png', bytes: await plainPng() })).status).toBe(303);
    const rows = await avatarRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0].id).not.toBe(row.id);
    expect((await new Client(server.url).get(url)).status).toBe(404);
    expect((await new Client(server.url).get(`/people/${id}/avatar/${rows[0].id}`)).status).toBe(200);
    expect(avatarFiles()).toContain(rows[0].path);
    expect(avatarFiles()).not.toContain(row.path);

    // Removing: back to initials, nothing left.
    expect((await postAvatar(client, null, 'remove')).status).toBe(303);
    expect(await avatarRows(id)).toEqual([]);
    expect(await avatarIdOf(id)).toBeNull();
    expect(avatarFiles()).not.toContain(rows[0].path);
    expect((await new Client(server.url).get(`/people/${id}/avatar/${rows[0].id}`)).status).toBe(404);
    const initials = await new Client(server.url).page(`/people/${id}`);
    expect(initials).toMatch(/<span class="avatar avatar-xl avatar-initials avatar-c\d" aria-hidden="true">R\d?<\/span>/);
  });

  it('refuses a file that is not a picture, or no file, with 400 and stores nothing', async () => {
    const { client, id } = await newResident(server.url, server.database.url);
    const before = { files: storedFiles().length, rows: await sql(`SELECT count(*) AS n FROM "Attachment"`) };
    const fake = await postAvatar(client, { name: 'notes.jpg', type: 'image/jpeg', bytes: Buffer.from('just some text, not a JPEG') });
    expect(fake.status).toBe(400);
    expect(textOf(await fake.text())).toContain('notes.jpg is not a JPEG, PNG or WebP picture.');
    const none = await postAvatar(client, null);
    expect(none.status).toBe(400);
    expect(textOf(await none.text())).toContain('Choose one picture to upload.');
    expect(await avatarIdOf(id)).toBeNull();
    expect(storedFiles().length).toBe(before.files);
    expect(await sql(`SELECT count(*) AS n FROM "Attachment"`)).toEqual(before.rows);
  });

  it('are in the account export, and go with the account when it is deleted', async () => {
    const { client, id } = await newResident(server.url, server.database.url);
    expect((await postAvatar(client, { name: 'me.png', type: 'image/png', bytes: await plainPng() })).status).toBe(303);
    const [row] = await avatarRows(id);
    const exported = await client.get('/account/export');
    const data = JSON.parse(await exported.text()) as { avatar: { url: string; mimeType: string; width: number } | null };
    expect(data.avatar).toMatchObject({ url: `/people/${id}/avatar/${row.id}`, mimeType: 'image/webp', width: 256 });

    await client.page('/account/delete');
    const deleted = await client.post('/account/delete', { currentPassword: DEMO.password, confirm: 'on' });
    expect(deleted.status).toBe(303);
    expect(await avatarRows(id)).toEqual([]);
    expect(avatarFiles()).not.toContain(row.path);
    expect((await new Client(server.url).get(`/people/${id}/avatar/${row.id}`)).status).toBe(404);
  });
});

describe('public profiles', () => {
  let person: { client: Client; id: string };
  let publicThread = '';
  let privateChannel = '';
  let groups: { id: string; name: string }[] = [];

  beforeAll(async () => {
    person = await newResident(server.url, server.database.url);
    await sql(
      `UPDATE "User" SET "displayName" = 'Paula Vidal', "neighborhoodId" = (SELECT id FROM "Neighborhood" WHERE slug = 'riverside') WHERE id = $1`,
      [person.id],
    );
    publicThread = await startThread(person.client, 'n-riverside', 'Crosswalk paint is fading', 'PUBLIC-OPENING about the crosswalk.');
    await reply(person.client, publicThread, 'PUBLIC-REPLY with more detail.');
    const hidden = await reply(person.client, publicThread, 'HIDDEN-REPLY that a moderator hid.');
    await sql(`UPDATE "Post" SET "hiddenAt" = $1, "hiddenReason" = 'spam' WHERE id = $2`, [new Date().toISOString(), hidden]);
    const removed = await reply(person.client, publicThread, 'DELETED-REPLY the author took back.');
    await sql(`UPDATE "Post" SET "deletedAt" = $1 WHERE id = $2`, [new Date().toISOString(), removed]);
    privateChannel = 'people-private';
    await addMembersChannel(server.database.url, { id: privateChannel, slug: 'people-private', name: { en: 'Private', es: 'Privado' } }, [
      person.id,
    ]);
    await startThread(person.client, 'people-private', 'Members only', 'PRIVATE-POST for members only.');
    // Block-watch groups: one where they share their name in the directory, one where they do not.
    groups = (await sql(`SELECT id, name FROM "BlockWatchGroup" ORDER BY slug`)) as { id: string; name: string }[];
    const now = new Date().toISOString();
    await sql(
      `INSERT INTO "GroupMembership" (id, "groupId", "userId", status, role, via, "sharedName", "alertByMail", "createdAt", "updatedAt") VALUES ('pm1', $1, $2, 'active', 'member', 'request', 'Paula V.', true, $3, $3), ('pm2', $4, $2, 'active', 'member', 'request', NULL, true, $3, $3)`,
      [groups[0].id, person.id, now, groups[1].id],
    );
  });

  it('show the name, neighborhood, shared groups and public posts, and nothing private', async () => {
    const res = await new Client(server.url).get(`/people/${person.id}`);
    expect(res.status).toBe(200);
    const text = textOf(await res.text());
    expect(text).toContain('Paula Vidal');
    expect(text).toContain('Riverside');
    expect(text).toContain('PUBLIC-OPENING about the crosswalk.');
    expect(text).toContain('PUBLIC-REPLY with more detail.');
    expect(text).toContain('Crosswalk paint is fading');
    expect(text).toContain(groups[0].name);
    expect(text).not.toContain(groups[1].name);
    for (const hidden of ['HIDDEN-REPLY', 'DELETED-REPLY', 'PRIVATE-POST', 'Members only', '@example.org'])
      expect(text).not.toContain(hidden);
    // In Spanish too.
    const es = await new Client(server.url).get(`/people/${person.id}`, { 'Accept-Language': 'es' });
    expect(textOf(await es.text())).toContain('Mensajes recientes');
  });

  it('are not found for deleted, suspended and unknown accounts', async () => {
    const gone = await newResident(server.url, server.database.url);
    await gone.client.page('/account/delete');
    expect((await gone.client.post('/account/delete', { currentPassword: DEMO.password, confirm: 'on' })).status).toBe(303);
    expect((await new Client(server.url).get(`/people/${gone.id}`)).status).toBe(404);
    const held = await newResident(server.url, server.database.url);
    await sql(`UPDATE "User" SET status = 'suspended' WHERE id = $1`, [held.id]);
    expect((await new Client(server.url).get(`/people/${held.id}`)).status).toBe(404);
    expect((await new Client(server.url).get('/people/no-such-person')).status).toBe(404);
    expect((await new Client(server.url).get(`/people/${'x'.repeat(300)}`)).status).toBe(404);
  });
});

describe('authors on a thread page', () => {
  it('link to their profiles and carry the badges of their roles there, and mentions link too', async () => {
    const ids = {
      staff: await idOf(DEMO.staff),
      liaison: await idOf(DEMO.liaison),
      moderator: await idOf(DEMO.moderator),
      resident: await idOf(DEMO.resident),
      captain: await idOf(DEMO.captain),
    };
    const rosa = await signedIn(server.url, DEMO.resident);
    const thread = await startThread(rosa, 'n-riverside', 'Who fixes the streetlight?', 'The light on Mill St is out.');
    const posts: Record<string, string> = {};
    for (const who of ['staff', 'liaison', 'moderator', 'captain'] as const)
      posts[who] = await reply(await signedIn(server.url, DEMO[who]), thread, `A reply by the ${who}.`);
    // A mention of Lucía (active: linked) and of a deleted account (not linked).
    await sql(
      `INSERT INTO "User" (id, "displayName", email, locale, status, "failedLogins", "notifyEmail", "createdAt", "deletedAt") VALUES ('gone-person', '', NULL, 'en', 'deleted', 0, 'never', $1, $1)`,
      [new Date().toISOString()],
    );
    await rosa.get(`/threads/${thread}`);
    const mentioning = await rosa.post(`/threads/${thread}`, {
      body: richBody('Thanks ', mentionNode(ids.liaison, 'Lucía Park'), ' and ', mentionNode('gone-person', 'Someone')),
    });
    expect(mentioning.status).toBe(303);

    const html = await new Client(server.url).page(`/threads/${thread}`);
    expect(authorLine(html, posts.staff)).toBe('Samuel Ortiz Staff');
    expect(authorLine(html, posts.liaison)).toBe('Lucía Park Public Works');
    expect(authorLine(html, posts.moderator)).toBe('Marta Reyes Moderator'); // she moderates Riverside
    expect(authorLine(html, posts.captain)).toBe('Carlos Mendoza'); // a captain only on his group's board
    for (const id of Object.values(ids)) expect(html).toContain(`href="/people/${id}"`);
    expect(html).toContain(`<a class="mention" href="/people/${ids.liaison}">@<!-- -->Lucía Park</a>`);
    expect(html).toContain(' and <span class="mention">@</span>');
    expect(html).not.toContain('href="/people/gone-person"');
    // The channel's list and search results link the thread's author too.
    expect(await new Client(server.url).page('/channels/n-riverside')).toContain(`href="/people/${ids.resident}"`);
    expect(await new Client(server.url).page('/search?q=streetlight')).toContain(`href="/people/${ids.resident}"`);
    // Badges are in the reader's language.
    const es = await new Client(server.url).get(`/threads/${thread}`, { 'Accept-Language': 'es' });
    const esHtml = await es.text();
    expect(authorLine(esHtml, posts.staff)).toBe('Samuel Ortiz Personal municipal');
    expect(authorLine(esHtml, posts.liaison)).toBe('Lucía Park Obras Públicas');
    expect(authorLine(esHtml, posts.moderator)).toBe('Marta Reyes Moderación');
  });

  it('show Moderator only in the channel moderated, and Captain on the group board', async () => {
    const marta = await signedIn(server.url, DEMO.moderator);
    const elsewhere = await startThread(marta, 'n-las-flores', 'Market day', 'The market moves to Saturday.');
    const html = await new Client(server.url).page(`/threads/${elsewhere}`);
    expect(authorLine(html)).toBe('Marta Reyes');

    const [board] = (await sql(
      `SELECT c.slug FROM "Channel" c JOIN "BlockWatchGroup" g ON g."channelId" = c.id JOIN "RoleGrant" r ON r."scopeId" = g.id AND r.role = 'captain' JOIN "User" u ON u.id = r."userId" WHERE u.email = $1`,
      [DEMO.captain],
    )) as { slug: string }[];
    const carlos = await signedIn(server.url, DEMO.captain);
    const thread = await startThread(carlos, board.slug, 'Next walk', 'We walk on Thursday.');
    const boardPage = await carlos.page(`/threads/${thread}`);
    expect(authorLine(boardPage)).toBe('Carlos Mendoza Capitanía'); // he reads in Spanish
  });

  it('show the role badges on the profile with their places', async () => {
    const marta = textOf(await new Client(server.url).page(`/people/${await idOf(DEMO.moderator)}`));
    expect(marta).toContain('Moderator · Riverside');
    const carlos = textOf(await new Client(server.url).page(`/people/${await idOf(DEMO.captain)}`));
    expect(carlos).toMatch(/Captain · \S/);
    const lucia = textOf(await new Client(server.url).page(`/people/${await idOf(DEMO.liaison)}`));
    expect(lucia).toContain('Public Works');
    expect(lucia).not.toContain('liaison@');
  });
});
