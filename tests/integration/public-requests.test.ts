import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { fileRequest, GRAFFITI } from '../support/requests';
import { withTestServer } from '../support/test-server';
import { sqlOf } from '../support/sql';
import { CODE_ALPHABET } from '~/modules/requests/public-code';

/**
 * Requests in public through the real server: the list and its filters, the visibility rule on it
 * and on a request's page (full, summary, none), "Follow it / me too", "Already reported?", and
 * the neighborhood found from the city's address list.
 */
const server = withTestServer();
const sql = sqlOf(server);

let rosa: Client;
let riversideId = '';
let northgateId = '';
/** A summary type (graffiti) in Riverside, a full type (pothole) in Northgate, a none type (other). */
let summaryCode = '';
let fullCode = '';
let noneCode = '';

const SUMMARY_SECRET = 'Tags on the wall of 77 Hidden Lane, where Mr. Private lives.';
const FULL_TEXT = 'Deep pothole in the bike lane by the bakery.';
const NONE_SECRET = 'My neighbor at 9 Quiet Court shouts at night.';

async function neighborhoodId(slug: string) {
  const [row] = await sql('SELECT "id" FROM "Neighborhood" WHERE "slug" = $1', [slug]);
  return String(row.id);
}

async function requestRow(code: string) {
  const [row] = await sql('SELECT * FROM "ServiceRequest" WHERE "publicCode" = $1', [code]);
  return row;
}

beforeAll(async () => {
  rosa = await signedIn(server.url, DEMO.resident);
  riversideId = await neighborhoodId('riverside');
  northgateId = await neighborhoodId('northgate');
  summaryCode = await fileRequest(rosa, 'graffiti', {
    ...GRAFFITI,
    description: SUMMARY_SECRET,
    address: '77 Hidden Lane',
    latitude: '34.13527',
    longitude: '-118.25461',
    neighborhoodId: riversideId,
    contactEmail: 'rosa.private@example.org',
  });
  fullCode = await fileRequest(rosa, 'pothole', {
    'a.size': 'tire',
    description: FULL_TEXT,
    address: '5 Bakery Row',
    latitude: '34.14211',
    longitude: '-118.26011',
    neighborhoodId: northgateId,
  });
  noneCode = await fileRequest(rosa, 'other', {
    'a.safety': 'no',
    description: NONE_SECRET,
    address: '9 Quiet Court',
    neighborhoodId: riversideId,
  });
});

describe('the public list at /requests', () => {
  it('is open to everyone and lists published requests as their visibility allows; a none type never', async () => {
    const visitor = new Client(server.url);
    const res = await visitor.get('/requests');
    expect(res.status).toBe(200);
    const page = textOf(visitor.lastHtml);
    expect(page).toContain(summaryCode);
    expect(page).toContain(fullCode);
    expect(page).toContain('5 Bakery Row');
    expect(page).not.toContain(noneCode);
    for (const secret of ['77 Hidden Lane', 'Mr. Private', NONE_SECRET, '9 Quiet Court']) expect(visitor.lastHtml).not.toContain(secret);
    // Filtering by the none type itself finds nothing, and offers no such choice.
    expect(visitor.lastHtml).not.toContain('value="other"');
    const other = await visitor.get('/requests?type=other');
    expect(other.status).toBe(200);
    expect(visitor.lastHtml).not.toContain(noneCode);
  });

  it('filters by neighborhood, type and status through the query string', async () => {
    const visitor = new Client(server.url);
    const riverside = textOf(await visitor.page('/requests?neighborhood=riverside'));
    expect(riverside).toContain(summaryCode);
    expect(riverside).not.toContain(fullCode);
    const potholes = textOf(await visitor.page('/requests?type=pothole'));
    expect(potholes).toContain(fullCode);
    expect(potholes).not.toContain(summaryCode);
    const open = textOf(await visitor.page('/requests?status=open&type=graffiti'));
    expect(open).toContain(summaryCode);
    const closed = textOf(await visitor.page('/requests?status=closed&type=graffiti'));
    expect(closed).not.toContain(summaryCode);
    // The filter is kept on the form.
    expect(visitor.lastHtml).toMatch(/<option value="closed" selected=""/);
  });

  it('answers a malformed filter with 400, never 500, and sends old "My requests" pages to /requests/mine', async () => {
    const visitor = new Client(server.url);
    expect((await visitor.get('/requests?status=bogus')).status).toBe(400);
    expect((await visitor.get('/requests?page=-3')).status).toBe(400);
    const old = await visitor.get('/requests?after=abc');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/requests/mine?after=abc');
  });

  it('keeps "My requests" at /requests/mine for the signed-in requester only', async () => {
    expect(textOf(await rosa.page('/requests/mine'))).toContain(noneCode);
    const visitor = await new Client(server.url).get('/requests/mine');
    expect([302, 303]).toContain(visitor.status);
    expect(visitor.headers.get('location')).toMatch(/^\/signin\?redirectTo=/);
  });

  it('allows the map tiles host in the CSP', async () => {
    const res = await new Client(server.url).get('/requests');
    expect(res.headers.get('content-security-policy')).toMatch(/img-src 'self' data: https:\/\/tile\.openstreetmap\.org/);
  });
});

describe('the map of /requests', () => {
  type Features = {
    type: string;
    features: { geometry: { type: string; coordinates: [number, number] }; properties: { code: string; type: string; status: string } }[];
  };
  const located = async (extra = '') =>
    Number(
      (
        await sql(
          `SELECT COUNT(*) AS "n" FROM "ServiceRequest" r JOIN "RequestType" t ON t."id" = r."typeId"
           WHERE t."publicVisibility" <> 'none' AND r."latitude" IS NOT NULL AND r."longitude" IS NOT NULL ${extra}`,
        )
      )[0].n,
    );

  it('holds every matching located request, beyond the list page, and never a none type', async () => {
    // A none type with a position: never on the map.
    const hiddenCode = await fileRequest(rosa, 'other', {
      'a.safety': 'no',
      description: NONE_SECRET,
      address: '9 Quiet Court',
      latitude: '34.13001',
      longitude: '-118.25001',
      neighborhoodId: riversideId,
    });
    // More located potholes than one page of the list: copies of the filed one (filing is rate-limited).
    const [template]: Record<string, unknown>[] = await sql('SELECT * FROM "ServiceRequest" WHERE "publicCode" = $1', [fullCode]);
    const columns = Object.keys(template);
    for (let i = await located(); i <= 30; i++) {
      const copy: Record<string, unknown> = {
        ...template,
        id: `map-test-${i}`,
        publicCode: `MAPTST${CODE_ALPHABET[i % 29]}${CODE_ALPHABET[(i * 7) % 29]}`,
      };
      Object.assign(copy, { latitude: 34.14 + i / 1000, submissionKey: null, trackingTokenHash: null, legacyId: null });
      await sql(
        `INSERT INTO "ServiceRequest" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, n) => `$${n + 1}`).join(', ')})`,
        columns.map((c) => copy[c]),
      );
    }
    const total = await located();
    expect(total).toBeGreaterThan(25);
    const visitor = new Client(server.url);
    const res = await visitor.get('/requests/map.geojson');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const map = (await res.json()) as Features;
    expect(map.type).toBe('FeatureCollection');
    expect(map.features).toHaveLength(total);
    const codes = map.features.map((f) => f.properties.code);
    expect(new Set(codes).size).toBe(total);
    expect(codes).toContain(fullCode);
    expect(codes).toContain(summaryCode);
    expect(codes).not.toContain(hiddenCode);
    expect(JSON.stringify(map)).not.toContain('34.13001');
    // A summary's position is the rounded one; a full type's the exact one.
    expect(map.features.find((f) => f.properties.code === summaryCode)!.geometry.coordinates).toEqual([-118.255, 34.135]);
    expect(map.features.find((f) => f.properties.code === fullCode)!.geometry.coordinates).toEqual([-118.26011, 34.14211]);
    // The page lists 25 and says the map holds them all (the map is drawn from the GeoJSON).
    const page = await visitor.page('/requests');
    expect((page.match(/<li class="card"/g) ?? []).length).toBe(25);
    expect(textOf(page)).toContain('The map shows every request that matches');
    expect(page).toContain('"mapped":' + total);
  });

  it("follows the list's filter, and answers a malformed one with 400", async () => {
    const visitor = new Client(server.url);
    const potholes = (await (await visitor.get('/requests/map.geojson?type=pothole&neighborhood=northgate')).json()) as Features;
    expect(potholes.features.length).toBe(await located(`AND t."code" = 'pothole' AND r."neighborhoodId" = '${northgateId}'`));
    expect(potholes.features.every((f) => f.properties.type === 'pothole')).toBe(true);
    expect((await (await visitor.get('/requests/map.geojson?type=other')).json()) as Features).toMatchObject({ features: [] });
    expect((await visitor.get('/requests/map.geojson?status=bogus')).status).toBe(400);
  });
});

describe("a request's page by its code", () => {
  it('shows the public a summary type without description, address, exact position or contact', async () => {
    const visitor = new Client(server.url);
    const res = await visitor.get(`/requests/${summaryCode}`);
    expect(res.status).toBe(200);
    const page = textOf(visitor.lastHtml);
    expect(page).toContain(`Request ${summaryCode}`);
    expect(page).toContain('Riverside');
    expect(page).toContain('34.135, -118.255');
    for (const secret of [SUMMARY_SECRET, '77 Hidden Lane', '34.13527', 'rosa.private@example.org', 'Ana'])
      expect(visitor.lastHtml).not.toContain(secret);
  });

  it('shows the public a full type with its description, address and exact position', async () => {
    const visitor = new Client(server.url);
    const page = textOf(await visitor.page(`/requests/${fullCode}`));
    expect(page).toContain(FULL_TEXT);
    expect(page).toContain('5 Bakery Row');
    expect(page).toContain('34.14211, -118.26011');
  });

  it('is a 404 for a none type, an unknown code and a wrong secret link', async () => {
    const visitor = new Client(server.url);
    expect((await visitor.get(`/requests/${noneCode}`)).status).toBe(404);
    expect(visitor.lastHtml).not.toContain(NONE_SECRET);
    expect((await visitor.get('/requests/ZZZZZZZZ')).status).toBe(404);
    expect((await visitor.get(`/requests/${summaryCode}?t=wrong-token`)).status).toBe(404);
    // A stranger signed in gets the same.
    expect((await (await signedIn(server.url, DEMO.moderator)).get(`/requests/${noneCode}`)).status).toBe(404);
  });

  it('keeps the private details for the requester and staff', async () => {
    expect(await rosa.page(`/requests/${summaryCode}`)).toContain(SUMMARY_SECRET);
    const staff = await signedIn(server.url, DEMO.staff);
    const html = await staff.page(`/requests/${summaryCode}`);
    expect(html).toContain('77 Hidden Lane');
    expect(html).toContain('rosa.private@example.org');
    expect(await staff.page(`/requests/${noneCode}`)).toContain(NONE_SECRET);
  });
});

describe('follow it / me too', () => {
  const follows = async (code: string) =>
    sql(
      'SELECT f."level", u."email" FROM "Follow" f JOIN "User" u ON u."id" = f."userId" WHERE f."targetKind" = \'request\' AND f."targetId" = $1',
      [String((await requestRow(code)).id)],
    );

  it('sends visitors to sign in and records nothing', async () => {
    const visitor = new Client(server.url);
    await visitor.get(`/requests/${fullCode}`);
    expect(visitor.lastHtml).toContain(`/signin?redirectTo=${encodeURIComponent(`/requests/${fullCode}`)}`);
    const res = await visitor.post(`/requests/${fullCode}/me-too`, { intent: 'metoo' });
    expect([302, 303]).toContain(res.status);
    expect(res.headers.get('location')).toMatch(/^\/signin/);
    expect((await follows(fullCode)).filter((f) => f.level === 'metoo')).toEqual([]);
  });

  it('lets a signed-in resident say me too once: counted, notified, but never shown the private view', async () => {
    const captain = await signedIn(server.url, DEMO.captain);
    await captain.get(`/requests/${summaryCode}`);
    const res = await captain.post(`/requests/${summaryCode}/me-too`, { intent: 'metoo' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/requests/${summaryCode}`);
    expect(await follows(summaryCode)).toContainEqual({ level: 'metoo', email: DEMO.captain });
    const page = await captain.page(`/requests/${summaryCode}`);
    // The captain reads Spanish.
    expect(textOf(page)).toContain('1 persona dijo «a mí también».');
    expect(textOf(page)).toContain('Ya sigues esta solicitud.');
    expect(page).not.toContain(SUMMARY_SECRET);
    // Twice is still one.
    await captain.post(`/requests/${summaryCode}/me-too`, { intent: 'metoo' });
    expect((await follows(summaryCode)).filter((f) => f.level === 'metoo')).toHaveLength(1);
    // The requester stays a follower (their own row is left alone).
    await rosa.get(`/requests/${summaryCode}`);
    expect((await rosa.post(`/requests/${summaryCode}/me-too`, { intent: 'metoo' })).status).toBe(303);
    expect(await follows(summaryCode)).toContainEqual({ level: 'follow', email: DEMO.resident });
    // A public change reaches them as a notification.
    const staff = await signedIn(server.url, DEMO.staff);
    await staff.get(`/requests/${summaryCode}`);
    expect((await staff.post(`/requests/${summaryCode}`, { intent: 'status', status: 'acknowledged' })).status).toBe(303);
    const [user] = await sql('SELECT "id" FROM "User" WHERE "email" = $1', [DEMO.captain]);
    const notices = await sql('SELECT "kind" FROM "Notification" WHERE "userId" = $1 AND "targetId" = $2', [
      user.id,
      String((await requestRow(summaryCode)).id),
    ]);
    expect(notices.length).toBeGreaterThan(0);
  });

  it('refuses a none type (404), a closed request (409) and a malformed post (400)', async () => {
    const captain = await signedIn(server.url, DEMO.captain);
    await captain.get('/requests');
    expect((await captain.post(`/requests/${noneCode}/me-too`, { intent: 'metoo' })).status).toBe(404);
    expect((await captain.post('/requests/ZZZZZZZZ/me-too', { intent: 'metoo' })).status).toBe(404);
    expect((await captain.post(`/requests/${fullCode}/me-too`, { intent: 'other' })).status).toBe(400);
    await sql('UPDATE "ServiceRequest" SET "status" = \'closed\' WHERE "publicCode" = $1', [fullCode]);
    try {
      expect((await captain.post(`/requests/${fullCode}/me-too`, { intent: 'metoo' })).status).toBe(409);
    } finally {
      await sql('UPDATE "ServiceRequest" SET "status" = \'new\' WHERE "publicCode" = $1', [fullCode]);
    }
    expect((await follows(noneCode)).filter((f) => f.level === 'metoo')).toEqual([]);
  });
});

describe('me too on a duplicate', () => {
  it("moves each me-too to the original once, when staff mark the duplicate, in the status change's transaction", async () => {
    const graffiti = { ...GRAFFITI, neighborhoodId: riversideId };
    const original = await fileRequest(rosa, 'graffiti', graffiti);
    const duplicate = await fileRequest(await signedIn(server.url, DEMO.liaison), 'graffiti', graffiti);
    const meToo = async (email: string, code: string) => {
      const client = await signedIn(server.url, email);
      await client.get(`/requests/${code}`);
      expect((await client.post(`/requests/${code}/me-too`, { intent: 'metoo' })).status).toBe(303);
    };
    // The captain and the moderator say "me too" on the duplicate; the moderator on the original too.
    await meToo(DEMO.captain, duplicate);
    await meToo(DEMO.moderator, duplicate);
    await meToo(DEMO.moderator, original);
    const rows = async (code: string) =>
      (
        await sql(
          `SELECT f."level", u."email" FROM "Follow" f JOIN "User" u ON u."id" = f."userId"
           WHERE f."targetKind" = 'request' AND f."targetId" = $1 ORDER BY u."email"`,
          [String((await requestRow(code)).id)],
        )
      ).map((r) => `${r.level} ${r.email}`);
    expect(await rows(original)).toEqual([`metoo ${DEMO.moderator}`, `follow ${DEMO.resident}`]);
    // A refused change (not a request the staff can reach) moves nothing.
    const staff = await signedIn(server.url, DEMO.staff);
    await staff.get(`/requests/${duplicate}`);
    expect((await staff.post(`/requests/${duplicate}`, { intent: 'status', status: 'duplicate', duplicateOf: 'ZZZZZZZZ' })).status).toBe(
      400,
    );
    expect(await rows(duplicate)).toContain(`metoo ${DEMO.captain}`);
    // A resident cannot mark it at all.
    await rosa.get(`/requests/${duplicate}`);
    expect((await rosa.post(`/requests/${duplicate}`, { intent: 'status', status: 'duplicate', duplicateOf: original })).status).toBe(404);
    expect(await rows(duplicate)).toContain(`metoo ${DEMO.captain}`);
    expect((await staff.post(`/requests/${duplicate}`, { intent: 'status', status: 'duplicate', duplicateOf: original })).status).toBe(303);
    expect(await rows(original)).toEqual([
      `metoo ${DEMO.captain}`,
      `follow ${DEMO.liaison}`,
      `metoo ${DEMO.moderator}`,
      `follow ${DEMO.resident}`,
    ]);
    expect((await rows(duplicate)).filter((r) => r.startsWith('metoo'))).toEqual([]);
    // The original's public page counts them: two, not three.
    expect(textOf(await new Client(server.url).page(`/requests/${original}`))).toContain('2 people said “me too”.');
  });
});

describe('filing: already reported? and the neighborhood from the address list', () => {
  it('lists open requests of the type in the neighborhood, as JSON and on the form without JavaScript', async () => {
    const visitor = new Client(server.url);
    const res = await visitor.get(`/requests/nearby?type=graffiti&neighborhood=${riversideId}`);
    expect(res.status).toBe(200);
    const data = (await res.json()) as { neighborhood: { name: string }; items: { code: string; address: string | null }[] };
    expect(data.neighborhood.name).toBe('Riverside');
    expect(data.items.map((i) => i.code)).toContain(summaryCode);
    expect(JSON.stringify(data)).not.toContain('77 Hidden Lane');
    const none = (await (await visitor.get(`/requests/nearby?type=other&neighborhood=${riversideId}`)).json()) as { items: unknown[] };
    expect(none.items).toEqual([]);
    expect((await visitor.get('/requests/nearby')).status).toBe(400);
    // The demo resident lives in Riverside: the form lists it before they file again.
    await sql('UPDATE "User" SET "neighborhoodId" = $1 WHERE "email" = $2', [riversideId, DEMO.resident]);
    const form = await rosa.page('/requests/new/graffiti');
    expect(textOf(form)).toContain('¿Ya lo reportó alguien?');
    expect(form).toContain(`action="/requests/${summaryCode}/me-too"`);
  });

  it("places a request whose address is on the city's list in that address's neighborhood", async () => {
    await sql('INSERT INTO "CensusAddress" ("id", "normalized", "address", "neighborhoodId") VALUES ($1, $2, $3, $4)', [
      'census-map-1',
      '12 oak street',
      '12 Oak Street',
      northgateId,
    ]);
    const onList = await fileRequest(rosa, 'graffiti', { ...GRAFFITI, address: '12 OAK St.', neighborhoodId: riversideId });
    expect((await requestRow(onList)).neighborhoodId).toBe(northgateId);
    // Not on the list: the neighborhood chosen is kept.
    const offList = await fileRequest(rosa, 'graffiti', { ...GRAFFITI, address: '13 Oak Street', neighborhoodId: riversideId });
    expect((await requestRow(offList)).neighborhoodId).toBe(riversideId);
  });
});
