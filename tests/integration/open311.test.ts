import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, rowWith, signedIn, textOf } from '../support/client';
import { startTestServer, type TestServer } from '../support/server';
import { sql } from '../support/sql';

/** Open311 GeoReport v2 through the real server: every endpoint in JSON and XML, errors, keys, limits. */
let server: TestServer;
let admin: Client;
let apiKey = '';
const bodies: string[] = [];
const CONTACT_EMAIL = 'open311.requester.private@example.org';
const CONTACT_PHONE = '555-867-5309';

const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name) });

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
  const { res, text } = await call(`requests.${format}`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } });
  const isXml = (res.headers.get('content-type') ?? '').includes('xml');
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  return { res, text, data: isJson ? JSON.parse(text) : isXml ? xml.parse(text) : text };
}

async function createKey(client: Client, name: string) {
  await client.get('/admin/api-keys');
  const res = await client.post('/admin/api-keys', { intent: 'create', name });
  const html = await res.text();
  return { res, key: /data-api-key="true">([^<]+)<\/code>|data-api-key="">([^<]+)<\/code>|data-api-key>([^<]+)<\/code>/.exec(html)?.slice(1).find(Boolean) ?? '' };
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

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedIn(server.url, DEMO.admin);
  const created = await createKey(admin, 'Test 311 app');
  apiKey = created.key;
});
afterAll(async () => {
  await server?.stop();
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
    expect(j.data.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', url: `${server.url}/open311/v2` });
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

  it('describes a service\'s attributes with datatypes and values in JSON and XML', async () => {
    const j = await getJson('services/illegal-dumping.json');
    expect(j.res.status).toBe(200);
    expect(j.data.service_code).toBe('illegal-dumping');
    const byCode = Object.fromEntries(j.data.attributes.map((a: { code: string }) => [a.code, a]));
    expect(byCode.materials).toMatchObject({ variable: true, datatype: 'multivaluelist', required: true, order: 1, description: 'What was dumped?' });
    expect(byCode.materials.values).toContainEqual({ key: 'mattress', name: 'Mattress' });
    expect(byCode.amount.datatype).toBe('singlevaluelist');
    expect(byCode.witnessed).toMatchObject({ datatype: 'singlevaluelist', required: false });
    expect(byCode.witnessed.values).toEqual([{ key: 'true', name: 'Yes' }, { key: 'false', name: 'No' }]);
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
    const [row] = await sql(server.database.url, 'SELECT "answers", "address", "source" FROM "ServiceRequest" WHERE "publicCode" = $1', [code]);
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

  it('needs no CSRF token, and other sites\' pages cannot post (Express cross-site check)', async () => {
    const foreign = await post(graffiti(), 'json', { Origin: 'https://evil.example' });
    expect(foreign.res.status).toBe(403);
    expect(foreign.text).toContain('Cross-site request refused');
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
    expect((await sql(server.database.url, 'SELECT COUNT(*) AS n FROM "AuditLog" WHERE "action" = $1 AND "targetId" = $2', ['api-key.revoke', id]))[0].n).toBeTruthy();
  });
});

describe('open311: GET requests', () => {
  it('finds a request by id in JSON and XML, without contact details', async () => {
    const j = await getJson(`requests/${filedCode}.json`);
    expect(j.res.status).toBe(200);
    expect(j.data).toHaveLength(1);
    expect(j.data[0]).toMatchObject({
      service_request_id: filedCode,
      status: 'open',
      service_code: 'graffiti',
      service_name: 'Graffiti',
      description: 'Tags on the underpass wall (filed through Open311).',
      agency_responsible: expect.any(String),
      lat: 34.0522,
      long: -118.2437,
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
    const { data } = await post(graffiti({ description: 'Second wall, to be closed.' }));
    const closed = data[0].service_request_id;
    const [row] = await sql(server.database.url, 'SELECT "id" FROM "ServiceRequest" WHERE "publicCode" = $1', [closed]);
    const later = new Date(Date.now() + 1000).toISOString();
    const muchLater = new Date(Date.now() + 2000).toISOString();
    await sql(server.database.url, 'UPDATE "ServiceRequest" SET "status" = $1 WHERE "id" = $2', ['resolved', row.id]);
    const events = server.database.url.startsWith('file:')
      ? ['INSERT INTO "RequestEvent" ("id", "requestId", "kind", "public", "note", "createdAt") VALUES ($1, $2, $3, $4, $5, $6)', 1, 0]
      : ['INSERT INTO "RequestEvent" ("id", "requestId", "kind", "public", "note", "createdAt") VALUES ($1, $2, $3, $4, $5, $6)', true, false];
    const stamp = (iso: string) => iso;
    await sql(server.database.url, events[0] as string, ['ev-public-1', row.id, 'note', events[1], 'Painted over by the crew.', stamp(later)]);
    await sql(server.database.url, events[0] as string, ['ev-internal-1', row.id, 'note', events[2], 'INTERNAL: owner is difficult', stamp(muchLater)]);

    const both = await getJson(`requests.json?service_request_id=${filedCode},${closed}`);
    expect(both.data.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([filedCode, closed].sort());
    const closedOne = both.data.find((r: { service_request_id: string }) => r.service_request_id === closed);
    expect(closedOne).toMatchObject({ status: 'closed', status_notes: 'Painted over by the crew.' });

    const open = await getJson('requests.json?status=open&service_code=graffiti');
    expect(open.data.every((r: { status: string; service_code: string }) => r.status === 'open' && r.service_code === 'graffiti')).toBe(true);
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
    const rows = Array.from({ length: 1001 }, (_, i) => `('bulk${i}', '${code(i)}', '${type.id}', 1, 'new', 'normal', 'web', 'Pothole ${i}', '{}', '${type.departmentId}', '${at(i)}', '${at(i)}', '${at(i)}')`);
    for (let i = 0; i < rows.length; i += 250) {
      await sql(
        server.database.url,
        `INSERT INTO "ServiceRequest" ("id", "publicCode", "typeId", "typeVersion", "status", "priority", "source", "description", "answers", "departmentId", "dueAt", "createdAt", "updatedAt") VALUES ${rows.slice(i, i + 250).join(', ')}`,
      );
    }
    const yes = server.database.url.startsWith('file:') ? 1 : true;
    const no = server.database.url.startsWith('file:') ? 0 : false;
    const note = (id: string, request: string, isPublic: unknown, text: string, minute: number) =>
      sql(server.database.url, 'INSERT INTO "RequestEvent" ("id", "requestId", "kind", "public", "note", "createdAt") VALUES ($1, $2, $3, $4, $5, $6)', [id, request, 'note', isPublic, text, at(minute)]);
    await note('bulk-a', 'bulk1000', yes, 'Older public note', 1001);
    await note('bulk-b', 'bulk1000', yes, 'Newest public note', 1002);
    await note('bulk-c', 'bulk1000', no, 'INTERNAL: newer still', 1003);
    await note('bulk-d', 'bulk999', yes, 'Crew scheduled', 1000);

    const query = 'service_code=pothole&start_date=2021-03-01T00:00:00Z&end_date=2021-03-31T00:00:00Z';
    const list = await getJson(`requests.json?${query}`);
    expect(list.res.status).toBe(200);
    expect(list.data).toHaveLength(1000);
    expect(list.data.slice(0, 3).map((r: { service_request_id: string; status_notes: string }) => [r.service_request_id, r.status_notes])).toEqual([
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
