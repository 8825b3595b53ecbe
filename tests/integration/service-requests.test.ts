import { existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf, uniqueEmail } from '../support/client';
import { hasApp1, jpegWithGps, plainJpeg } from '../support/images';
import { openSocket, subscribe } from '../support/sockets';
import { expectPublicViewOnly, filedCode, postMultipart, requestView, type Upload } from '../support/requests';
import { grantRole } from '../support/roles';
import { withTestServer } from '../support/test-server';
import { storedFiles, uploads } from '../support/uploads';
import { sql, lookupsOf } from '../support/sql';
import { sweepStaleStaged } from '~/modules/requests/intake/photo-uploads.server';

/** Service requests through the real routes: intake without JavaScript, photos, tracking access, rooms, limits. */
const server = withTestServer();
const { departmentId } = lookupsOf(server);
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
});

const graffiti = {
  'a.surface': 'wall',
  'a.offensive': 'no',
  description: 'Fresh tags on the library wall, about two meters wide.',
  address: '120 Main Street',
  latitude: '34.0522',
  longitude: '-118.2437',
  contactName: 'Ana',
  contactPhone: '(555) 010-2030',
};

async function counts() {
  const one = async (table: string) => Number((await sql(server.database.url, `SELECT COUNT(*) AS n FROM "${table}"`))[0].n);
  return {
    requests: await one('ServiceRequest'),
    contacts: await one('RequesterContact'),
    events: await one('RequestEvent'),
    attachments: await one('Attachment'),
  };
}

async function requestRow(code: string) {
  const [row] = await sql(server.database.url, 'SELECT * FROM "ServiceRequest" WHERE "publicCode" = $1', [code]);
  return row;
}

/** Files one request through the form; returns its code (and the confirmation page). */
async function file(client: Client, typeCode: string, fields: Record<string, string | string[]>, files: Upload[] = []) {
  await client.get(`/requests/new/${typeCode}`);
  const res = await postMultipart(client, `/requests/new/${typeCode}`, fields, files);
  if (res.status !== 303) throw new Error(`filing answered ${res.status}: ${textOf(await res.text()).slice(0, 500)}`);
  const code = filedCode(res);
  if (!code) throw new Error(`unexpected redirect ${res.headers.get('location')}`);
  return code;
}

const open = (client?: Client) => openSocket(server.url, sockets, client);

let anonCode = '';
let anonToken = '';
let anonClient: Client;

describe('service requests: intake', () => {
  it("lists the active types grouped in the reader's language, with a server-side search", async () => {
    const client = new Client(server.url);
    const res = await client.get('/requests/new', { 'Accept-Language': 'es' });
    expect(res.status).toBe(200);
    const text = textOf(client.lastHtml);
    expect(text).toContain('Reportar un problema');
    expect(text).toContain('Grafiti');
    expect(text).toContain('Propiedad'); // a group heading, translated
    await client.get('/requests/new?q=grafiti', { 'Accept-Language': 'es' });
    expect(client.lastHtml).toContain('href="/requests/new/graffiti"');
    expect(client.lastHtml).not.toContain('href="/requests/new/pothole"');
    expect((await client.get('/requests/new/no-such-type')).status).toBe(404);
  });

  it('files an anonymous request without JavaScript: answers, a photo without its GPS position, code and a one-time link, mail', async () => {
    anonClient = new Client(server.url);
    const email = uniqueEmail('requester');
    const before = storedFiles().length;
    const photo = await jpegWithGps();
    expect((await sharp(photo).metadata()).exif).toBeDefined(); // the crafted file really carries EXIF
    anonCode = await file(anonClient, 'graffiti', { ...graffiti, contactEmail: email }, [
      { name: 'wall.jpg', type: 'image/jpeg', bytes: photo },
    ]);

    // The confirmation: the code and the secret link, shown once.
    const page = await anonClient.page(`/requests/${anonCode}/filed`);
    expect(textOf(page)).toContain(anonCode);
    const link = /data-testid="tracking-link">([^<]+)</.exec(page)?.[1];
    expect(link).toMatch(new RegExp(`/requests/${anonCode}\\?t=[A-Za-z0-9_-]{43}$`));
    anonToken = new URL(link!).searchParams.get('t')!;
    expect(await anonClient.page(`/requests/${anonCode}/filed`)).not.toContain('?t=');

    // The rows: request, contact, public "created" entry, photo.
    const row = await requestRow(anonCode);
    expect(row).toMatchObject({
      status: 'new',
      source: 'web',
      priority: 'normal',
      requesterId: null,
      address: '120 Main Street',
      typeVersion: 1,
    });
    expect(Number(row.latitude)).toBeCloseTo(34.0522);
    expect(row.trackingTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.departmentId).toBe(await departmentId('public-works'));
    const answers = typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers;
    expect(answers).toEqual({ surface: 'wall', offensive: false });
    expect(new Date(String(row.dueAt)).getTime() - new Date(String(row.createdAt)).getTime()).toBe(72 * 3600 * 1000);
    const [contact] = await sql(server.database.url, 'SELECT * FROM "RequesterContact" WHERE "requestId" = $1', [row.id]);
    expect(contact).toMatchObject({ name: 'Ana', email, phone: '(555) 010-2030', locale: 'en' });
    const events = await sql(server.database.url, 'SELECT "kind", "public", "toStatus" FROM "RequestEvent" WHERE "requestId" = $1', [
      row.id,
    ]);
    expect(events.map((e) => ({ ...e, public: Boolean(e.public) }))).toEqual([{ kind: 'created', public: true, toStatus: 'new' }]);
    const outbox = await sql(server.database.url, 'SELECT "room", "type" FROM "Event" WHERE "room" IN ($1, $2) ORDER BY "id"', [
      `department:${row.departmentId}`,
      `request:${row.id}`,
    ]);
    expect(outbox).toEqual([
      { room: `department:${row.departmentId}`, type: 'request.created' },
      { room: `request:${row.id}`, type: 'request.created' },
    ]);

    // The photo: stored under uploads/, re-encoded, no EXIF (so no GPS), served only through the route.
    const [attachment] = await sql(server.database.url, 'SELECT * FROM "Attachment" WHERE "ownerId" = $1', [row.id]);
    expect(attachment).toMatchObject({ ownerKind: 'request', mimeType: 'image/jpeg', width: 40, height: 30 });
    const stored = readFileSync(join(uploads(), String(attachment.path)));
    expect(hasApp1(stored)).toBe(false);
    expect(stored.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(storedFiles().filter((f) => f.startsWith('tmp/'))).toEqual([]);
    expect(storedFiles().length).toBe(before + 1);
    const served = await anonClient.get(`/requests/${anonCode}/photos/${attachment.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await served.arrayBuffer()).equals(stored)).toBe(true);
    expect((await new Client(server.url).get(`/requests/${anonCode}/photos/${attachment.id}`)).status).toBe(404);

    // The mail: the code and the link, in the requester's language.
    const mail = await server.mail.waitFor(email);
    expect(mail.subject).toContain(anonCode);
    expect(mail.text).toContain(link);
  });

  it('gives a bad form back with its input and localized errors, and stores nothing (no row, no file)', async () => {
    const client = new Client(server.url);
    const before = await counts();
    const filesBefore = storedFiles().length;
    await client.get('/requests/new/graffiti', { 'Accept-Language': 'es' });
    const res = await postMultipart(
      client,
      '/requests/new/graffiti',
      { 'a.offensive': 'maybe', description: '', address: 'Calle Olmo 45', latitude: '95', contactEmail: 'not-an-address' },
      [{ name: 'ok.jpg', type: 'image/jpeg', bytes: await plainJpeg() }],
      { 'Accept-Language': 'es' },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="Calle Olmo 45"');
    expect(html).toContain('value="not-an-address"');
    const text = textOf(html);
    expect(text).toContain('Escriba un número en grados decimales');
    expect(text).toContain('Indique la latitud y la longitud');

    // A valid form with a file that is not a picture is refused as well.
    await client.get('/requests/new/graffiti');
    const fake = await postMultipart(client, '/requests/new/graffiti', graffiti, [
      { name: 'notes.jpg', type: 'image/jpeg', bytes: Buffer.from('just some text, not a JPEG') },
    ]);
    expect(fake.status).toBe(400);
    expect(textOf(await fake.text())).toContain('notes.jpg is not a JPEG, PNG or WebP picture');

    // Too many photos.
    await client.get('/requests/new/graffiti');
    const jpeg = await plainJpeg();
    const many = await postMultipart(
      client,
      '/requests/new/graffiti',
      graffiti,
      [1, 2, 3, 4].map((n) => ({ name: `p${n}.jpg`, type: 'image/jpeg', bytes: jpeg })),
    );
    expect(many.status).toBe(400);
    expect(textOf(await many.text())).toContain('Send at most 3 photos');

    expect(await counts()).toEqual(before);
    expect(storedFiles().length).toBe(filesBefore);
  });

  it("files a signed-in resident's request in their account (My requests), following it; a double submit files one", async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    await rosa.get('/requests/new/tree-trimming');
    const key = /name="submissionKey" value="([^"]+)"/.exec(rosa.lastHtml)![1];
    const fields = {
      'a.issues': ['sidewalk', 'dead'],
      description: 'Ramas secas sobre la acera.',
      address: 'Calle Olmo 12',
      submissionKey: key,
    };
    const first = await postMultipart(rosa, '/requests/new/tree-trimming', fields);
    expect(first.status).toBe(303);
    const again = await postMultipart(rosa, '/requests/new/tree-trimming', fields);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    const code = /\/requests\/([A-Z0-9]{8})\/filed/.exec(first.headers.get('location')!)![1];
    const row = await requestRow(code);
    expect(row.requesterId).toBeTruthy();
    expect(row.trackingTokenHash).toBeNull();
    const answers = typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers;
    expect(answers).toEqual({ issues: ['sidewalk', 'dead'] });
    expect(
      Number((await sql(server.database.url, 'SELECT COUNT(*) AS n FROM "ServiceRequest" WHERE "submissionKey" = $1', [key]))[0].n),
    ).toBe(1);
    const follows = await sql(server.database.url, 'SELECT "level" FROM "Follow" WHERE "targetKind" = $1 AND "targetId" = $2', [
      'request',
      row.id,
    ]);
    expect(follows).toEqual([{ level: 'follow' }]);
    const mine = textOf(await rosa.page('/requests/mine'));
    expect(mine).toContain(code);
    expect(mine).toContain('Poda de árboles');
    expect([302, 303]).toContain((await new Client(server.url).get('/requests/mine')).status);
  });
});

describe('service requests: anonymous filing by a signed-in resident', () => {
  it('links nothing stored to the account, photo rows included, and keeps the photo owner-only on disk', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    const rosaId = String((await sql(server.database.url, 'SELECT "id" FROM "User" WHERE "email" = $1', [DEMO.resident]))[0].id);
    const code = await file(rosa, 'graffiti', { ...graffiti, anonymous: 'on' }, [
      { name: 'wall.jpg', type: 'image/jpeg', bytes: await plainJpeg() },
    ]);
    const row = await requestRow(code);
    expect(row.requesterId).toBeNull();
    expect(row.createdById).toBeNull();
    const [attachment] = await sql(server.database.url, 'SELECT * FROM "Attachment" WHERE "ownerId" = $1', [row.id]);
    expect(attachment).toBeTruthy();
    expect(attachment.createdById).toBeNull();
    const events = await sql(server.database.url, 'SELECT "actorId" FROM "RequestEvent" WHERE "requestId" = $1', [row.id]);
    expect(events).toEqual([{ actorId: null }]);
    expect(await sql(server.database.url, 'SELECT 1 FROM "Follow" WHERE "targetId" = $1', [row.id])).toEqual([]);
    // No row anywhere in the request's own tables holds her id.
    const byRequest = { ServiceRequest: 'id', Attachment: 'ownerId', RequestEvent: 'requestId', RequesterContact: 'requestId' };
    for (const [table, column] of Object.entries(byRequest)) {
      const rows = await sql(server.database.url, `SELECT * FROM "${table}" WHERE "${column}" = $1`, [row.id]);
      expect(JSON.stringify(rows)).not.toContain(rosaId);
    }
    // Photos may show a home: owner-only file (0600) in owner-only directories (0700).
    const path = String(attachment.path);
    expect(statSync(join(uploads(), path)).mode & 0o777).toBe(0o600);
    expect(statSync(join(uploads(), path, '..')).mode & 0o777).toBe(0o700);
    expect(statSync(uploads()).mode & 0o777).toBe(0o700);
  });
});

describe('service requests: who reads a request', () => {
  let parksCode = '';
  let rosa: Client;
  beforeAll(async () => {
    rosa = await signedIn(server.url, DEMO.resident);
    parksCode = await file(rosa, 'tree-trimming', {
      'a.issues': 'wires',
      description: 'Branches touch the wires.',
      address: 'Calle Olmo 30',
      contactEmail: 'rosa.contact@example.org',
    });
    // A liaison of Parks: the captain gets the grant through the admin page.
    await grantRole(server.url, DEMO.captain, 'liaison', `department:${await departmentId('parks')}`);
  });

  it('shows the tracking page to those allowed and only the public page (or 404) to everyone else', async () => {
    const table: [string, Client, string, 'tracking' | 'public'][] = [
      ['anonymous stranger', new Client(server.url), anonCode, 'public'],
      ['anonymous filer (link remembered)', anonClient, anonCode, 'tracking'],
      ['resident, own request', rosa, parksCode, 'tracking'],
      ["resident, someone else's", rosa, anonCode, 'public'],
      ['staff', await signedIn(server.url, DEMO.staff), anonCode, 'tracking'],
      ['staff', await signedIn(server.url, DEMO.staff), parksCode, 'tracking'],
      ['admin', await signedIn(server.url, DEMO.admin), parksCode, 'tracking'],
      ['liaison of Public Works, its request', await signedIn(server.url, DEMO.liaison), anonCode, 'tracking'],
      ['liaison of Public Works, a Parks request', await signedIn(server.url, DEMO.liaison), parksCode, 'public'],
      ['liaison of Parks, its request', await signedIn(server.url, DEMO.captain), parksCode, 'tracking'],
      ['liaison of Parks, a Public Works request', await signedIn(server.url, DEMO.captain), anonCode, 'public'],
      ['moderator', await signedIn(server.url, DEMO.moderator), anonCode, 'public'],
    ];
    const results = [];
    for (const [who, client, code, expected] of table)
      results.push([who, code === anonCode ? 'anon' : 'parks', await requestView(client, code), expected]);
    expect(results.map(([w, c, got]) => [w, c, got])).toEqual(results.map(([w, c, , expected]) => [w, c, expected]));
    // The public page of the graffiti report (a summary type) shows none of what the filer wrote.
    await expectPublicViewOnly(new Client(server.url), anonCode, [graffiti.description, graffiti.address, graffiti.contactPhone]);
    expect((await new Client(server.url).get('/requests/ZZZZZZZZ')).status).toBe(404);
    expect((await new Client(server.url).get('/requests/not-a-code')).status).toBe(404);
  });

  it('opens with the secret link in another browser, remembers it, and cleans the address; a wrong token is a 404', async () => {
    const phone = new Client(server.url);
    const res = await phone.get(`/requests/${anonCode}?t=${anonToken}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/requests/${anonCode}`);
    const text = textOf(await phone.page(`/requests/${anonCode}`));
    expect(text).toContain(`Request ${anonCode}`);
    expect(text).toContain('Graffiti');
    expect(text).toContain('New');
    expect(text).toContain('Request filed');
    expect(text).toContain('Building wall');
    expect((await new Client(server.url).get(`/requests/${anonCode}?t=${anonToken.slice(0, -2)}xx`)).status).toBe(404);
  });

  it('shows contact details to staff only', async () => {
    expect(textOf(await anonClient.page(`/requests/${anonCode}`))).not.toContain('(555) 010-2030');
    expect(textOf(await rosa.page(`/requests/${parksCode}`))).not.toContain('rosa.contact@example.org');
    const staff = await signedIn(server.url, DEMO.staff);
    expect(textOf(await staff.page(`/requests/${anonCode}`))).toContain('(555) 010-2030');
    expect(textOf(await staff.page(`/requests/${parksCode}`))).toContain('rosa.contact@example.org');
  });

  it("lets the same readers join the request's room, and staff and the department's liaisons its department room", async () => {
    const anonRow = await requestRow(anonCode);
    const room = `request:${anonRow.id}`;
    expect((await subscribe(await open(anonClient), room)).ok).toBe(true);
    expect(await subscribe(await open(), room)).toEqual({ ok: false, error: 'forbidden' });
    expect(await subscribe(await open(rosa), room)).toEqual({ ok: false, error: 'forbidden' });
    const liaison = await signedIn(server.url, DEMO.liaison);
    expect((await subscribe(await open(liaison), room)).ok).toBe(true);
    const works = `department:${await departmentId('public-works')}`;
    const parks = `department:${await departmentId('parks')}`;
    expect((await subscribe(await open(liaison), works)).ok).toBe(true);
    expect(await subscribe(await open(liaison), parks)).toEqual({ ok: false, error: 'forbidden' });
    expect((await subscribe(await open(await signedIn(server.url, DEMO.staff)), parks)).ok).toBe(true);
    expect(await subscribe(await open(rosa), works)).toEqual({ ok: false, error: 'forbidden' });
  });
});

describe('service requests: rate limits', () => {
  it('answers 429 with Retry-After once an address has filed too many', async () => {
    const client = new Client(server.url);
    let last: Response | undefined;
    for (let i = 0; i < 25; i++) {
      await client.get('/requests/new/other');
      last = await postMultipart(client, '/requests/new/other', { 'a.safety': 'no', description: `Report number ${i}` });
      if (last.status === 429) break;
      expect(last.status).toBe(303);
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('service requests: leftover uploads', () => {
  it('sweeps staged photos a stopped process left behind, and only old ones', async () => {
    const tmp = join(uploads(), 'tmp');
    mkdirSync(tmp, { recursive: true });
    const old = join(tmp, 'left-by-a-crash.part');
    const fresh = join(tmp, 'being-written.part');
    writeFileSync(old, 'x');
    writeFileSync(fresh, 'x');
    const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    expect(await sweepStaleStaged()).toBe(1);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    rmSync(fresh);
  });
});
