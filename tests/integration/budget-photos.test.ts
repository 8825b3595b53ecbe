import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '~/lib/pictures';
import { expectAnswer } from '../support/authorization';
import { advanceAs, createProcessAs } from '../support/budgets';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { hasApp1, jpegWithGps, plainJpeg, plainPng } from '../support/images';
import { postMultipart, type Upload } from '../support/requests';
import { sqlOf } from '../support/sql';
import { newResident } from '../support/surveys';
import { withTestServer } from '../support/test-server';
import { storedFiles, uploads } from '../support/uploads';

/**
 * Photos on budget proposals through the real routes (issue 14): the request photo path (checked
 * by their bytes, re-encoded without metadata, files and rows together or neither), served with
 * the proposal's visibility, removed and added by the author's edit within the limit.
 */
const server = withTestServer();
const sql = sqlOf(server);
const SLUG = 'photo-budget';
const BASE = `/budgets/${SLUG}`;
let staff: Client;
let author: Client;
let other: Client;

const form = (title: string, extra: Record<string, string | string[]> = {}) => ({
  title,
  bodyText: `A longer description of ${title}.`,
  cost: '12,000',
  neighborhoodId: '',
  categoryId: '',
  address: '',
  ...extra,
});

const jpeg = (name: string, bytes: Buffer): Upload => ({ name, type: 'image/jpeg', bytes });

/** Posts the new-proposal form (multipart, as a browser without JavaScript does). */
async function postNew(client: Client, title: string, files: Upload[]) {
  await client.page(`${BASE}/proposals/new`);
  return postMultipart(client, `${BASE}/proposals/new`, form(title), files);
}

async function propose(client: Client, title: string, files: Upload[]) {
  const res = await postNew(client, title, files);
  expect(res.status, textOf(await res.clone().text()).slice(0, 400)).toBe(303);
  return res.headers.get('location')!.split('/').pop()!;
}

type PhotoRow = { id: string; ownerKind: string; path: string; mimeType: string; width: number; height: number; createdById: string };
const photoRows = async (proposalId: string) =>
  (await sql(
    `SELECT id, "ownerKind", path, "mimeType", width, height, "createdById" FROM "Attachment" WHERE "ownerId" = $1 ORDER BY "createdAt", id`,
    [proposalId],
  )) as PhotoRow[];

const counts = async () => ({
  proposals: Number(((await sql(`SELECT count(*) AS n FROM "Proposal"`)) as { n: unknown }[])[0].n),
  attachments: Number(((await sql(`SELECT count(*) AS n FROM "Attachment"`)) as { n: unknown }[])[0].n),
  files: storedFiles().length,
});

beforeAll(async () => {
  staff = await signedIn(server.url, DEMO.staff);
  await createProcessAs(staff, SLUG);
  await advanceAs(staff, SLUG, 'information');
  ({ client: author } = await newResident(server.url, server.database.url));
  ({ client: other } = await newResident(server.url, server.database.url));
});

describe('proposal photos', () => {
  it('are stored with the proposal, re-encoded without their GPS position, shown and served to its readers', async () => {
    const before = storedFiles().length;
    const withGps = await jpegWithGps();
    expect((await sharp(withGps).metadata()).exif).toBeDefined(); // the crafted file really carries EXIF
    const id = await propose(author, 'A mural on the library wall', [
      jpeg('wall.jpg', withGps),
      { name: 'plan.png', type: 'image/png', bytes: await plainPng() },
    ]);
    const rows = await photoRows(id);
    expect(rows.map(({ ownerKind, mimeType, width, height }) => ({ ownerKind, mimeType, width, height }))).toEqual([
      { ownerKind: 'proposal', mimeType: 'image/jpeg', width: 40, height: 30 },
      { ownerKind: 'proposal', mimeType: 'image/png', width: 20, height: 20 },
    ]);
    const [{ authorId }] = (await sql(`SELECT "authorId" FROM "Proposal" WHERE id = $1`, [id])) as { authorId: string }[];
    expect(rows.every((r) => r.createdById === authorId && r.path.startsWith('proposals/'))).toBe(true);
    const stored = readFileSync(join(uploads(), rows[0].path));
    expect(hasApp1(stored)).toBe(false);
    expect(stored.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(storedFiles().filter((f) => f.startsWith('tmp/'))).toEqual([]);
    expect(storedFiles().length).toBe(before + 2);

    // The page: each picture with its size, a localized alt naming the proposal, loaded lazily.
    const path = `${BASE}/proposals/${id}`;
    const html = await new Client(server.url).page(path);
    const src = `${path}/photos/${rows[0].id}`;
    expect(html).toContain(`src="${src}"`);
    expect(html).toMatch(/alt="Photo 1 of the proposal “A mural on the library wall”"[^>]*width="40" height="30" loading="lazy"/);
    const reader = new Client(server.url);
    expect((await reader.get(path, { 'Accept-Language': 'es' })).status).toBe(200);
    expect(reader.lastHtml).toContain('alt="Foto 2 de la propuesta «A mural on the library wall»"');

    // The process's list shows the first one small, beside the title that says what it is.
    const list = await new Client(server.url).page(BASE);
    expect(list).toContain(`<img src="${src}" alt="" width="96" height="72" loading="lazy"/>`);

    // Served to any reader of the proposal, as request photos are.
    const served = await new Client(server.url).get(src);
    expect(served.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'cache-control', 'content-disposition'].map((h) => [h, served.headers.get(h)]))).toEqual({
      'content-type': 'image/jpeg',
      'cache-control': 'private, max-age=3600',
      'content-disposition': 'inline',
    });
    expect(served.headers.get('x-content-type-options')).toContain('nosniff');
    expect(served.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await served.arrayBuffer()).equals(stored)).toBe(true);

    // Only through its own proposal and process: another proposal's path, another process, a made-up id.
    const otherId = await propose(other, 'Benches without photos', []);
    expect((await new Client(server.url).get(`${BASE}/proposals/${otherId}/photos/${rows[0].id}`)).status).toBe(404);
    expect((await new Client(server.url).get(`/budgets/no-such-budget/proposals/${id}/photos/${rows[0].id}`)).status).toBe(404);
    expect((await new Client(server.url).get(`${path}/photos/not-a-photo`)).status).toBe(404);
  });

  it('refuses a file that is not a picture (400, input kept, nothing stored), a too large one and too many', async () => {
    const before = await counts();
    const fake = await postNew(author, 'Kept title', [jpeg('notes.jpg', Buffer.from('just some text, not a JPEG'))]);
    expect(fake.status).toBe(400);
    const html = await fake.text();
    expect(html).toContain('value="Kept title"');
    expect(html).toContain('A longer description of Kept title.');
    expect(textOf(html)).toContain('notes.jpg is not a JPEG, PNG or WebP picture.');

    const big = Buffer.concat([await plainJpeg(), Buffer.alloc(MAX_PHOTO_BYTES)]);
    const large = await postNew(author, 'Kept title', [jpeg('huge.jpg', big)]);
    expect(large.status).toBe(400);
    expect(textOf(await large.text())).toContain('huge.jpg is too large: at most 5 MB per photo.');

    const small = await plainJpeg();
    const many = await postNew(
      author,
      'Kept title',
      [1, 2, 3, 4].map((n) => jpeg(`p${n}.jpg`, small)),
    );
    expect(many.status).toBe(400);
    expect(textOf(await many.text())).toContain('Send at most 3 photos');

    expect(await counts()).toEqual(before);
    expect(storedFiles().filter((f) => f.startsWith('tmp/'))).toEqual([]);
  });

  it("are removed and added by the author's edit within the limit; others may not edit them", async () => {
    const small = await plainJpeg();
    const id = await propose(author, 'Lights on the footbridge', [jpeg('a.jpg', small), jpeg('b.jpg', small)]);
    const path = `${BASE}/proposals/${id}`;
    const [first, second] = await photoRows(id);

    // The edit form lists them, each with a box to remove it, and posts as multipart.
    const page = await author.page(`${path}/edit`);
    expect(page).toMatch(/enctype="multipart\/form-data"/i);
    expect(page).toContain(`name="removePhotos" value="${first.id}"`);
    expect(textOf(page)).toContain('Remove photo 2');

    // Denied: another resident cannot add or remove the author's photos.
    await other.page(path);
    await expectAnswer(
      await postMultipart(other, `${path}/edit`, form('Taken over', { removePhotos: first.id }), [jpeg('c.jpg', small)]),
      403,
      `${path}/edit`,
    );
    expect((await photoRows(id)).map((r) => r.id)).toEqual([first.id, second.id]);

    // Over the limit (two kept, two added): refused with the input kept, nothing changed or left on disk.
    const before = await counts();
    await author.page(`${path}/edit`);
    const over = await postMultipart(author, `${path}/edit`, form('Lights on the new footbridge'), [
      jpeg('c.jpg', small),
      jpeg('d.jpg', small),
    ]);
    expect(over.status).toBe(400);
    const overHtml = await over.text();
    expect(textOf(overHtml)).toContain('A proposal has at most 3 photos: remove some to add others.');
    expect(overHtml).toContain('value="Lights on the new footbridge"');
    expect(await counts()).toEqual(before);
    expect(((await sql(`SELECT title FROM "Proposal" WHERE id = $1`, [id])) as { title: string }[])[0].title).toBe(
      'Lights on the footbridge',
    );

    // Allowed: the author removes the first and adds two; the removed file is gone after the commit.
    await author.page(`${path}/edit`);
    const saved = await postMultipart(author, `${path}/edit`, form('Lights on the new footbridge', { removePhotos: first.id }), [
      jpeg('c.jpg', small),
      { name: 'd.png', type: 'image/png', bytes: await plainPng() },
    ]);
    expect(saved.status, textOf(await saved.clone().text()).slice(0, 400)).toBe(303);
    const after = await photoRows(id);
    expect(after).toHaveLength(3);
    expect(after[0].id).toBe(second.id);
    expect(after.map((r) => r.mimeType)).toEqual(['image/jpeg', 'image/jpeg', 'image/png']);
    expect(existsSync(join(uploads(), first.path))).toBe(false);
    expect(after.every((r) => existsSync(join(uploads(), r.path)))).toBe(true);
    expect((await new Client(server.url).get(`${path}/photos/${first.id}`)).status).toBe(404);
    expect((await new Client(server.url).get(`${path}/photos/${after[2].id}`)).status).toBe(200);

    // A plain edit (url-encoded, no photo field at all) keeps them.
    await author.page(`${path}/edit`);
    expect((await author.post(`${path}/edit`, form('Lights on the footbridge again'))).status).toBe(303);
    expect(await photoRows(id)).toHaveLength(3);
  });

  it('follow the proposal: a withdrawn one still shows them, a hidden one serves them to nobody (404)', async () => {
    const id = await propose(author, 'Flyers for a shop', [jpeg('shop.jpg', await plainJpeg())]);
    const path = `${BASE}/proposals/${id}`;
    const [photo] = await photoRows(id);
    const src = `${path}/photos/${photo.id}`;
    expect((await new Client(server.url).get(src)).status).toBe(200);

    // Withdrawn: its page stays readable (marked withdrawn), and so do its photos.
    await author.page(path);
    expect((await author.post(path, { intent: 'withdraw' })).status).toBe(303);
    expect((await new Client(server.url).get(src)).status).toBe(200);

    // Hidden by moderation: the page and its photos are gone, for visitors and the author alike.
    const [post] = (await sql(
      `SELECT p.id FROM "Post" p JOIN "Proposal" pr ON pr."threadId" = p."threadId" WHERE pr.id = $1 AND p."isOpening" = true`,
      [id],
    )) as { id: string }[];
    await staff.page('/moderation');
    expect((await staff.post('/moderation', { intent: 'hide', postId: post.id, reason: 'Advertising is not allowed' })).status).toBe(303);
    expect((await new Client(server.url).get(path)).status).toBe(404);
    expect((await new Client(server.url).get(src)).status).toBe(404);
    expect((await author.get(src)).status).toBe(404);
  });
});
