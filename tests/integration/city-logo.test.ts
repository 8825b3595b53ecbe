import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn } from '../support/client';
import { jpegWithGps, plainPng } from '../support/images';
import { sqlOf } from '../support/sql';
import { withTestServer } from '../support/test-server';
import { storedFiles, uploads } from '../support/uploads';

/**
 * The city's logo (issue 15) through the real server: admins only upload and remove it on
 * /admin/city/logo (re-encoded without metadata, SVG and oversized files refused with a 4xx),
 * audited, served at a versioned, cacheable URL and shown in every page's header.
 */
const server = withTestServer();
const sql = sqlOf(server);

type Upload = { name: string; type: string; bytes: Buffer };

/** Posts the logo page's form as a browser without JavaScript does (multipart). */
async function postLogo(client: Client, file: Upload | null, intent = 'upload') {
  const body = new FormData();
  body.append('csrf', client.csrf);
  body.append('intent', intent);
  if (file) body.append('logo', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return client.send('/admin/city/logo', body);
}

const cityLogo = async () => ((await sql(`SELECT "logoId" FROM "City" WHERE id = 1`)) as { logoId: string | null }[])[0].logoId;
const logoRows = async () =>
  (await sql(`SELECT id, path, "mimeType", width, height FROM "Attachment" WHERE "ownerKind" = 'logo'`)) as {
    id: string;
    path: string;
    mimeType: string;
    width: number;
    height: number;
  }[];
const auditActions = async () =>
  ((await sql(`SELECT action FROM "AuditLog" WHERE action LIKE 'city.logo%' ORDER BY "createdAt", id`)) as { action: string }[]).map(
    (r) => r.action,
  );

describe('the city logo', () => {
  it('is for admins only: staff and residents are refused the page and the form, anyone else is sent to sign in', async () => {
    const anonymous = new Client(server.url);
    const page = await anonymous.get('/admin/city/logo');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/signin/);
    const png = { name: 'logo.png', type: 'image/png', bytes: await plainPng() };
    for (const email of [DEMO.staff, DEMO.resident]) {
      const client = await signedIn(server.url, email);
      expect((await client.get('/admin/city/logo')).status, email).toBe(403);
      await client.page('/');
      expect((await postLogo(client, png)).status, email).toBe(403);
      expect((await postLogo(client, null, 'remove')).status, email).toBe(403);
    }
    expect(await cityLogo()).toBeNull();
    expect(await logoRows()).toEqual([]);
    const admin = await signedIn(server.url, DEMO.admin);
    expect((await admin.get('/admin/city/logo')).status).toBe(200);
  });

  it('refuses SVG, non-pictures, oversized files and an empty form with a 4xx, keeping no file', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    await admin.page('/admin/city/logo');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="10" height="10"/></svg>');
    const svgRes = await postLogo(admin, { name: 'logo.svg', type: 'image/svg+xml', bytes: svg });
    expect(svgRes.status).toBe(400);
    expect(await svgRes.text()).toContain('logo.svg is not a JPEG, PNG or WebP picture.');
    expect((await postLogo(admin, { name: 'logo.png', type: 'image/png', bytes: Buffer.from('not a picture at all') })).status).toBe(400);
    const big = Buffer.concat([await plainPng(), Buffer.alloc(2 * 1024 * 1024 + 10)]);
    const bigRes = await postLogo(admin, { name: 'huge.png', type: 'image/png', bytes: big });
    expect(bigRes.status).toBeGreaterThanOrEqual(400);
    expect(bigRes.status).toBeLessThan(500);
    expect((await postLogo(admin, null)).status).toBe(400);
    expect((await postLogo(admin, null, 'rotate')).status).toBe(400);
    expect(await cityLogo()).toBeNull();
    expect(storedFiles().filter((f) => f.startsWith('logos/') || f.startsWith('tmp/'))).toEqual([]);
  });

  it('is re-encoded without metadata, served at a versioned URL, shown in the header, replaced and removed, all audited', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    await admin.page('/admin/city/logo');
    const withGps = await jpegWithGps();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const res = await postLogo(admin, { name: 'seal.jpg', type: 'image/jpeg', bytes: withGps });
    expect(res.status).toBe(303);
    const [row] = await logoRows();
    expect(row).toMatchObject({ mimeType: 'image/jpeg', width: 40, height: 30 });
    expect(row.path).toMatch(/^logos\//);
    expect(await cityLogo()).toBe(row.id);
    const stored = readFileSync(join(uploads(), row.path));
    expect((await sharp(stored).metadata()).exif).toBeUndefined();

    // Anyone reads it, cached for good; the header of every page shows it named by the city.
    const url = `/city/logo/${row.id}`;
    const served = await new Client(server.url).get(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await served.arrayBuffer()).equals(stored)).toBe(true);
    const home = await new Client(server.url).page('/');
    expect(home).toContain(`<img src="${url}" alt="Arroyo Verde" class="brand-logo"/>`);
    expect(home).not.toContain('brand-mark');

    // A PNG replaces it: a new URL, the old one gone with its file.
    expect((await postLogo(admin, { name: 'logo.png', type: 'image/png', bytes: await plainPng() })).status).toBe(303);
    const rows = await logoRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ mimeType: 'image/png' });
    expect((await new Client(server.url).get(url)).status).toBe(404);
    expect((await new Client(server.url).get(`/city/logo/${rows[0].id}`)).status).toBe(200);
    expect(storedFiles().filter((f) => f.startsWith('logos/'))).toEqual([rows[0].path]);

    // Removed: the generic mark is back, the URL and file are gone.
    expect((await postLogo(admin, null, 'remove')).status).toBe(303);
    expect(await cityLogo()).toBeNull();
    expect(await logoRows()).toEqual([]);
    expect((await new Client(server.url).get(`/city/logo/${rows[0].id}`)).status).toBe(404);
    expect(storedFiles().filter((f) => f.startsWith('logos/'))).toEqual([]);
    expect(await new Client(server.url).page('/')).toContain('brand-mark');
    expect(await auditActions()).toEqual(['city.logo-set', 'city.logo-set', 'city.logo-remove']);
  });
});
