import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { legacyCsv } from '../support/legacy-csv';
import { openSocket, subscribe } from '../support/sockets';
import { withTestServer } from '../support/test-server';
import { sqlOf } from '../support/sql';

/**
 * The legacy import through the real admin routes, the real socket server and the real CLI:
 * who may use it, the mapping step, the dry run, bad rows reported and stored nowhere, unknown
 * types mapped or rejected, original timestamps and sources kept, re-import adding nothing, a run
 * interrupted by a restart resumed, and 10,000 generated rows (the time is printed, not asserted).
 */
const server = withTestServer();
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
});

const FIXTURE = readFileSync('tests/fixtures/legacy-requests.csv');
const q = sqlOf(server);
const count = async (statement: string, params: unknown[] = []) => Number((await q(statement, params))[0].n);

/** Posts the upload form as multipart/form-data, like a browser without JavaScript. */
async function upload(client: Client, bytes: Uint8Array, name = 'legacy.csv') {
  await client.get('/admin/imports');
  const body = new FormData();
  body.append('csrf', client.csrf);
  body.append('file', new Blob([Buffer.from(bytes)], { type: 'text/csv' }), name);
  return client.send('/admin/imports', body);
}
async function uploadRun(client: Client, bytes: Uint8Array = FIXTURE) {
  const res = await upload(client, bytes);
  expect(res.status).toBe(303);
  const id = /^\/admin\/imports\/([^/]+)$/.exec(res.headers.get('location') ?? '')?.[1];
  expect(id).toBeTruthy();
  return id!;
}

/** The mapping form as the page shows it (guessed columns), with the given choices for unknown types. */
async function mappingFields(client: Client, id: string, types: Record<string, string>) {
  const html = await client.page(`/admin/imports/${id}`);
  const fields: Record<string, string | string[]> = { dateOrder: 'mdy', typeValue: [], typeTarget: [] };
  for (const select of html.matchAll(/<select[^>]*name="(col\.[a-zA-Z]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected/.exec(select[2]);
    fields[select[1]] = selected ? selected[1].replace(/&amp;/g, '&') : '';
  }
  for (const [value, target] of Object.entries(types)) {
    (fields.typeValue as string[]).push(value);
    (fields.typeTarget as string[]).push(target);
  }
  return fields;
}

async function waitForRun(id: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [run] = await q('SELECT "status", "imported", "alreadyPresent", "rejected", "total" FROM "ImportRun" WHERE "id" = $1', [id]);
    if (run.status === 'completed' || run.status === 'failed') return run;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`import ${id} did not finish`);
}

const open = (client: Client | null) => openSocket(server.url, sockets, client);

const WEED_TO_LOT = { 'Weed Abatement': 'overgrown-lot', 'Rodent Control': '' };

describe('who may import', () => {
  it('admins use the import pages; staff, liaisons and residents get 403, anonymous visitors sign in', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    expect((await admin.get('/admin/imports')).status).toBe(200);
    expect(await admin.page('/admin')).toContain('/admin/imports');
    const id = await uploadRun(admin);
    expect((await admin.get(`/admin/imports/${id}`)).status).toBe(200);
    expect((await admin.get(`/admin/imports/${id}.csv`)).status).toBe(200);
    for (const email of [DEMO.staff, DEMO.liaison, DEMO.resident]) {
      const other = await signedIn(server.url, email);
      expect((await other.get('/admin/imports')).status).toBe(403);
      expect((await other.get(`/admin/imports/${id}`)).status).toBe(403);
      expect((await other.get(`/admin/imports/${id}.csv`)).status).toBe(403);
      expect((await upload(other, FIXTURE)).status).toBe(403);
      expect((await other.post(`/admin/imports/${id}`, { ...(await mappingFields(admin, id, {})), intent: 'import' })).status).toBe(403);
      expect(await other.page('/')).not.toContain('/admin/imports');
    }
    const anonymous = new Client(server.url);
    const res = await anonymous.get('/admin/imports');
    expect([302, 303]).toContain(res.status);
    expect(res.headers.get('location')).toMatch(/^\/signin/);
    expect(await count('SELECT count(*) AS n FROM "ImportRun" WHERE "status" <> $1', ['draft'])).toBe(0);
  });

  it("only admins join an import run's live room", async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    const staff = await signedIn(server.url, DEMO.staff);
    const room = 'import:any-run';
    expect((await subscribe(await open(admin), room)).ok).toBe(true);
    expect(await subscribe(await open(staff), room)).toEqual({ ok: false, error: 'forbidden' });
    expect(await subscribe(await open(null), room)).toEqual({ ok: false, error: 'forbidden' });
  });
});

describe('uploading', () => {
  it('refuses files that are not UTF-8 CSV with a clear message, and keeps no run', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    const before = await count('SELECT count(*) AS n FROM "ImportRun"');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    let res = await upload(admin, png, 'photo.png');
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('This is not a CSV file');
    res = await upload(admin, Buffer.from('Case #,Category,Details\n1,Graffiti,Caf\xe9 wall\n', 'latin1'));
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('not UTF-8');
    res = await upload(admin, Buffer.from('Case #,Category,Details\n'));
    expect(res.status).toBe(400);
    const wide = Array.from({ length: 201 }, (_, i) => `Column ${i}`);
    res = await upload(admin, Buffer.from(`${wide.join(',')}\n${wide.map(() => 'x').join(',')}\n`));
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('more than 200 columns');
    expect(await count('SELECT count(*) AS n FROM "ImportRun"')).toBe(before);
  });

  it('guesses the columns from the headers and lists the unknown type values', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    const id = await uploadRun(admin);
    const fields = await mappingFields(admin, id, {});
    expect(fields).toMatchObject({
      'col.legacyId': 'Case #',
      'col.type': 'Category',
      'col.description': 'Details',
      'col.source': 'Received Via',
      'col.createdAt': 'Date Opened',
      'col.resolvedAt': 'Date Resolved',
      'col.neighborhood': 'District',
      'col.contactEmail': 'Caller Email',
    });
    const page = textOf(admin.lastHtml);
    expect(page).toContain('“Weed Abatement” (3 rows)');
    expect(page).toContain('“Rodent Control” (2 rows)');
  });
});

describe('validating and importing', () => {
  let runId = '';

  it('a dry run reports bad rows (row, field, problem) and stores no request', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    runId = await uploadRun(admin);
    const res = await admin.post(`/admin/imports/${runId}`, { ...(await mappingFields(admin, runId, {})), intent: 'validate' });
    expect(res.status).toBe(303);
    const html = await admin.page(`/admin/imports/${runId}`);
    const page = textOf(html);
    // 40 rows: 8 bad rows, and 5 rows of the two unknown types (not mapped: rejected).
    expect(page).toMatch(/Would be imported 27 Already present 0 Rejected 13/);
    expect(page).toContain('No request type has this code or name, and it was not mapped to one.');
    expect(page).toContain('This legacy id already appears in row 4; only that row is imported.');
    expect(page).toContain('Must be a number from -90 to 90.');
    expect(await count(`SELECT count(*) AS n FROM "ServiceRequest" WHERE "legacyId" IS NOT NULL`)).toBe(0);
    // The report as CSV, in the reader's language.
    const bytes = new Uint8Array(await (await admin.get(`/admin/imports/${runId}.csv`)).arrayBuffer());
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so spreadsheets read UTF-8
    const csv = new TextDecoder().decode(bytes);
    expect(csv.split('\n')[0]).toBe('Row,Field,Problem,Value in the file');
    expect(csv).toContain('32,Created,Not a date we can read');
    expect(csv).toContain('39,Source,"Not a source we know');
    // Contact details stay out of the report, even when they are the problem.
    expect(csv).toContain('38,Contact e-mail,');
    expect(csv).not.toContain('sam.lee');
  });

  it('a localized report in Spanish', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    expect((await admin.post('/language', { locale: 'es', redirectTo: `/admin/imports/${runId}` })).status).toBe(303);
    try {
      const page = textOf(await admin.page(`/admin/imports/${runId}`));
      expect(page).toContain('Este identificador anterior ya aparece en la fila 4');
      const csv = await (await admin.get(`/admin/imports/${runId}.csv`)).text();
      expect(csv.split('\n')[0]).toBe('Fila,Campo,Problema,Valor en el archivo');
      expect(csv).toContain('32,Creada,No es una fecha que podamos leer');
    } finally {
      // The demo admin's language is the account's: give it back for the next tests.
      expect((await admin.post('/language', { locale: 'en', redirectTo: '/' })).status).toBe(303);
    }
  });

  it('imports valid rows with their original dates, source and timeline; bad rows store nothing; no mail; progress live', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    const staff = await signedIn(server.url, DEMO.staff);
    const mailsBefore = await count('SELECT count(*) AS n FROM "MailMessage"');
    const notificationsBefore = await count('SELECT count(*) AS n FROM "Notification"');
    const adminSocket = await open(admin);
    expect((await subscribe(adminSocket, `import:${runId}`)).ok).toBe(true);
    const lot = (await q(`SELECT "departmentId" FROM "RequestType" WHERE "code" = 'overgrown-lot'`))[0].departmentId as string;
    const staffSocket = await open(staff);
    expect((await subscribe(staffSocket, `department:${lot}`)).ok).toBe(true);
    const progress: { percent: number; status: string }[] = [];
    adminSocket.on('event', (e: { room: string; type: string; payload: { percent: number; status: string } }) => {
      if (e.room === `import:${runId}` && e.type === 'import.progress') progress.push(e.payload);
    });
    const queueRefresh = new Promise((resolve) =>
      staffSocket.on('event', (e: { type: string }) => e.type === 'requests.imported' && resolve(e)),
    );

    const res = await admin.post(`/admin/imports/${runId}`, { ...(await mappingFields(admin, runId, WEED_TO_LOT)), intent: 'import' });
    expect(res.status).toBe(303);
    const run = await waitForRun(runId);
    expect(run).toMatchObject({ status: 'completed', total: 40, imported: 30, alreadyPresent: 0, rejected: 10 });
    await queueRefresh;
    await expect.poll(() => progress.at(-1)).toMatchObject({ percent: 100, status: 'completed' });

    // Original timestamps: no offset → the city's zone (America/Los_Angeles, PST in January).
    const [first] = await q(`SELECT * FROM "ServiceRequest" WHERE "legacyId" = 'AV-2019-0001'`);
    // SQLite keeps ISO text with an offset; pg gives a Date.
    const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();
    expect(iso(first.createdAt)).toBe('2019-01-07T16:12:00.000Z');
    expect(iso(first.closedAt)).toBe('2019-01-10T17:00:00.000Z');
    expect(first).toMatchObject({
      status: 'closed',
      source: 'phone',
      priority: 'high',
      importRunId: runId,
      requesterId: null,
      trackingTokenHash: null,
    });
    expect(String(first.publicCode)).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{8}$/);
    const [contact] = await q(`SELECT * FROM "RequesterContact" WHERE "requestId" = $1`, [first.id]);
    expect(contact).toMatchObject({ name: 'Maria Lopez', email: 'maria.lopez@example.org' });
    const events = await q(
      `SELECT "kind", "fromStatus", "toStatus", "imported", "public" FROM "RequestEvent" WHERE "requestId" = $1 ORDER BY "createdAt"`,
      [first.id],
    );
    expect(events.map((e) => [e.kind, e.fromStatus, e.toStatus, Boolean(e.imported)])).toEqual([
      ['created', null, 'new', true],
      ['status', 'new', 'acknowledged', true],
      ['status', 'acknowledged', 'resolved', true],
      ['status', 'resolved', 'closed', true],
    ]);
    // An offset in the file wins over the city's zone; slash dates read month first; sources in Spanish.
    const [offset] = await q(`SELECT "createdAt" FROM "ServiceRequest" WHERE "legacyId" = 'AV-2019-0004'`);
    expect(iso(offset.createdAt)).toBe('2019-02-12T03:30:00.000Z');
    const [slash] = await q(`SELECT "createdAt" FROM "ServiceRequest" WHERE "legacyId" = 'AV-2019-0005'`);
    expect(iso(slash.createdAt)).toBe('2019-03-04T15:45:00.000Z');
    const [spanish] = await q(`SELECT "source", "status" FROM "ServiceRequest" WHERE "legacyId" = 'AV-2019-0006'`);
    expect(spanish).toMatchObject({ source: 'walk_in', status: 'resolved' });
    // Unknown types: mapped rows imported as the chosen type, rejected ones nowhere.
    expect(
      await count(
        `SELECT count(*) AS n FROM "ServiceRequest" r JOIN "RequestType" t ON t."id" = r."typeId" WHERE t."code" = 'overgrown-lot' AND r."legacyId" IN ('AV-2019-0010','AV-2019-0011','AV-2020-0027')`,
      ),
    ).toBe(3);
    // Bad rows stored nothing at all: no request, contact or timeline entry.
    const rejected = [
      'AV-2019-0012',
      'AV-2020-0026',
      'AV-2020-0031',
      'AV-2020-0032',
      'AV-2020-0034',
      'AV-2020-0035',
      'AV-2020-0036',
      'AV-2020-0037',
      'AV-2020-0038',
    ];
    expect(
      await count(
        `SELECT count(*) AS n FROM "ServiceRequest" WHERE "legacyId" IN (${rejected.map((_, i) => `$${i + 1}`).join(',')})`,
        rejected,
      ),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM "ServiceRequest" WHERE "description" = 'The same case number as row 4, entered twice.'`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM "RequesterContact" c WHERE c."email" LIKE 'sam.lee%'`)).toBe(0);
    // Every imported request has its whole timeline (nothing half-stored).
    expect(
      await count(
        `SELECT count(*) AS n FROM "ServiceRequest" r WHERE r."importRunId" = $1 AND NOT EXISTS (SELECT 1 FROM "RequestEvent" e WHERE e."requestId" = r."id" AND e."kind" = 'created')`,
        [runId],
      ),
    ).toBe(0);
    // No mail, no notifications for history.
    expect(await count('SELECT count(*) AS n FROM "MailMessage"')).toBe(mailsBefore);
    expect(await count('SELECT count(*) AS n FROM "Notification"')).toBe(notificationsBefore);
    // The page shows the summary and the report; staff see the imported requests in the queue.
    const page = textOf(await admin.page(`/admin/imports/${runId}`));
    expect(page).toMatch(/Imported 30 Already present 0 Rejected 10/);
    expect(page).toContain('Rows of this type were set to be rejected.');
    const lotType = (await q(`SELECT "id" FROM "RequestType" WHERE "code" = 'overgrown-lot'`))[0].id as string;
    const [lot19] = await q(`SELECT "publicCode" FROM "ServiceRequest" WHERE "legacyId" = 'AV-2019-0010'`);
    expect(await staff.page(`/staff/requests?status=closed&type=${lotType}`)).toContain(`data-code="${lot19.publicCode}"`);
    expect(
      await count(`SELECT count(*) AS n FROM "AuditLog" WHERE "targetId" = $1 AND "action" IN ('import.start', 'import.complete')`, [
        runId,
      ]),
    ).toBe(2);
  });

  it('importing the same file again adds nothing', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    const before = await count('SELECT count(*) AS n FROM "ServiceRequest"');
    const eventsBefore = await count('SELECT count(*) AS n FROM "RequestEvent"');
    const again = await uploadRun(admin);
    expect(
      (await admin.post(`/admin/imports/${again}`, { ...(await mappingFields(admin, again, WEED_TO_LOT)), intent: 'import' })).status,
    ).toBe(303);
    expect(await waitForRun(again)).toMatchObject({ status: 'completed', imported: 0, alreadyPresent: 30, rejected: 10 });
    expect(await count('SELECT count(*) AS n FROM "ServiceRequest"')).toBe(before);
    expect(await count('SELECT count(*) AS n FROM "RequestEvent"')).toBe(eventsBefore);
    // A completed run cannot be started again.
    const res = await admin.post(`/admin/imports/${again}`, { ...(await mappingFields(admin, again, {})), intent: 'import' });
    expect(res.status).toBe(409);
  });

  it('a mapping without the required columns is refused with the input kept', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    const id = await uploadRun(admin);
    const fields = await mappingFields(admin, id, {});
    const res = await admin.post(`/admin/imports/${id}`, { ...fields, 'col.createdAt': '', intent: 'import' });
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain(
      'Choose the columns for the legacy id, the request type, the description and the creation date.',
    );
    expect((await admin.post(`/admin/imports/${id}`, { ...fields, dateOrder: 'ymd', intent: 'validate' })).status).toBe(400);
    expect((await q('SELECT "status" FROM "ImportRun" WHERE "id" = $1', [id]))[0].status).toBe('draft');
  });
});

describe('interrupted runs and volume', () => {
  it('a run left running by a stopped process is marked failed at start-up and resumes without doubles', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    const id = await uploadRun(admin, Buffer.from(legacyCsv(1200, 'RST')));
    expect((await admin.post(`/admin/imports/${id}`, { ...(await mappingFields(admin, id, {})), intent: 'validate' })).status).toBe(303);
    // As if a process had started it, written nothing and died a while ago.
    await q(
      `UPDATE "ImportRun" SET "status" = 'running', "processed" = 0, "imported" = 0, "alreadyPresent" = 0, "updatedAt" = $1 WHERE "id" = $2`,
      [
        server.database.engine === 'sqlite'
          ? new Date(Date.now() - 600_000).toISOString().replace('Z', '+00:00')
          : new Date(Date.now() - 600_000),
        id,
      ],
    );
    await server.restart();
    // fetch may still hold keep-alive sockets the old server closed: a try can fail on one.
    let fresh: Client | undefined;
    for (let i = 0; i < 10 && !fresh; i++) fresh = await signedIn(server.url, DEMO.admin).catch(() => undefined);
    if (!fresh) throw new Error('the restarted server does not answer');
    const page = textOf(await fresh.page(`/admin/imports/${id}`));
    expect(page).toContain('The import was interrupted (the server restarted).');
    expect((await q('SELECT "status" FROM "ImportRun" WHERE "id" = $1', [id]))[0].status).toBe('failed');
    expect((await fresh.post(`/admin/imports/${id}`, { intent: 'resume' })).status).toBe(303);
    expect(await waitForRun(id)).toMatchObject({ status: 'completed', imported: 1200, rejected: 0 });
    expect(await count(`SELECT count(*) AS n FROM "ServiceRequest" WHERE "legacyId" LIKE 'RST-%'`)).toBe(1200);
  }, 120_000);

  it('imports 10,000 generated rows (time printed, never asserted)', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    const id = await uploadRun(admin, Buffer.from(legacyCsv(10_000, 'BIG')));
    const started = performance.now();
    expect((await admin.post(`/admin/imports/${id}`, { ...(await mappingFields(admin, id, {})), intent: 'import' })).status).toBe(303);
    expect(await waitForRun(id, 300_000)).toMatchObject({ status: 'completed', imported: 10_000, rejected: 0 });
    console.log(`legacy import: 10,000 rows in ${((performance.now() - started) / 1000).toFixed(1)} s (${server.database.engine})`);
    expect(await count(`SELECT count(*) AS n FROM "ServiceRequest" WHERE "legacyId" LIKE 'BIG-%'`)).toBe(10_000);
  }, 320_000);
});

describe('the command line', () => {
  const cli = (args: string[]) =>
    spawnSync('npx', ['tsx', 'scripts/import-requests.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: server.database.url, LOG_LEVEL: 'silent', NODE_ENV: 'test' },
      timeout: 120_000,
    });

  it('imports the fixture with the same checks (the web imports above make it all already present), and refuses a bad file', async () => {
    const dry = cli(['tests/fixtures/legacy-requests.csv', '--dry-run', '--types', 'Weed Abatement=overgrown-lot,Rodent Control=']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('32\tCreated\tNot a date we can read');
    expect(dry.stdout).toMatch(/Would be imported: 0\nAlready present: 30\nRejected: 10/);
    const run = cli(['tests/fixtures/legacy-requests.csv', '--types', 'Weed Abatement=overgrown-lot', '--lang', 'es']);
    expect(run.status, run.stderr).toBe(0);
    // Rodent Control not mapped this time: its rows are rejected as unknown.
    expect(run.stdout).toContain('Ningún tipo de solicitud tiene este código o nombre');
    expect(run.stdout).toMatch(/Importadas: 0\nYa existentes: 30\nRechazadas: 10/);
    const bad = cli(['package-lock.json']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('not a CSV file');
    expect(cli([]).status).toBe(2);
  }, 180_000);

  it('imports new rows from the command line, marked as imported from the CLI', async () => {
    const file = `tests/.tmp/cli-${Date.now()}.csv`;
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(file, legacyCsv(25, 'CLI'));
    try {
      const run = cli([file]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Imported: 25\nAlready present: 0\nRejected: 0/);
      expect(await count(`SELECT count(*) AS n FROM "ServiceRequest" WHERE "legacyId" LIKE 'CLI-%'`)).toBe(25);
      expect(await count(`SELECT count(*) AS n FROM "ImportRun" WHERE "via" = 'cli' AND "status" = 'completed'`)).toBeGreaterThan(0);
    } finally {
      rmSync(file, { force: true });
    }
  }, 120_000);
});

describe('hostile cells and what a finished run keeps (issue 10, item 15)', () => {
  /** Five good rows, then rows whose cells are names of Object.prototype's properties. */
  function hostileCsv(prefix: string) {
    const good = legacyCsv(5, prefix).trimEnd().split('\r\n');
    const row = (id: string, type: string, status: string, source: string, district: string) =>
      [`${prefix}-${id}`, type, 'A case', status, source, '2021-03-04 14:30', '', '', '', '1 Main Street', district, '', ''].join(',');
    return (
      [
        ...good,
        row('P1', 'Pothole', 'constructor', 'Phone', 'Riverside'),
        row('P2', 'Pothole', 'Open', '__proto__', 'Riverside'),
        row('P3', 'Pothole', 'toString', 'hasOwnProperty', 'valueOf'),
        row('P4', 'constructor', 'Open', 'Phone', 'Riverside'),
        row('P5', '__proto__', 'Open', 'Phone', '__proto__'),
      ].join('\r\n') + '\r\n'
    );
  }

  it('a cell named like a property of Object.prototype is a reported problem, never an aborted import', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    const id = await uploadRun(admin, Buffer.from(hostileCsv('PROTO')));
    // The unknown type values are listed (and mapped: "constructor" → rejected) like any other.
    const fields = await mappingFields(admin, id, { constructor: '', ['__proto__']: 'pothole' });
    expect(await admin.page(`/admin/imports/${id}`)).toContain('constructor');
    expect((await admin.post(`/admin/imports/${id}`, { ...fields, intent: 'validate' })).status).toBe(303);
    expect((await admin.post(`/admin/imports/${id}`, { ...fields, intent: 'import' })).status).toBe(303);
    expect(await waitForRun(id)).toMatchObject({ status: 'completed', imported: 5, rejected: 5, total: 10 });
    const report = textOf(await admin.page(`/admin/imports/${id}`));
    expect(report).toContain('constructor');
    expect(report).toContain('__proto__');
    expect(await count(`SELECT count(*) AS n FROM "ServiceRequest" WHERE "legacyId" LIKE 'PROTO-P%'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM "ServiceRequest" WHERE "legacyId" LIKE 'PROTO-0%'`)).toBe(5);
  });

  it('a completed run no longer keeps the file; an unfinished one keeps it to resume', async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    const id = await uploadRun(admin, Buffer.from(legacyCsv(30, 'KEEP')));
    const fields = await mappingFields(admin, id, {});
    expect((await admin.post(`/admin/imports/${id}`, { ...fields, intent: 'validate' })).status).toBe(303);
    const [validated] = await q('SELECT "status", "fileText" FROM "ImportRun" WHERE "id" = $1', [id]);
    expect(validated.status).toBe('validated');
    expect(String(validated.fileText)).toContain('KEEP-000030');
    expect((await admin.post(`/admin/imports/${id}`, { ...fields, intent: 'import' })).status).toBe(303);
    expect(await waitForRun(id)).toMatchObject({ status: 'completed', imported: 30 });
    const [done] = await q('SELECT "fileText", "headers", "report" FROM "ImportRun" WHERE "id" = $1', [id]);
    expect(done.fileText).toBe('');
    // The page, its report and the CSV report still work without it.
    expect(textOf(await admin.page(`/admin/imports/${id}`))).toMatch(/Imported 30 Already present 0 Rejected 0/);
    expect((await admin.get(`/admin/imports/${id}.csv`)).status).toBe(200);
    // Posting to a finished run is refused as before.
    expect((await admin.post(`/admin/imports/${id}`, { ...fields, intent: 'import' })).status).toBe(409);
  });

  it("the command line takes the same hostile cells and type names, and clears the finished run's file", async () => {
    const { writeFileSync, rmSync } = await import('node:fs');
    const file = `tests/.tmp/cli-proto-${Date.now()}.csv`;
    writeFileSync(file, hostileCsv('CLIPROTO'));
    try {
      const run = spawnSync('npx', ['tsx', 'scripts/import-requests.ts', file, '--types', 'constructor=,__proto__=pothole'], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: server.database.url, LOG_LEVEL: 'silent', NODE_ENV: 'test' },
        timeout: 120_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Imported: 5\nAlready present: 0\nRejected: 5/);
      // "__proto__" was mapped to potholes by name (an own key, not the prototype), but its row
      // names an unknown neighborhood: rejected for that, not for its type.
      expect(run.stdout).not.toMatch(/CLIPROTO-P5.*No request type/);
      const [last] = await q(`SELECT "fileText" FROM "ImportRun" WHERE "via" = 'cli' ORDER BY "createdAt" DESC LIMIT 1`);
      expect(last.fileText).toBe('');
    } finally {
      rmSync(file, { force: true });
    }
  }, 120_000);
});

describe('migration 0018', () => {
  it("empties the file of runs completed before, and keeps unfinished runs' files", async () => {
    const admin = await signedIn(server.url, DEMO.admin);
    const draft = await uploadRun(admin, Buffer.from(legacyCsv(3, 'MIGDRAFT')));
    const [completed] = await q(`SELECT "id" FROM "ImportRun" WHERE "status" = 'completed' LIMIT 1`);
    // As a run completed before the change left it.
    await q('UPDATE "ImportRun" SET "fileText" = $1 WHERE "id" = $2', ['Case #,Category\r\nOLD-1,Pothole\r\n', completed.id]);
    const engine = server.database.url.startsWith('postgres') ? 'postgres' : 'sqlite';
    await q(readFileSync(`prisma/migrations/${engine}/0018_clear_finished_import_files.sql`, 'utf8'));
    expect((await q('SELECT "fileText" FROM "ImportRun" WHERE "id" = $1', [completed.id]))[0].fileText).toBe('');
    expect(String((await q('SELECT "fileText" FROM "ImportRun" WHERE "id" = $1', [draft]))[0].fileText)).toContain('MIGDRAFT-000003');
  });
});
