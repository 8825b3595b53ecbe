import { XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, rowWith, signedIn, textOf } from '../support/client';
import { withTestServer } from '../support/test-server';
import { sql } from '../support/sql';

/** Open311 GeoReport v2 through the real server: every endpoint in JSON and XML, errors, keys, limits. */
const server = withTestServer();
let admin: Client;
let apiKey = '';
const bodies: string[] = [];
const CONTACT_EMAIL = 'open311.requester.private@example.org';
const CONTACT_PHONE = '555-867-5309';

const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name),
});

async function call(path: string, init: RequestInit = {}) {
  const res = await fetch(server.url + '/open311/v2/' + path, { redirect: 'manual', ...init });
  const text = await res.text();
  bodies.push(text);
  return { res, text };
}
async function getJson(path: string) {
  const { res, text } = await call(path);
  return { res, data: JSON.parse(text) };
}
async function getXml(path: string) {
  const { res, text } = await call(path);
  return { res, data: xml.parse(text) };
}
async function post(fields: Record<string, string | string[]>, format = 'json', headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  const { res, text } = await call(`requests.${format}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  });
  const isXml = (res.headers.get('content-type') ?? '').includes('xml');
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  return { res, text, data: isJson ? JSON.parse(text) : isXml ? xml.parse(text) : text };
}

async function createKey(client: Client, name: string) {
  await client.get('/admin/api-keys');
  const res = await client.post('/admin/api-keys', { intent: 'create', name });
  const html = await res.text();
  return {
    res,
    key:
      /data-api-key="true">([^<]+)<\/code>|data-api-key="">([^<]+)<\/code>|data-api-key>([^<]+)<\/code>/
        .exec(html)
        ?.slice(1)
        .find(Boolean) ?? '',
  };
}
async function keyId(client: Client, name: string) {
  const html = await client.page('/admin/api-keys');
  const row = rowWith(html, name);
  return /name="id" value="([^"]+)"/.exec(row ?? '')?.[1] ?? '';
}

const graffiti = (extra: Record<string, string | string[]> = {}) => ({
  api_key: apiKey,
  jurisdiction_id: 'arroyoverde.example',
  service_code: 'graffiti',
  lat: '34.0522',
  long: '-118.2437',
  'attribute[surface]': 'wall',
  'attribute[offensive]': 'false',
  description: 'Tags on the underpass wall (filed through Open311).',
  email: CONTACT_EMAIL,
  first_name: 'Private',
  last_name: 'Person',
  phone: CONTACT_PHONE,
  ...extra,
});

const pothole = (extra: Record<string, string | string[]> = {}) => ({
  api_key: apiKey,
  service_code: 'pothole',
  lat: '34.0522',
  long: '-118.2437',
  'attribute[size]': 'tire',
  description: 'Deep pothole in the bike lane (filed through Open311).',
  ...extra,
});

/** A strict XML 1.0 parser (well-formedness and allowed characters): throws on the first error. */
function strictXml(text: string) {
  new SaxesParser().write(text).close();
  return xml.parse(text);
}

const rowOf = async (code: string) => (await sql(server.database.url, 'SELECT * FROM "ServiceRequest" WHERE "publicCode" = $1', [code]))[0];
const isSqlite = () => server.database.url.startsWith('file:');
async function addNote(requestCode: string, id: string, note: string, isPublic = true) {
  const row = await rowOf(requestCode);
  const flag = isSqlite() ? (isPublic ? 1 : 0) : isPublic;
  await sql(
    server.database.url,
    'INSERT INTO "RequestEvent" ("id", "requestId", "kind", "public", "note", "createdAt") VALUES ($1, $2, $3, $4, $5, $6)',
    [id, row.id, 'note', flag, note, new Date(Date.now() + 1000).toISOString()],
  );
}

beforeAll(async () => {
  admin = await signedIn(server.url, DEMO.admin);
  const created = await createKey(admin, 'Test 311 app');
  apiKey = created.key;
});

describe('open311: admin API keys', () => {
  it('lets admins create a key (shown once, hashed at rest) and audits it', async () => {
    expect(apiKey).toMatch(/^ts311_[A-Za-z0-9_-]{40,}$/);
    const html = await admin.page('/admin/api-keys');
    expect(html).toContain('Test 311 app');
    expect(html).toContain(apiKey.slice(0, 12));
    expect(html).not.toContain(apiKey); // never shown again
    const [row] = await sql(server.database.url, 'SELECT * FROM "ApiKey" WHERE "name" = $1', ['Test 311 app']);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(apiKey);
    const audits = await sql(server.database.url, 'SELECT "action", "after" FROM "AuditLog" WHERE "action" = $1', ['api-key.create']);
    expect(audits.length).toBeGreaterThan(0);
    expect(JSON.stringify(audits)).not.toContain(apiKey);
    expect(await admin.page('/admin')).toContain('/admin/api-keys');
  });

  it('shows the page in Spanish', async () => {
    const client = await signedIn(server.url, DEMO.admin);
    await client.get('/');
    expect((await client.post('/language', { locale: 'es', redirectTo: '/admin/api-keys' })).status).toBe(303);
    const html = await client.page('/admin/api-keys');
    expect(html).toContain('Claves de la API Open311');
    expect(html).toContain('Crear clave');
    await client.get('/');
    await client.post('/language', { locale: 'en', redirectTo: '/' });
  });

  it('denies staff, residents and anonymous visitors', async () => {
    for (const who of [DEMO.staff, DEMO.resident]) {
      const client = await signedIn(server.url, who);
      expect((await client.get('/admin/api-keys')).status).toBe(403);
      await client.get('/');
      expect((await client.post('/admin/api-keys', { intent: 'create', name: 'Sneaky' })).status).toBe(403);
      expect((await client.post('/admin/api-keys', { intent: 'revoke', id: 'x' })).status).toBe(403);
    }
    const anon = new Client(server.url);
    const res = await anon.get('/admin/api-keys');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('/signin');
    await anon.get('/');
    expect([302, 303, 403]).toContain((await anon.post('/admin/api-keys', { intent: 'create', name: 'Sneaky' })).status);
    expect(Number((await sql(server.database.url, 'SELECT COUNT(*) AS n FROM "ApiKey" WHERE "name" = $1', ['Sneaky']))[0].n)).toBe(0);
  });
});

describe('open311: discovery and services', () => {
  it('serves the discovery document in JSON and XML', async () => {
    const j = await getJson('discovery.json');
    expect(j.res.status).toBe(200);
    expect(j.res.headers.get('content-type')).toContain('application/json');
    expect(j.data.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      type: 'production',
      url: `${server.url}/open311/v2`,
    });
    expect(j.data.endpoints[0].formats).toEqual(['application/json', 'text/xml']);
    expect(j.data.changeset).toBeTruthy();
    expect(j.data.key_service).toBeTruthy();
    const x = await getXml('discovery.xml');
    expect(x.res.headers.get('content-type')).toContain('text/xml');
    expect(x.data.discovery.endpoints.endpoint[0].specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(x.data.discovery.endpoints.endpoint[0].formats.format).toEqual(['application/json', 'text/xml']);
  });

  it('lists the active services in JSON and XML', async () => {
    const j = await getJson('services.json?jurisdiction_id=arroyoverde.example');
    expect(j.res.status).toBe(200);
    const graffitiService = j.data.find((s: { service_code: string }) => s.service_code === 'graffiti');
    expect(graffitiService).toMatchObject({ service_name: 'Graffiti', metadata: true, type: 'realtime' });
    expect(graffitiService.group).toBeTruthy();
    expect(j.data.some((s: { service_code: string }) => s.service_code === 'holiday-tree-pickup')).toBe(false); // inactive
    const x = await getXml('services.xml');
    const fromXml = x.data.services.service.find((s: { service_code: string }) => s.service_code === 'graffiti');
    expect(fromXml).toMatchObject({ service_name: 'Graffiti', metadata: 'true', type: 'realtime' });
    const es = await getJson('services.json?locale=es');
    expect(es.data.find((s: { service_code: string }) => s.service_code === 'graffiti').service_name).toBe('Grafiti');
  });

  it("describes a service's attributes with datatypes and values in JSON and XML", async () => {
    const j = await getJson('services/illegal-dumping.json');
    expect(j.res.status).toBe(200);
    expect(j.data.service_code).toBe('illegal-dumping');
    const byCode = Object.fromEntries(j.data.attributes.map((a: { code: string }) => [a.code, a]));
    expect(byCode.materials).toMatchObject({
      variable: true,
      datatype: 'multivaluelist',
      required: true,
      order: 1,
      description: 'What was dumped?',
    });
    expect(byCode.materials.values).toContainEqual({ key: 'mattress', name: 'Mattress' });
    expect(byCode.amount.datatype).toBe('singlevaluelist');
    expect(byCode.witnessed).toMatchObject({ datatype: 'singlevaluelist', required: false });
    expect(byCode.witnessed.values).toEqual([
      { key: 'true', name: 'Yes' },
      { key: 'false', name: 'No' },
    ]);
    const trash = await getJson('services/missed-trash-pickup.json');
    expect(trash.data.attributes.find((a: { code: string }) => a.code === 'pickup-day').datatype).toBe('datetime');
    const car = await getJson('services/abandoned-vehicle.json');
    expect(car.data.attributes.find((a: { code: string }) => a.code === 'days-parked').datatype).toBe('number');
    expect(car.data.attributes.find((a: { code: string }) => a.code === 'make').datatype).toBe('string');
    const x = await getXml('services/illegal-dumping.xml');
    const attrs = x.data.service_definition.attributes.attribute;
    expect(x.data.service_definition.service_code).toBe('illegal-dumping');
    const materials = attrs.find((a: { code: string }) => a.code === 'materials');
    expect(materials.datatype).toBe('multivaluelist');
    expect(materials.values.value).toContainEqual({ key: 'tires', name: 'Tires' });
  });

  it('answers 404 for an unknown service, as an error list', async () => {
    const j = await getJson('services/no-such-thing.json');
    expect(j.res.status).toBe(404);
    expect(j.data).toEqual([{ code: 404, description: expect.stringContaining('no-such-thing') }]);
    const x = await getXml('services/no-such-thing.xml');
    expect(x.res.status).toBe(404);
    expect(x.data.errors.error[0].code).toBe('404');
  });
});

let filedCode = '';
describe('open311: POST requests', () => {
  it('files a request (JSON) with source open311, visible to staff, contact stored but never returned', async () => {
    const { res, data, text } = await post(graffiti());
    expect(res.status).toBe(201);
    expect(data).toHaveLength(1);
    filedCode = data[0].service_request_id;
    expect(filedCode).toMatch(/^[A-Z0-9]{8}$/);
    expect(text).not.toContain(CONTACT_EMAIL);
    const [row] = await sql(server.database.url, 'SELECT * FROM "ServiceRequest" WHERE "publicCode" = $1', [filedCode]);
    expect(row.source).toBe('open311');
    expect(row.status).toBe('new');
    const answers = typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers;
    expect(answers).toEqual({ surface: 'wall', offensive: false });
    const [contact] = await sql(server.database.url, 'SELECT * FROM "RequesterContact" WHERE "requestId" = $1', [row.id]);
    expect(contact).toMatchObject({ email: CONTACT_EMAIL, name: 'Private Person' });
    const events = await sql(server.database.url, 'SELECT * FROM "RequestEvent" WHERE "requestId" = $1', [row.id]);
    expect(events.map((e) => e.kind)).toEqual(['created']);
    // Staff read it on the request's page (with the contact details, which are theirs to see).
    const staff = await signedIn(server.url, DEMO.staff);
    const html = await staff.page(`/requests/${filedCode}`);
    expect(html).toContain('Tags on the underpass wall');
    // ... and in the staff queue, filtered by its source.
    const queue = textOf(await staff.page('/staff/requests?source=open311'));
    expect(queue).toContain(filedCode);
    expect(queue).toContain('Open311');
    expect(textOf(await staff.page('/staff/requests?source=phone'))).not.toContain(filedCode);
  });

  it('files in XML, with multivaluelist answers and an address instead of a position', async () => {
    const { res, data } = await post(
      {
        api_key: apiKey,
        service_code: 'illegal-dumping',
        address_string: '500 Alameda Street',
        'attribute[materials][]': ['tires', 'mattress'],
        description: 'A pile of tires and a mattress in the alley.',
      },
      'xml',
    );
    expect(res.status).toBe(201);
    const code = data.service_requests.request[0].service_request_id;
    const [row] = await sql(server.database.url, 'SELECT "answers", "address", "source" FROM "ServiceRequest" WHERE "publicCode" = $1', [
      code,
    ]);
    const answers = typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers;
    expect(answers).toEqual({ materials: ['mattress', 'tires'] });
    expect(row).toMatchObject({ address: '500 Alameda Street', source: 'open311' });
  });

  it('refuses a missing or unknown key with 403', async () => {
    const missing = await post(graffiti({ api_key: '' }));
    expect(missing.res.status).toBe(403);
    expect(missing.data[0].code).toBe(403);
    const wrong = await post(graffiti({ api_key: 'ts311_not-a-real-key' }), 'xml');
    expect(wrong.res.status).toBe(403);
    expect(wrong.data.errors.error[0].code).toBe('403');
  });

  it('refuses an unknown service (404), a bad attribute, a missing location and missing service_code (400)', async () => {
    const unknown = await post(graffiti({ service_code: 'no-such-thing' }));
    expect(unknown.res.status).toBe(404);
    const bad = await post(graffiti({ 'attribute[surface]': 'moon' }));
    expect(bad.res.status).toBe(400);
    expect(bad.data[0].description).toContain('attribute[surface]');
    const missingAttr = await post(graffiti({ 'attribute[offensive]': '' }));
    expect(missingAttr.res.status).toBe(400);
    expect(missingAttr.data[0].description).toContain('attribute[offensive]');
    const noLocation = await post(graffiti({ lat: '', long: '' }));
    expect(noLocation.res.status).toBe(400);
    expect(noLocation.data[0].description).toMatch(/location/);
    const halfLocation = await post(graffiti({ long: '' }));
    expect(halfLocation.res.status).toBe(400);
    const noCode = await post(graffiti({ service_code: '' }), 'xml');
    expect(noCode.res.status).toBe(400);
    expect(noCode.data.errors.error[0].description).toContain('service_code');
  });

  it("needs no CSRF token, and other sites' pages cannot post (Express cross-site check), refused in the API's error format", async () => {
    const before = Number((await sql(server.database.url, 'SELECT COUNT(*) AS n FROM "ServiceRequest"'))[0].n);
    const foreign = await post(graffiti(), 'json', { Origin: 'https://evil.example' });
    expect(foreign.res.status).toBe(403);
    expect(foreign.res.headers.get('content-type')).toContain('application/json');
    expect(foreign.res.headers.get('access-control-allow-origin')).toBe('*');
    expect(foreign.data).toEqual([{ code: 403, description: 'Cross-site request refused' }]);
    const fetched = await post(graffiti(), 'xml', { 'Sec-Fetch-Site': 'cross-site' });
    expect(fetched.res.status).toBe(403);
    expect(fetched.res.headers.get('content-type')).toContain('text/xml');
    expect(fetched.res.headers.get('access-control-allow-origin')).toBe('*');
    expect(strictXml(fetched.text).errors.error).toEqual([{ code: '403', description: 'Cross-site request refused' }]);
    expect(Number((await sql(server.database.url, 'SELECT COUNT(*) AS n FROM "ServiceRequest"'))[0].n)).toBe(before);
    // Elsewhere the refusal stays plain text.
    const page = await fetch(`${server.url}/signin`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=x',
    });
    expect(page.status).toBe(403);
    expect(page.headers.get('content-type')).toContain('text/plain');
  });

  it('refuses a revoked key', async () => {
    const { key } = await createKey(admin, 'Short-lived key');
    expect((await post(graffiti({ api_key: key }))).res.status).toBe(201);
    const id = await keyId(admin, 'Short-lived key');
    const revoke = await admin.post('/admin/api-keys', { intent: 'revoke', id });
    expect(revoke.status).toBe(303);
    expect(rowWith(await admin.page('/admin/api-keys'), 'Short-lived key')).toContain('Revoked');
    const refused = await post(graffiti({ api_key: key }));
    expect(refused.res.status).toBe(403);
    expect(
      (
        await sql(server.database.url, 'SELECT COUNT(*) AS n FROM "AuditLog" WHERE "action" = $1 AND "targetId" = $2', [
          'api-key.revoke',
          id,
        ])
      )[0].n,
    ).toBeTruthy();
  });
});

describe('open311: GET requests', () => {
  it('finds a request by id in JSON and XML, without contact details (graffiti: published as a summary)', async () => {
    const j = await getJson(`requests/${filedCode}.json`);
    expect(j.res.status).toBe(200);
    expect(j.data).toHaveLength(1);
    expect(j.data[0]).toMatchObject({
      service_request_id: filedCode,
      status: 'open',
      service_code: 'graffiti',
      service_name: 'Graffiti',
      description: '',
      agency_responsible: expect.any(String),
      lat: 34.052,
      long: -118.244,
    });
    expect(Date.parse(j.data[0].requested_datetime)).toBeGreaterThan(0);
    expect(Date.parse(j.data[0].expected_datetime)).toBeGreaterThan(Date.parse(j.data[0].requested_datetime));
    const x = await getXml(`requests/${filedCode.toLowerCase()}.xml`);
    expect(x.data.service_requests.request[0]).toMatchObject({ service_request_id: filedCode, status: 'open', service_code: 'graffiti' });
  });

  it('answers 404 for an unknown request and an unknown token', async () => {
    expect((await getJson('requests/ZZZZZZZZ.json')).res.status).toBe(404);
    const x = await getXml('requests/nope.xml');
    expect(x.res.status).toBe(404);
    expect(x.data.errors.error[0].code).toBe('404');
    expect((await getJson('tokens/ZZZZZZZZ.json')).res.status).toBe(404);
  });

  it('looks up tokens in JSON and XML', async () => {
    const j = await getJson(`tokens/${filedCode}.json`);
    expect(j.data).toEqual([{ service_request_id: filedCode, token: filedCode }]);
    const x = await getXml(`tokens/${filedCode}.xml`);
    expect(x.data.service_requests.request[0].service_request_id).toBe(filedCode);
  });

  it('filters by id list, service code, status and dates; closed statuses map to closed; public notes only', async () => {
    // Close one request with a public and an internal note (no staff screen for this yet).
    const { data } = await post(pothole({ description: 'Second hole, to be closed.' }));
    const closed = data[0].service_request_id;
    const [row] = await sql(server.database.url, 'SELECT "id" FROM "ServiceRequest" WHERE "publicCode" = $1', [closed]);
    const later = new Date(Date.now() + 1000).toISOString();
    const muchLater = new Date(Date.now() + 2000).toISOString();
    await sql(server.database.url, 'UPDATE "ServiceRequest" SET "status" = $1 WHERE "id" = $2', ['resolved', row.id]);
    const events = server.database.url.startsWith('file:')
      ? ['INSERT INTO "RequestEvent" ("id", "requestId", "kind", "public", "note", "createdAt") VALUES ($1, $2, $3, $4, $5, $6)', 1, 0]
      : [
          'INSERT INTO "RequestEvent" ("id", "requestId", "kind", "public", "note", "createdAt") VALUES ($1, $2, $3, $4, $5, $6)',
          true,
          false,
        ];
    const stamp = (iso: string) => iso;
    await sql(server.database.url, events[0] as string, [
      'ev-public-1',
      row.id,
      'note',
      events[1],
      'Painted over by the crew.',
      stamp(later),
    ]);
    await sql(server.database.url, events[0] as string, [
      'ev-internal-1',
      row.id,
      'note',
      events[2],
      'INTERNAL: owner is difficult',
      stamp(muchLater),
    ]);

    const both = await getJson(`requests.json?service_request_id=${filedCode},${closed}`);
    expect(both.data.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([filedCode, closed].sort());
    const closedOne = both.data.find((r: { service_request_id: string }) => r.service_request_id === closed);
    expect(closedOne).toMatchObject({ status: 'closed', status_notes: 'Painted over by the crew.' });

    const open = await getJson('requests.json?status=open&service_code=graffiti');
    expect(open.data.every((r: { status: string; service_code: string }) => r.status === 'open' && r.service_code === 'graffiti')).toBe(
      true,
    );
    expect(open.data.some((r: { service_request_id: string }) => r.service_request_id === closed)).toBe(false);
    expect(open.data.some((r: { service_request_id: string }) => r.service_request_id === filedCode)).toBe(true);
    const closedList = await getXml('requests.xml?status=closed');
    expect(closedList.data.service_requests.request.map((r: { service_request_id: string }) => r.service_request_id)).toContain(closed);
    const dumping = await getJson('requests.json?service_code=illegal-dumping');
    expect(dumping.data.length).toBeGreaterThan(0);
    expect(dumping.data.every((r: { service_code: string }) => r.service_code === 'illegal-dumping')).toBe(true);
    const all = await getJson('requests.json');
    const times = all.data.map((r: { requested_datetime: string }) => Date.parse(r.requested_datetime));
    expect([...times].sort((a, b) => b - a)).toEqual(times); // newest first
    const past = await getJson('requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z');
    expect(past.data).toEqual([]);
    const badDate = await getJson('requests.json?start_date=yesterday');
    expect(badDate.res.status).toBe(400);
    const badStatus = await getXml('requests.xml?status=pending');
    expect(badStatus.res.status).toBe(400);
    expect(JSON.stringify(bodies)).not.toContain('INTERNAL: owner is difficult');
  });

  it('keeps the default window to the last 90 days', async () => {
    const [row] = await sql(server.database.url, 'SELECT "id" FROM "ServiceRequest" WHERE "publicCode" = $1', [filedCode]);
    const old = new Date(Date.now() - 100 * 24 * 3600 * 1000);
    const { data } = await post(graffiti({ description: 'An old one.' }));
    const oldCode = data[0].service_request_id;
    await sql(server.database.url, 'UPDATE "ServiceRequest" SET "createdAt" = $1 WHERE "publicCode" = $2', [old.toISOString(), oldCode]);
    expect(row).toBeTruthy();
    const recent = await getJson('requests.json');
    expect(recent.data.some((r: { service_request_id: string }) => r.service_request_id === oldCode)).toBe(false);
    const byId = await getJson(`requests/${oldCode}.json`);
    expect(byId.data[0].service_request_id).toBe(oldCode);
  });

  it('answers a full list of 1,000 requests (and 1,000 ids), each with its own latest public note', async () => {
    // 1,001 potholes in March 2021 (outside every other test's window), inserted in a few statements.
    const [type] = await sql(server.database.url, `SELECT "id", "departmentId" FROM "RequestType" WHERE "code" = 'pothole'`);
    const alphabet = '23456789ABCDEFGHJKMNPQRSTWXYZ';
    const code = (i: number) => `M${[3, 2, 1, 0].map((p) => alphabet[Math.floor(i / alphabet.length ** p) % alphabet.length]).join('')}BKT`;
    const at = (i: number) => new Date(Date.UTC(2021, 2, 1) + i * 60_000).toISOString();
    const rows = Array.from(
      { length: 1001 },
      (_, i) =>
        `('bulk${i}', '${code(i)}', '${type.id}', 1, 'new', 'normal', 'web', 'Pothole ${i}', '{}', '${type.departmentId}', '${at(i)}', '${at(i)}', '${at(i)}')`,
    );
    for (let i = 0; i < rows.length; i += 250) {
      await sql(
        server.database.url,
        `INSERT INTO "ServiceRequest" ("id", "publicCode", "typeId", "typeVersion", "status", "priority", "source", "description", "answers", "departmentId", "dueAt", "createdAt", "updatedAt") VALUES ${rows.slice(i, i + 250).join(', ')}`,
      );
    }
    const yes = server.database.url.startsWith('file:') ? 1 : true;
    const no = server.database.url.startsWith('file:') ? 0 : false;
    const note = (id: string, request: string, isPublic: unknown, text: string, minute: number) =>
      sql(
        server.database.url,
        'INSERT INTO "RequestEvent" ("id", "requestId", "kind", "public", "note", "createdAt") VALUES ($1, $2, $3, $4, $5, $6)',
        [id, request, 'note', isPublic, text, at(minute)],
      );
    await note('bulk-a', 'bulk1000', yes, 'Older public note', 1001);
    await note('bulk-b', 'bulk1000', yes, 'Newest public note', 1002);
    await note('bulk-c', 'bulk1000', no, 'INTERNAL: newer still', 1003);
    await note('bulk-d', 'bulk999', yes, 'Crew scheduled', 1000);

    const query = 'service_code=pothole&start_date=2021-03-01T00:00:00Z&end_date=2021-03-31T00:00:00Z';
    const list = await getJson(`requests.json?${query}`);
    expect(list.res.status).toBe(200);
    expect(list.data).toHaveLength(1000);
    expect(
      list.data.slice(0, 3).map((r: { service_request_id: string; status_notes: string }) => [r.service_request_id, r.status_notes]),
    ).toEqual([
      [code(1000), 'Newest public note'],
      [code(999), 'Crew scheduled'],
      [code(998), ''],
    ]);
    expect(list.data[999].service_request_id).toBe(code(1));
    const asXml = await getXml(`requests.xml?${query}`);
    expect(asXml.data.service_requests.request).toHaveLength(1000);
    expect(asXml.data.service_requests.request[0].status_notes).toBe('Newest public note');

    const ids = Array.from({ length: 1000 }, (_, i) => code(i + 1)).join(',');
    const byIds = await getJson(`requests.json?service_request_id=${ids}`);
    expect(byIds.res.status).toBe(200);
    expect(byIds.data).toHaveLength(1000);
    expect(byIds.data[0]).toMatchObject({ service_request_id: code(1000), status_notes: 'Newest public note' });
    expect(JSON.stringify(bodies)).not.toContain('INTERNAL: newer still');
  });

  it('never answers with requester contact details', () => {
    const all = bodies.join('\n');
    expect(all).not.toContain(CONTACT_EMAIL);
    expect(all).not.toContain(CONTACT_PHONE);
    expect(all).not.toContain('Private Person');
  });
});

describe('open311: public visibility per request type', () => {
  it('publishes a full type in full: description, exact position, public notes, media_url and address_id', async () => {
    const filed = await post(
      pothole({ media_url: 'https://photos.example.org/p/1.jpg', address_id: 'ADDR-77', address_string: '120 Mill Street' }),
    );
    expect(filed.res.status).toBe(201);
    const code = filed.data[0].service_request_id;
    await addNote(code, 'full-note-1', 'Crew scheduled for Tuesday.');
    const j = await getJson(`requests/${code}.json`);
    expect(j.data[0]).toMatchObject({
      service_code: 'pothole',
      description: 'Deep pothole in the bike lane (filed through Open311).',
      status_notes: 'Crew scheduled for Tuesday.',
      address: '120 Mill Street',
      address_id: 'ADDR-77',
      lat: 34.0522,
      long: -118.2437,
      media_url: 'https://photos.example.org/p/1.jpg',
    });
    const x = await getXml(`requests/${code}.xml`);
    expect(x.data.service_requests.request[0]).toMatchObject({
      media_url: 'https://photos.example.org/p/1.jpg',
      address_id: 'ADDR-77',
      lat: '34.0522',
    });
    // Staff see both on the request's page.
    const staff = await signedIn(server.url, DEMO.staff);
    const html = await staff.page(`/requests/${code}`);
    expect(html).toContain('href="https://photos.example.org/p/1.jpg"');
    expect(textOf(html)).toContain('ADDR-77');
  });

  it('publishes a summary type without description, notes, media or address detail, its position rounded to ~100 m, its neighborhood as address', async () => {
    const filed = await post(
      graffiti({
        description: 'Tags on the wall of 1234 Private Lane, where Mrs. Example lives.',
        address_string: '1234 Private Lane',
        media_url: 'https://photos.example.org/g/2.jpg',
        address_id: 'ADDR-1234',
      }),
    );
    expect(filed.res.status).toBe(201);
    const code = filed.data[0].service_request_id;
    const [riverside] = await sql(server.database.url, `SELECT "id" FROM "Neighborhood" WHERE "slug" = 'riverside'`);
    await sql(server.database.url, 'UPDATE "ServiceRequest" SET "neighborhoodId" = $1 WHERE "publicCode" = $2', [riverside.id, code]);
    await addNote(code, 'summary-note-1', 'Owner of 1234 Private Lane notified.');
    const j = await getJson(`requests/${code}.json`);
    expect(j.data[0]).toMatchObject({
      service_request_id: code,
      service_code: 'graffiti',
      status: 'open',
      description: '',
      status_notes: '',
      address: 'Riverside',
      address_id: '',
      lat: 34.052,
      long: -118.244,
      media_url: '',
    });
    expect((await getJson(`requests/${code}.json?locale=es`)).data[0].address).toBe('La Ribera');
    const list = await getXml('requests.xml?service_code=graffiti');
    const item = list.data.service_requests.request.find((r: { service_request_id: string }) => r.service_request_id === code);
    expect(item).toMatchObject({ description: '', address: 'Riverside', lat: '34.052', long: '-118.244', media_url: '' });
    const published = [JSON.stringify(j.data), JSON.stringify(list.data), bodies.filter((b) => b.includes(code)).join('\n')].join('\n');
    for (const secret of ['1234 Private Lane', 'Mrs. Example', 'photos.example.org/g/2.jpg', 'ADDR-1234', '-118.2437', '34.0522'])
      expect(published).not.toContain(secret);
  });

  it('does not publish a none type at all: 404 by id, absent from lists and id lookups, in JSON and XML', async () => {
    const filed = await post({
      api_key: apiKey,
      service_code: 'other',
      'attribute[safety]': 'false',
      description: 'My neighbor at 9 Quiet Court shouts at night.',
    });
    expect(filed.res.status).toBe(201);
    const code = filed.data[0].service_request_id;
    const byId = await getJson(`requests/${code}.json`);
    expect(byId.res.status).toBe(404);
    expect(byId.data).toEqual([{ code: 404, description: expect.stringContaining(code) }]);
    expect((await getXml(`requests/${code}.xml`)).data.errors.error[0].code).toBe('404');
    const list = await getJson('requests.json');
    expect(list.data.some((r: { service_request_id: string }) => r.service_request_id === code)).toBe(false);
    expect((await getJson('requests.json?service_code=other')).data).toEqual([]);
    const ids = await getJson(`requests.json?service_request_id=${code},${filedCode}`);
    expect(ids.data.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([filedCode]);
    expect(bodies.join('\n')).not.toContain('9 Quiet Court');
    // Staff still handle it as usual.
    const staff = await signedIn(server.url, DEMO.staff);
    expect(await staff.page(`/requests/${code}`)).toContain('9 Quiet Court');
  });

  it("follows the administrator's choice at once: summary, none, full", async () => {
    const [type] = await sql(server.database.url, `SELECT * FROM "RequestType" WHERE "code" = 'graffiti'`);
    const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as { en: string; es: string };
    const form = (publicVisibility: string) => ({
      intent: 'save',
      'name.en': json(type.name).en,
      'name.es': json(type.name).es,
      'description.en': json(type.description).en,
      'description.es': json(type.description).es,
      'resolution.en': json(type.resolutionDefinition).en,
      'resolution.es': json(type.resolutionDefinition).es,
      group: String(type.group),
      departmentId: String(type.departmentId),
      defaultPriority: String(type.defaultPriority),
      targetHours: String(type.targetHours),
      locationRequired: 'on',
      photosAllowed: 'on',
      publicVisibility,
    });
    await admin.page(`/admin/request-types/${type.id}`);
    expect((await admin.post(`/admin/request-types/${type.id}`, form('none'))).status).toBe(303);
    expect((await getJson(`requests/${filedCode}.json`)).res.status).toBe(404);
    expect((await getJson('requests.json?service_code=graffiti')).data).toEqual([]);
    expect((await admin.post(`/admin/request-types/${type.id}`, form('full'))).status).toBe(303);
    const full = await getJson(`requests/${filedCode}.json`);
    expect(full.data[0]).toMatchObject({
      description: 'Tags on the underpass wall (filed through Open311).',
      lat: 34.0522,
      long: -118.2437,
    });
    expect((await admin.post(`/admin/request-types/${type.id}`, form('summary'))).status).toBe(303);
    expect((await getJson(`requests/${filedCode}.json`)).data[0].description).toBe('');
    const audits = await sql(
      server.database.url,
      `SELECT "after" FROM "AuditLog" WHERE "action" = 'request-type.update' AND "targetId" = $1`,
      [type.id],
    );
    expect(audits.map((a) => (typeof a.after === 'string' ? JSON.parse(a.after) : a.after).publicVisibility)).toEqual([
      'none',
      'full',
      'summary',
    ]);
  });

  it("shows the forum badge of an unpublished type only to those who may open the request and to the post's author", async () => {
    const moderator = await signedIn(server.url, DEMO.moderator);
    await moderator.get('/channels/n-riverside/new');
    const started = await moderator.post('/channels/n-riverside/new', {
      title: 'Loud parties every weekend',
      bodyText: 'Who else hears the parties on Quiet Court?',
    });
    expect(started.status).toBe(303);
    const threadId = /\/threads\/([^?#/]+)/.exec(started.headers.get('location') ?? '')![1];
    const [opening] = await sql(server.database.url, 'SELECT "id" FROM "Post" WHERE "threadId" = $1 AND "isOpening" = $2', [
      threadId,
      isSqlite() ? 1 : true,
    ]);
    const hidden = (
      await post({ api_key: apiKey, service_code: 'other', 'attribute[safety]': 'false', description: 'Parties on Quiet Court.' })
    ).data[0].service_request_id;
    const listed = (await post(pothole({ description: 'Pothole near the footbridge.' }))).data[0].service_request_id;
    for (const [i, code] of [hidden, listed].entries()) {
      await sql(
        server.database.url,
        'INSERT INTO "RequestLink" ("id", "requestId", "targetKind", "targetId", "createdAt") VALUES ($1, $2, $3, $4, $5)',
        [`badge-link-${i}`, (await rowOf(code)).id, 'post', opening.id, new Date().toISOString()],
      );
    }
    const anonymous = await new Client(server.url).page(`/threads/${threadId}`);
    expect(anonymous).toContain(listed);
    expect(anonymous).not.toContain(hidden);
    const captain = await signedIn(server.url, DEMO.captain);
    const other = await captain.page(`/threads/${threadId}`);
    expect(other).toContain(listed);
    expect(other).not.toContain(hidden);
    const staff = await signedIn(server.url, DEMO.staff);
    expect(await staff.page(`/threads/${threadId}`)).toContain(hidden);
    expect(await moderator.page(`/threads/${threadId}`)).toContain(hidden); // the author, who may follow it
  });
});

describe('open311: interoperability', () => {
  it('takes the api_key from the query string as well', async () => {
    const { api_key: key, ...fields } = pothole({ description: 'Key in the query string.' });
    const body = new URLSearchParams(fields as Record<string, string>);
    const { res, text } = await call(`requests.json?api_key=${encodeURIComponent(key as string)}`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(201);
    expect(JSON.parse(text)[0].service_request_id).toMatch(/^[A-Z0-9]{8}$/);
    const wrong = await call('requests.json?api_key=ts311_wrong', {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(wrong.res.status).toBe(403);
  });

  it('needs a description only when no attribute and no media_url is given', async () => {
    const none = await post({ api_key: apiKey, service_code: 'other' });
    expect(none.res.status).toBe(400);
    const descriptions = none.data.map((e: { description: string }) => e.description);
    expect(descriptions.some((d: string) => d.startsWith('description:'))).toBe(true);
    expect(descriptions.some((d: string) => d.startsWith('attribute[safety]'))).toBe(true);
    const withAttributes = await post({ api_key: apiKey, service_code: 'other', 'attribute[safety]': 'false' });
    expect(withAttributes.res.status).toBe(201);
    expect((await rowOf(withAttributes.data[0].service_request_id)).description).toBe('');
  });

  it('stores media_url (http or https, at most 2,000 characters) and accepts media alone as the report', async () => {
    // A type without fields: nothing but a description or a photo can say what is wrong.
    const [department] = await sql(server.database.url, `SELECT "id" FROM "Department" WHERE "slug" = 'public-works'`);
    await admin.page('/admin/request-types/new');
    const created = await admin.post('/admin/request-types/new', {
      code: 'photo-report',
      'name.en': 'Photo report',
      'name.es': 'Reporte con foto',
      'description.en': 'Send a photo of a problem.',
      'description.es': 'Envíe una foto de un problema.',
      'resolution.en': 'Resolved when handled.',
      'resolution.es': 'Resuelta cuando se atiende.',
      group: 'other',
      departmentId: String(department.id),
      defaultPriority: 'normal',
      targetHours: '72',
      publicVisibility: 'full',
    });
    expect(created.status).toBe(303);
    const empty = await post({ api_key: apiKey, service_code: 'photo-report' });
    expect(empty.res.status).toBe(400);
    expect(empty.data[0].description).toMatch(/^description: /);
    const photo = await post({ api_key: apiKey, service_code: 'photo-report', media_url: 'http://photos.example.org/only.png' });
    expect(photo.res.status).toBe(201);
    const code = photo.data[0].service_request_id;
    expect(await rowOf(code)).toMatchObject({ mediaUrl: 'http://photos.example.org/only.png', description: '', source: 'open311' });
    expect((await getJson(`requests/${code}.json`)).data[0]).toMatchObject({
      media_url: 'http://photos.example.org/only.png',
      description: '',
    });
    for (const bad of [
      'javascript:alert(1)',
      'ftp://photos.example.org/x.png',
      'not a url',
      `https://photos.example.org/${'a'.repeat(2000)}`,
    ]) {
      const refused = await post({ api_key: apiKey, service_code: 'photo-report', media_url: bad });
      expect(refused.res.status).toBe(400);
      expect(refused.data[0].description).toMatch(/^media_url: /);
    }
  });

  it('accepts address_id alone as the location', async () => {
    const filed = await post(pothole({ lat: '', long: '', address_id: 'MAR-5512' }));
    expect(filed.res.status).toBe(201);
    expect(await rowOf(filed.data[0].service_request_id)).toMatchObject({ addressId: 'MAR-5512', address: null, latitude: null });
    const without = await post(pothole({ lat: '', long: '' }));
    expect(without.res.status).toBe(400);
    expect(without.data[0].description).toContain('address_id');
  });

  it('accepts a full ISO 8601 date-time for a datetime attribute, keeping its day in the city', async () => {
    const trash = (day: string) =>
      post({
        api_key: apiKey,
        service_code: 'missed-trash-pickup',
        address_string: '1 Test Street',
        'attribute[container]': 'trash',
        'attribute[out-by-six]': 'true',
        'attribute[pickup-day]': day,
      });
    const cases: [string, string][] = [
      ['2026-03-10', '2026-03-10'],
      ['2026-03-10T02:00:00Z', '2026-03-09'], // 7 p.m. on the 9th in Arroyo Verde (America/Los_Angeles)
      ['2026-03-10T09:30:00-07:00', '2026-03-10'],
      ['2026-03-10T23:30:00.250+0100', '2026-03-10'],
      ['2026-03-10T23:30:00', '2026-03-10'], // no offset: the day it names
    ];
    for (const [sent, stored] of cases) {
      const filed = await trash(sent);
      expect(filed.res.status, sent).toBe(201);
      const row = await rowOf(filed.data[0].service_request_id);
      const answers = typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers;
      expect(answers['pickup-day'], sent).toBe(stored);
    }
    for (const bad of ['2026-03-10T25:00:00Z', '2026-02-30T10:00:00Z', 'tomorrow']) {
      const refused = await trash(bad);
      expect(refused.res.status, bad).toBe(400);
      expect(refused.data[0].description).toContain('attribute[pickup-day]');
    }
    const definition = await getJson('services/missed-trash-pickup.json');
    expect(definition.data.attributes.find((a: { code: string }) => a.code === 'pickup-day').datatype_description).toContain('ISO 8601');
  });

  it('compares service codes without regard to case', async () => {
    const def = await getJson('services/GRAFFITI.json');
    expect(def.res.status).toBe(200);
    expect(def.data.service_code).toBe('graffiti');
    const filed = await post(pothole({ service_code: 'PotHole', description: 'Mixed-case code.' }));
    expect(filed.res.status).toBe(201);
    const listed = await getJson('requests.json?service_code=POTHOLE');
    expect(listed.data.some((r: { service_request_id: string }) => r.service_request_id === filed.data[0].service_request_id)).toBe(true);
  });

  it('sends the CORS header with errors as with successes', async () => {
    for (const path of [
      'services/no-such-thing.json',
      'services/no-such-thing.xml',
      'requests.json?status=pending',
      'nope.json',
      'services.json',
    ]) {
      const { res } = await call(path);
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
    }
    const refused = await post(graffiti({ api_key: '' }));
    expect(refused.res.status).toBe(403);
    expect(refused.res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('decodes path ids once: %25 is a code with a percent sign (404), malformed encoding is a 400, both as error lists', async () => {
    const percent = await getJson('services/%25.json');
    expect(percent.res.status).toBe(404);
    expect(percent.data).toEqual([{ code: 404, description: 'service_code % not found' }]);
    expect((await getJson('requests/%25.json')).res.status).toBe(404);
    expect((await getJson('tokens/%25.json')).res.status).toBe(404);
    for (const path of ['services/%E0%A4%A.json', 'requests/%.json', 'tokens/%ZZ.json', 'services/%C3%28.json']) {
      const { res, data } = await getJson(path);
      expect(res.status, path).toBe(400);
      expect(data[0]).toEqual({ code: 400, description: 'malformed percent-encoding in the path' });
    }
    const x = await getXml('services/%E0%A4%A.xml');
    expect(x.res.status).toBe(400);
    expect(x.data.errors.error[0].code).toBe('400');
    const unknown = await getJson('%E0%A4%A.json');
    expect(unknown.res.status).toBe(404);
    expect(unknown.data[0].code).toBe(404);
    // Other pages answer a malformed path with their own page, never a server error.
    expect((await fetch(`${server.url}/threads/%E0%A4%A`)).status).toBeLessThan(500);
  });
});

describe('open311: XML 1.0 output', () => {
  it('drops characters XML 1.0 forbids from stored text, so strict parsers read every answer', async () => {
    const [type] = await sql(server.database.url, `SELECT "id", "departmentId" FROM "RequestType" WHERE "code" = 'pothole'`);
    const now = new Date().toISOString();
    const stored = 'Bad\u0001 bytes\u0008 and \uFFFE noncharacters\uFFFF & <tags> stay text\u000B.';
    await sql(
      server.database.url,
      `INSERT INTO "ServiceRequest" ("id", "publicCode", "typeId", "typeVersion", "status", "priority", "source", "description", "answers", "address", "departmentId", "dueAt", "createdAt", "updatedAt") VALUES ('xml-ctrl', 'XMKCTRW2', $1, 1, 'new', 'normal', 'web', $2, '{}', $3, $4, $5, $5, $5)`,
      [type.id, stored, 'Corner\u001F of Mill', type.departmentId, now],
    );
    await addNote('XMKCTRW2', 'xml-ctrl-note', 'Note\u0002 with\uFFFE junk.');
    const expected = 'Bad bytes and  noncharacters & <tags> stay text.';
    const one = await call('requests/XMKCTRW2.xml');
    expect(one.res.status).toBe(200);
    const item = strictXml(one.text).service_requests.request[0];
    expect(item).toMatchObject({ description: expected, address: 'Corner of Mill', status_notes: 'Note with junk.' });
    const list = await call(`requests.xml?service_code=pothole`);
    expect(() => strictXml(list.text)).not.toThrow();
    // JSON keeps the text as stored (JSON can carry any character).
    expect((await getJson('requests/XMKCTRW2.json')).data[0].description).toBe(stored);
  });
});

describe('open311: rate limits', () => {
  it('answers 429 with Retry-After, as an error list, once a key has posted too much', async () => {
    const { key } = await createKey(admin, 'Busy key');
    let last: Awaited<ReturnType<typeof post>> | undefined;
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) {
      last = await post({ api_key: key, service_code: '' });
      statuses.push(last.res.status);
    }
    expect(statuses.slice(0, 100).every((s) => s === 400)).toBe(true);
    expect(statuses[100]).toBe(429);
    expect(Number(last!.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.data[0].code).toBe(429);
    const x = await post({ api_key: key, service_code: 'graffiti' }, 'xml');
    expect(x.res.status).toBe(429);
    expect(x.data.errors.error[0].code).toBe('429');
  });
});
