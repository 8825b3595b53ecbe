import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { addMembersChannel } from '../support/channels';
import { postIdIn, startThread } from '../support/forum';
import { jpegWithGps, plainJpeg, plainPng } from '../support/images';
import { sqlOf } from '../support/sql';
import { newResident } from '../support/surveys';
import { withTestServer } from '../support/test-server';
import { uploads } from '../support/uploads';

/**
 * Pictures in posts (issue 15) through the real routes: the editor's upload (who may, what is
 * accepted, metadata gone), the post that shows it (only the writer's own staged pictures),
 * the picture served with the post's visibility, and the form's picture without JavaScript.
 */
const server = withTestServer();
const sql = sqlOf(server);
let author: Client;
let authorId: string;
let other: Client;
let threadId: string;

const PUBLIC = 'n-riverside';
const PRIVATE = 'pp-members';

/** The editor's upload: multipart with the page's CSRF token, as image-plugin.tsx sends it. */
async function upload(client: Client, channel: string, bytes: Buffer | null, type = 'image/jpeg', name = 'photo.jpg') {
  if (!client.csrf) await client.get('/');
  const body = new FormData();
  body.append('csrf', client.csrf);
  if (bytes) body.append('picture', new Blob([new Uint8Array(bytes)], { type }), name);
  return client.send(`/channels/${channel}/pictures`, body);
}

async function uploaded(client: Client, channel: string, bytes: Buffer) {
  const res = await upload(client, channel, bytes);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; url: string; width: number; height: number };
}

/** The editor's JSON for a paragraph of text and a picture. */
const docWith = (text: string, pictureId: string, alt: string) =>
  JSON.stringify({
    root: {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', text }] },
        { type: 'paragraph', children: [{ type: 'image', pictureId, alt, width: 1, height: 1 }] },
      ],
    },
  });

async function replyWithJson(client: Client, thread: string, body: string) {
  await client.get(`/threads/${thread}`);
  return client.post(`/threads/${thread}`, { intent: 'reply', body });
}

const rowOf = async (id: string) =>
  (
    (await sql(`SELECT "ownerKind", "ownerId", path, width, height, "createdById" FROM "Attachment" WHERE id = $1`, [id])) as {
      ownerKind: string;
      ownerId: string;
      path: string;
      width: number;
      height: number;
      createdById: string;
    }[]
  )[0];

beforeAll(async () => {
  ({ client: author, id: authorId } = await newResident(server.url, server.database.url));
  ({ client: other } = await newResident(server.url, server.database.url));
  await addMembersChannel(server.database.url, { id: PRIVATE, slug: PRIVATE, name: { en: 'Picture group', es: 'Grupo de fotos' } }, [
    authorId,
  ]);
  const writer = await signedIn(server.url, DEMO.resident);
  threadId = await startThread(writer, PUBLIC, 'Pictures of the river path', 'Share what you saw.');
});

describe('uploading a picture for a post', () => {
  it('is for signed-in people who may post in the channel', async () => {
    const jpeg = await plainJpeg();
    const anonymous = new Client(server.url);
    expect((await upload(anonymous, PUBLIC, jpeg)).status).toBe(401);
    // A reader of the private channel's kind who is no member: may not even read it.
    expect((await upload(other, PRIVATE, jpeg)).status).toBe(403);
    expect((await upload(other, 'no-such-channel', jpeg)).status).toBe(404);
    // A reader of the public channel who may not post in it (e-mail not verified).
    const { client: unverified, id } = await newResident(server.url, server.database.url);
    await sql(`UPDATE "User" SET "emailVerifiedAt" = NULL WHERE id = $1`, [id]);
    expect((await upload(unverified, PUBLIC, jpeg)).status).toBe(403);
    // Allowed: a member of the private channel, anyone verified in the public one.
    expect((await uploaded(author, PRIVATE, jpeg)).url).toMatch(/^\/pictures\/[a-z0-9]+$/);
    expect((await uploaded(other, PUBLIC, jpeg)).width).toBe(40);
  });

  it('refuses what is not a JPEG, PNG or WebP picture by its bytes (SVG too), and no file (400)', async () => {
    const fake = await upload(author, PUBLIC, Buffer.from('not a picture at all'), 'image/jpeg', 'fake.jpg');
    expect(fake.status).toBe(400);
    expect(await fake.json()).toEqual({ error: 'invalid', fields: { picture: [expect.stringContaining('requests:errors.photoType')] } });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    expect((await upload(author, PUBLIC, svg, 'image/svg+xml', 'x.svg')).status).toBe(400);
    expect((await upload(author, PUBLIC, null)).status).toBe(400);
  });

  it('re-encodes it without its metadata (the GPS position is gone), staged for the uploader only', async () => {
    const withGps = await jpegWithGps();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const picture = await uploaded(author, PUBLIC, withGps);
    const row = await rowOf(picture.id);
    expect(row).toMatchObject({ ownerKind: 'postDraft', ownerId: authorId, createdById: authorId });
    expect(row.path.startsWith('posts/')).toBe(true);
    const stored = readFileSync(join(uploads(), row.path));
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    // Staged: its uploader sees it (the editor shows it), nobody else.
    expect((await author.get(picture.url)).status).toBe(200);
    expect((await other.get(picture.url)).status).toBe(404);
    expect((await new Client(server.url).get(picture.url)).status).toBe(404);
  });
});

describe('a post with a picture', () => {
  it('takes the writer’s staged picture, shows it with its description and serves it to readers', async () => {
    const picture = await uploaded(author, PUBLIC, await plainPng());
    const res = await replyWithJson(author, threadId, docWith('The new bridge:', picture.id, 'A wooden footbridge over the river'));
    expect(res.status, textOf(await res.clone().text()).slice(0, 300)).toBe(303);
    const postId = postIdIn(res)!;
    expect(await rowOf(picture.id)).toMatchObject({ ownerKind: 'post', ownerId: postId });
    const html = await new Client(server.url).page(`/threads/${threadId}`);
    // Its size is the stored file's, whatever the client said.
    expect(html).toContain(
      `<img class="rt-image" src="/pictures/${picture.id}" alt="A wooden footbridge over the river" loading="lazy" decoding="async" width="20" height="20"/>`,
    );
    const served = await new Client(server.url).get(picture.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toContain('nosniff');

    // A hidden post's picture is not served to others any more; its author still sees both.
    await sql(`UPDATE "Post" SET "hiddenAt" = $1, "hiddenReason" = 'moderator' WHERE id = $2`, [new Date().toISOString(), postId]);
    expect((await new Client(server.url).get(picture.url)).status).toBe(404);
    expect((await other.get(picture.url)).status).toBe(404);
    expect((await author.get(picture.url)).status).toBe(200);
    // And a deleted one to no one.
    await sql(`UPDATE "Post" SET "deletedAt" = $1 WHERE id = $2`, [new Date().toISOString(), postId]);
    expect((await author.get(picture.url)).status).toBe(404);
  });

  it('refuses a picture that is not the writer’s staged one (400, nothing posted), or one without a description', async () => {
    const foreign = await uploaded(other, PUBLIC, await plainJpeg());
    const count = async () => Number(((await sql(`SELECT count(*) AS n FROM "Post"`)) as { n: unknown }[])[0].n);
    const before = await count();
    const res = await replyWithJson(author, threadId, docWith('Look:', foreign.id, 'Someone else’s picture'));
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('This post shows a picture that is not one you uploaded for it.');
    expect(await rowOf(foreign.id)).toMatchObject({ ownerKind: 'postDraft' });
    // A made-up id, and one already in another post.
    expect((await replyWithJson(author, threadId, docWith('Look:', 'cnotapicture000000000000', 'Nothing'))).status).toBe(400);
    const mine = await uploaded(author, PUBLIC, await plainJpeg());
    expect((await replyWithJson(author, threadId, docWith('First:', mine.id, 'A street'))).status).toBe(303);
    expect((await replyWithJson(author, threadId, docWith('Again:', mine.id, 'A street'))).status).toBe(400);
    // No description.
    const bare = await uploaded(author, PUBLIC, await plainJpeg());
    const noAlt = await replyWithJson(author, threadId, docWith('Look:', bare.id, '   '));
    expect(noAlt.status).toBe(400);
    expect(await count()).toBe(before + 1);
  });

  it('editing without JavaScript starts from the formatted text, so saving it keeps the picture and the bold', async () => {
    const picture = await uploaded(author, PUBLIC, await plainPng());
    const doc = JSON.parse(docWith('Before', picture.id, 'The old mill')) as { root: { children: { children: object[] }[] } };
    doc.root.children[0].children.push({ type: 'text', text: ' and after', format: 1 });
    const res = await replyWithJson(author, threadId, JSON.stringify(doc));
    expect(res.status).toBe(303);
    const postId = postIdIn(res)!;
    const html = await author.page(`/posts/${postId}/edit`);
    const textarea = /<textarea[^>]*name="bodyText"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? '';
    const text = textarea
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    expect(text.trim()).toBe(`Before **and after**\n\n![The old mill](/pictures/${picture.id})`);
    const saved = await author.post(`/posts/${postId}/edit`, { bodyText: `${text.trim()}\n\nEdited.` });
    expect(saved.status, textOf(await saved.clone().text()).slice(0, 300)).toBe(303);
    const page = await new Client(server.url).page(`/threads/${threadId}`);
    expect(page).toContain(`src="/pictures/${picture.id}" alt="The old mill"`);
    expect(page).toContain('<strong>and after</strong>');
    expect(await rowOf(picture.id)).toMatchObject({ ownerKind: 'post', ownerId: postId });
  });

  it('in a members-only channel is served to its members only (404 to outsiders and visitors)', async () => {
    const picture = await uploaded(author, PRIVATE, await plainJpeg());
    await author.get(`/channels/${PRIVATE}/new`);
    const res = await author.post(`/channels/${PRIVATE}/new`, {
      title: 'Our garden',
      body: docWith('The garden in spring.', picture.id, 'Tulips in a raised bed'),
    });
    expect(res.status, textOf(await res.clone().text()).slice(0, 300)).toBe(303);
    expect((await author.get(picture.url)).status).toBe(200);
    expect((await other.get(picture.url)).status).toBe(404);
    expect((await new Client(server.url).get(picture.url)).status).toBe(404);
  });
});

describe('without JavaScript', () => {
  const multipartReply = async (client: Client, fields: Record<string, string>, file?: Buffer) => {
    await client.get(`/threads/${threadId}`);
    const body = new FormData();
    body.append('csrf', client.csrf);
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    body.append('picture', file ? new Blob([new Uint8Array(file)], { type: 'image/jpeg' }) : new Blob([]), file ? 'river.jpg' : '');
    return client.send(`/threads/${threadId}`, body);
  };

  it('the reply form takes a picture with its description and adds it at the end of the post', async () => {
    const res = await multipartReply(
      author,
      { intent: 'reply', bodyText: 'The river at dawn.', pictureAlt: 'Mist over the river' },
      await jpegWithGps(),
    );
    expect(res.status, textOf(await res.clone().text()).slice(0, 300)).toBe(303);
    const postId = postIdIn(res)!;
    const [row] = (await sql(`SELECT id, path FROM "Attachment" WHERE "ownerKind" = 'post' AND "ownerId" = $1`, [postId])) as {
      id: string;
      path: string;
    }[];
    expect((await sharp(readFileSync(join(uploads(), row.path))).metadata()).exif).toBeUndefined();
    const html = await new Client(server.url).page(`/threads/${threadId}`);
    expect(html).toMatch(
      new RegExp(`The river at dawn\\.</p><p><img class="rt-image" src="/pictures/${row.id}" alt="Mist over the river"`),
    );
    // A reply without a picture is as before.
    expect((await multipartReply(author, { intent: 'reply', bodyText: 'No picture this time.' })).status).toBe(303);
  });

  it('asks for the description, and refuses what is not a picture, keeping the text', async () => {
    const noAlt = await multipartReply(author, { intent: 'reply', bodyText: 'Kept words.', pictureAlt: '' }, await plainJpeg());
    expect(noAlt.status).toBe(400);
    const html = await noAlt.text();
    expect(textOf(html)).toContain('Describe the picture in a few words');
    expect(html).toContain('Kept words.');
    const bad = await multipartReply(author, { intent: 'reply', bodyText: 'Kept words.', pictureAlt: 'x' }, Buffer.from('nope'));
    expect(bad.status).toBe(400);
  });

  it('"@Display Name" in the plain text mentions that person, who is notified', async () => {
    const [{ id: residentId, displayName }] = (await sql(`SELECT id, "displayName" FROM "User" WHERE email = $1`, [DEMO.resident])) as {
      id: string;
      displayName: string;
    }[];
    const res = await multipartReply(author, { intent: 'reply', bodyText: `Thanks @${displayName.toUpperCase()}, lovely path.` });
    expect(res.status).toBe(303);
    const postId = postIdIn(res)!;
    const [post] = (await sql(`SELECT body FROM "Post" WHERE id = $1`, [postId])) as { body: unknown }[];
    const doc = (typeof post.body === 'string' ? JSON.parse(post.body) : post.body) as { root: { children: { children: unknown[] }[] } };
    expect(doc.root.children[0].children).toContainEqual({ type: 'mention', userId: residentId, name: displayName, version: 1 });
    const notices = (await sql(`SELECT kind FROM "Notification" WHERE "userId" = $1 AND kind = 'mention'`, [residentId])) as unknown[];
    expect(notices.length).toBeGreaterThan(0);
  });
});
