import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, rowWith, signedIn, textOf } from '../support/client';
import { withTestServer } from '../support/test-server';
import { sql } from '../support/sql';

/** The service-request catalog under /admin/request-types, through the real routes. */
const server = withTestServer();
let admin: Client;
beforeAll(async () => {
  admin = await signedIn(server.url, DEMO.admin);
});

const LIST = '/admin/request-types';

/** The id in the edit link of the list row that shows this code. */
async function idOf(code: string) {
  const row = rowWith(await admin.page(`${LIST}?status=all`), `<code>${code}</code>`);
  const id = row && /href="\/admin\/request-types\/([^"/]+)"/.exec(row)?.[1];
  if (!id) throw new Error(`no row for ${code}`);
  return id;
}

/** The codes listed, top to bottom. */
function codesIn(html: string) {
  const body = html.slice(html.indexOf('<tbody>'));
  return [...body.matchAll(/<td><code>([a-z0-9-]+)<\/code><\/td>/g)].map((m) => m[1]);
}

async function departmentId(slugName: string) {
  const html = await admin.page(`${LIST}/new`);
  const id = new RegExp(`<option value="([^"]+)">${slugName}</option>`).exec(html)?.[1];
  if (!id) throw new Error(`no department ${slugName}`);
  return id;
}

async function versionRows(typeId: string) {
  const rows = await sql(
    server.database.url,
    'SELECT "version", "fields", "createdAt" FROM "RequestTypeVersion" WHERE "typeId" = $1 ORDER BY "version"',
    [typeId],
  );
  return rows.map((r) => ({
    version: Number(r.version),
    fields: typeof r.fields === 'string' ? JSON.parse(r.fields) : r.fields,
    createdAt: String(r.createdAt),
  }));
}

const benches = (departmentId: string) => ({
  code: 'broken-bench',
  'name.en': 'Broken bench',
  'name.es': 'Banca rota',
  'description.en': 'A bench in a park or at a bus stop that is broken.',
  'description.es': 'Una banca rota en un parque o en una parada de autobús.',
  'resolution.en': 'Resolved when the bench is repaired or removed.',
  'resolution.es': 'Resuelta cuando la banca se ha reparado o retirado.',
  group: 'parks',
  departmentId,
  defaultPriority: 'low',
  targetHours: '168',
  locationRequired: 'on',
  publicVisibility: 'summary',
});

const surface = {
  intent: 'add',
  key: 'material',
  kind: 'singleChoice',
  required: 'on',
  'label.en': 'What is the bench made of?',
  'label.es': '¿De qué es la banca?',
  'options[0].value': 'wood',
  'options[0].label.en': 'Wood',
  'options[0].label.es': 'Madera',
  'options[1].value': 'metal',
  'options[1].label.en': 'Metal',
  'options[1].label.es': 'Metal',
  'options[2].value': '',
  'options[2].label.en': '',
  'options[2].label.es': '',
};

describe('the catalog list', () => {
  it('is linked from the admin index and lists the seeded types with their departments', async () => {
    expect(textOf(await admin.page('/admin'))).toContain('Request types');
    const html = await admin.page(LIST);
    const codes = codesIn(html);
    expect(codes.length).toBeGreaterThanOrEqual(20);
    for (const code of ['graffiti', 'pothole', 'street-light-out', 'abandoned-vehicle', 'noise', 'vendor-inspection', 'other'])
      expect(codes).toContain(code);
    const row = textOf(rowWith(html, '<code>illegal-dumping</code>')!);
    expect(row).toContain('Illegal dumping');
    expect(row).toContain('Sanitation');
    expect(row).toContain('48 hours');
    expect(row).toContain('Active');
  });

  it('filters by department and status, and searches code and names in both languages, accents ignored', async () => {
    const sanitation = await departmentId('Sanitation');
    expect(codesIn(await admin.page(`${LIST}?department=${sanitation}`)).sort()).toEqual([
      'holiday-tree-pickup',
      'illegal-dumping',
      'missed-trash-pickup',
    ]);
    expect(codesIn(await admin.page(`${LIST}?department=${sanitation}&status=active`)).sort()).toEqual([
      'illegal-dumping',
      'missed-trash-pickup',
    ]);
    expect(codesIn(await admin.page(`${LIST}?status=inactive`))).toEqual(['holiday-tree-pickup']);
    expect(codesIn(await admin.page(`${LIST}?q=vehiculo`))).toEqual(['abandoned-vehicle']);
    expect(codesIn(await admin.page(`${LIST}?q=Farola`))).toEqual(['street-light-out']);
    expect(codesIn(await admin.page(`${LIST}?q=light-out`))).toEqual(['street-light-out']);
    expect(textOf(await admin.page(`${LIST}?q=zzzz`))).toContain('No request types match these filters.');
    const bad = await admin.get(`${LIST}?status=bogus`);
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain('Choose one of the options.');
  });

  it('is shown in Spanish to a Spanish reader', async () => {
    const visitor = await signedIn(server.url, DEMO.admin);
    await visitor.post('/language', { locale: 'es', redirectTo: LIST });
    const text = textOf(await visitor.page(LIST));
    expect(text).toContain('Tipos de solicitud');
    expect(text).toContain('Vertido ilegal de basura');
    expect(text).toContain('Saneamiento');
    await visitor.post('/language', { locale: 'en', redirectTo: LIST });
  });
});

describe('creating and editing a type', () => {
  it('creates a type (version 1, no fields), shown in the list and recorded in the audit log', async () => {
    const parks = await departmentId('Parks and Recreation');
    await admin.page(`${LIST}/new`);
    const res = await admin.post(`${LIST}/new`, benches(parks));
    expect(res.status).toBe(303);
    const fields = textOf(await admin.page(res.headers.get('location')!));
    expect(res.headers.get('location')).toBe(`${LIST}/${await idOf('broken-bench')}/fields`);
    expect(fields).toContain('The request type was added. Now add its form fields.');
    expect(fields).toContain('Current fields (version 1)');
    expect(fields).toContain('This type has no form fields yet.');
    const row = textOf(rowWith(await admin.page(LIST), '<code>broken-bench</code>')!);
    expect(row).toContain('Broken bench');
    expect(row).toContain('Parks and Recreation');
    expect(row).toContain('168 hours');
    expect(textOf(await admin.page('/admin/audit?action=request-type.'))).toContain('request-type.create');
  });

  it('refuses a taken or malformed code and missing text with localized errors, keeping the input (400)', async () => {
    const parks = await departmentId('Parks and Recreation');
    await admin.page(`${LIST}/new`);
    const taken = await admin.post(`${LIST}/new`, { ...benches(parks), code: 'Graffiti' });
    expect(taken.status).toBe(400);
    const takenHtml = await taken.text();
    expect(textOf(takenHtml)).toContain('Another request type already uses this code.');
    expect(takenHtml).toContain('value="Broken bench"');

    const bad = await admin.post(`${LIST}/new`, {
      ...benches(parks),
      code: 'not a code!',
      'name.es': '',
      targetHours: 'soon',
      departmentId: 'no-such-department',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    const text = textOf(html);
    expect(text).toContain('Use lower-case letters, digits and single hyphens, starting with a letter');
    expect(text).toContain('This field is required.');
    expect(text).toContain('This value is not valid.');
    expect(html).toContain('value="not a code!"');
    expect(html).toContain('value="soon"');
    expect(html).toContain('A bench in a park or at a bus stop that is broken.');
    expect(html).toMatch(/aria-invalid="true"/);

    const unknownDepartment = await admin.post(`${LIST}/new`, { ...benches(parks), code: 'bench-two', departmentId: 'no-such-department' });
    expect(unknownDepartment.status).toBe(400);
    expect(textOf(await unknownDepartment.text())).toContain('Choose one of the options.');
    // Nothing was stored.
    expect(codesIn(await admin.page(`${LIST}?q=bench`))).toEqual(['broken-bench']);
  });

  it('edits the settings (code fixed), and keeps the input on errors', async () => {
    const id = await idOf('broken-bench');
    const parks = await departmentId('Parks and Recreation');
    const page = await admin.page(`${LIST}/${id}`);
    expect(page).toContain('value="Broken bench"');
    expect(page).toContain('<code>broken-bench</code>');
    const bad = await admin.post(`${LIST}/${id}`, { ...benches(parks), intent: 'save', targetHours: '0', 'name.en': 'Kept name' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(textOf(badHtml)).toContain('Enter 1 or more.');
    expect(badHtml).toContain('value="Kept name"');

    const saved = await admin.post(`${LIST}/${id}`, {
      ...benches(parks),
      intent: 'save',
      code: 'renamed-code',
      'name.en': 'Broken park bench',
      targetHours: '120',
      photosAllowed: 'on',
    });
    expect(saved.status).toBe(303);
    const row = textOf(rowWith(await admin.page(LIST), '<code>broken-bench</code>')!);
    expect(row).toContain('Broken park bench');
    expect(row).toContain('120 hours');
    expect(await admin.page(`${LIST}/${id}`)).toMatch(/name="photosAllowed"[^>]*checked/);
  });

  it('deactivates and activates a type, recorded in the audit log', async () => {
    const id = await idOf('broken-bench');
    await admin.page(`${LIST}/${id}`);
    expect((await admin.post(`${LIST}/${id}`, { intent: 'deactivate' })).status).toBe(303);
    expect(textOf(await admin.page(`${LIST}/${id}`))).toContain('The request type was deactivated');
    expect(codesIn(await admin.page(`${LIST}?status=inactive`))).toContain('broken-bench');
    expect((await admin.post(`${LIST}/${id}`, { intent: 'activate' })).status).toBe(303);
    expect(codesIn(await admin.page(`${LIST}?status=active`))).toContain('broken-bench');
    const audit = textOf(await admin.page('/admin/audit?action=request-type.'));
    expect(audit).toContain('request-type.deactivate');
    expect(audit).toContain('request-type.activate');
    expect(audit).toContain('request-type.update');
    expect((await admin.post(`${LIST}/${id}`, { intent: 'bogus' })).status).toBe(400);
  });

  it('answers 404 for an unknown type or field', async () => {
    expect((await admin.get(`${LIST}/no-such-id`)).status).toBe(404);
    expect((await admin.get(`${LIST}/no-such-id/fields`)).status).toBe(404);
    const id = await idOf('graffiti');
    expect((await admin.get(`${LIST}/${id}/fields/no-such-field`)).status).toBe(404);
    expect((await admin.get(`${LIST}/${id}/fields?version=99`)).status).toBe(404);
    expect((await admin.get(`${LIST}/${id}/fields?version=abc`)).status).toBe(400);
    await admin.page(LIST);
    expect((await admin.post(`${LIST}/no-such-id`, { intent: 'deactivate' })).status).toBe(404);
  });

  it('keeps a department that has request types', async () => {
    const sanitation = await departmentId('Sanitation');
    await admin.page(`/admin/departments/${sanitation}`);
    const res = await admin.post(`/admin/departments/${sanitation}`, { intent: 'delete' });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('This department cannot be deleted: 3 request types belong to it.');
  });
});

describe('versioned fields', () => {
  it('adds fields, each change making a new version', async () => {
    const id = await idOf('broken-bench');
    await admin.page(`${LIST}/${id}/fields`);
    const added = await admin.post(`${LIST}/${id}/fields`, { ...surface, version: '1' });
    expect(added.status).toBe(303);
    const page = textOf(await admin.page(`${LIST}/${id}/fields`));
    expect(page).toContain('The field was added (version 2).');
    expect(page).toContain('What is the bench made of?');
    expect(page).toContain('Wood, Metal');

    const yesNo = await admin.post(`${LIST}/${id}/fields`, {
      intent: 'add',
      version: '2',
      key: 'blocking',
      kind: 'yesNo',
      'label.en': 'Does it block the path?',
      'label.es': '¿Bloquea el paso?',
    });
    expect(yesNo.status).toBe(303);
    const versions = await versionRows(id);
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(versions[0].fields).toEqual([]);
    expect(versions[2].fields.map((f: { key: string; order: number }) => [f.key, f.order])).toEqual([
      ['material', 1],
      ['blocking', 2],
    ]);
    expect(versions[2].fields[0]).toEqual({
      key: 'material',
      kind: 'singleChoice',
      required: true,
      label: { en: 'What is the bench made of?', es: '¿De qué es la banca?' },
      options: [
        { value: 'wood', label: { en: 'Wood', es: 'Madera' } },
        { value: 'metal', label: { en: 'Metal', es: 'Metal' } },
      ],
      order: 1,
    });
  });

  it('refuses bad fields with localized errors, keeping the input (400), and writes no version', async () => {
    const id = await idOf('broken-bench');
    await admin.page(`${LIST}/${id}/fields`);
    const oneOption = await admin.post(`${LIST}/${id}/fields`, {
      ...surface,
      version: '3',
      key: 'colour',
      'options[1].value': '',
      'options[1].label.en': '',
      'options[1].label.es': '',
    });
    expect(oneOption.status).toBe(400);
    const html = await oneOption.text();
    expect(textOf(html)).toContain('Give at least two options for a choice field.');
    expect(html).toContain('value="colour"');
    expect(html).toContain('value="Madera"');

    const incomplete = await admin.post(`${LIST}/${id}/fields`, {
      ...surface,
      version: '3',
      key: 'colour',
      'options[1].label.es': '',
      'label.es': '',
    });
    expect(incomplete.status).toBe(400);
    const incompleteHtml = await incomplete.text();
    expect(textOf(incompleteHtml)).toContain('This field is required.');
    expect(incompleteHtml.match(/aria-invalid="true"/g)?.length).toBe(2);

    const taken = await admin.post(`${LIST}/${id}/fields`, { ...surface, version: '3' });
    expect(taken.status).toBe(400);
    expect(textOf(await taken.text())).toContain('Another field of this type already uses this key.');

    const badKey = await admin.post(`${LIST}/${id}/fields`, { ...surface, version: '3', key: 'Bad Key', kind: 'sometimes' });
    expect(badKey.status).toBe(400);
    const badKeyText = textOf(await badKey.text());
    expect(badKeyText).toContain('starting with a letter (e.g. surface-type)');
    expect(badKeyText).toContain('Choose one of the options.');

    expect((await versionRows(id)).length).toBe(3);
  });

  it('editing a field makes a new version and leaves the old version row as it was', async () => {
    const id = await idOf('broken-bench');
    const before = await versionRows(id);
    const edit = await admin.page(`${LIST}/${id}/fields/material`);
    expect(edit).toContain('value="Madera"');
    const res = await admin.post(`${LIST}/${id}/fields/material`, {
      ...surface,
      intent: 'save',
      version: '3',
      key: 'changed-key-ignored',
      'label.en': 'Material of the bench',
      'options[2].value': 'concrete',
      'options[2].label.en': 'Concrete',
      'options[2].label.es': 'Concreto',
    });
    expect(res.status).toBe(303);
    const after = await versionRows(id);
    expect(after.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    // Versions 1-3 are untouched, byte for byte.
    expect(after.slice(0, 3)).toEqual(before);
    expect(after[3].fields[0].key).toBe('material');
    expect(after[3].fields[0].label.en).toBe('Material of the bench');
    expect(after[3].fields[0].options.map((o: { value: string }) => o.value)).toEqual(['wood', 'metal', 'concrete']);

    // The old version is still shown as it was, read only.
    const old = textOf(await admin.page(`${LIST}/${id}/fields?version=3`));
    expect(old).toContain('Version 3 (earlier, read only)');
    expect(old).toContain('What is the bench made of?');
    expect(old).not.toContain('Concrete');
    const current = textOf(await admin.page(`${LIST}/${id}/fields`));
    expect(current).toContain('Current fields (version 4)');
    expect(current).toContain('Wood, Metal, Concrete');

    // Saving without a change makes no version.
    await admin.page(`${LIST}/${id}/fields/material`);
    const same = await admin.post(`${LIST}/${id}/fields/material`, {
      ...surface,
      intent: 'save',
      version: '4',
      'label.en': 'Material of the bench',
      'options[2].value': 'concrete',
      'options[2].label.en': 'Concrete',
      'options[2].label.es': 'Concreto',
    });
    expect(same.status).toBe(303);
    expect(textOf(await admin.page(`${LIST}/${id}/fields`))).toContain('Nothing changed, so no new version was made.');
    expect((await versionRows(id)).length).toBe(4);
  });

  it('reorders and removes fields with plain forms, each a new version', async () => {
    const id = await idOf('broken-bench');
    await admin.page(`${LIST}/${id}/fields`);
    expect((await admin.post(`${LIST}/${id}/fields`, { intent: 'down', key: 'material', version: '4' })).status).toBe(303);
    let versions = await versionRows(id);
    expect(versions.at(-1)!.fields.map((f: { key: string }) => f.key)).toEqual(['blocking', 'material']);
    expect(textOf(await admin.page(`${LIST}/${id}/fields`))).toContain('The order was changed (version 5).');

    expect((await admin.post(`${LIST}/${id}/fields`, { intent: 'remove', key: 'blocking', version: '5' })).status).toBe(303);
    versions = await versionRows(id);
    expect(versions.at(-1)).toMatchObject({ version: 6 });
    expect(versions.at(-1)!.fields.map((f: { key: string; order: number }) => [f.key, f.order])).toEqual([['material', 1]]);
    expect(versions[4].fields.map((f: { key: string }) => f.key)).toEqual(['blocking', 'material']);

    const audit = textOf(await admin.page('/admin/audit?action=request-type.fields'));
    for (const action of [
      'request-type.fields.add',
      'request-type.fields.update',
      'request-type.fields.move',
      'request-type.fields.remove',
    ])
      expect(audit).toContain(action);
  });

  it('refuses a change based on an older version (someone else saved meanwhile)', async () => {
    const id = await idOf('broken-bench');
    await admin.page(`${LIST}/${id}/fields`);
    const stale = await admin.post(`${LIST}/${id}/fields`, { ...surface, key: 'late', version: '5' });
    expect(stale.status).toBe(400);
    const html = await stale.text();
    expect(textOf(html)).toContain('Someone else changed these fields meanwhile.');
    expect(html).toContain('value="late"');
    const staleMove = await admin.post(`${LIST}/${id}/fields`, { intent: 'up', key: 'material', version: '2' });
    expect(staleMove.status).toBe(400);
    expect((await versionRows(id)).length).toBe(6);
  });
});

describe("public visibility (what Open311 and public pages show of a type's requests)", () => {
  const visibilityOf = async (code: string) =>
    String((await sql(server.database.url, 'SELECT "publicVisibility" FROM "RequestType" WHERE "code" = $1', [code]))[0]?.publicVisibility);

  it('seeds sensible defaults: infrastructure in full, property and vehicles as a summary, complaints about neighbors not at all', async () => {
    for (const code of ['pothole', 'street-light-out', 'water-leak', 'park-maintenance']) expect(await visibilityOf(code)).toBe('full');
    for (const code of ['graffiti', 'illegal-dumping', 'abandoned-vehicle', 'stray-animal'])
      expect(await visibilityOf(code)).toBe('summary');
    for (const code of ['noise', 'code-enforcement', 'trash-burning', 'lawn-parking', 'other'])
      expect(await visibilityOf(code)).toBe('none');
  });

  it('is chosen in the editor (summary for a new type), saved and audited with before and after', async () => {
    expect(await admin.page(`${LIST}/new`)).toMatch(/<option value="summary" selected="">/);
    const id = await idOf('broken-bench');
    const parks = await departmentId('Parks and Recreation');
    const page = await admin.page(`${LIST}/${id}`);
    expect(textOf(page)).toContain('What the public sees of these requests');
    expect(page).toMatch(/<option value="summary" selected="">/);
    const saved = await admin.post(`${LIST}/${id}`, {
      ...benches(parks),
      intent: 'save',
      'name.en': 'Broken park bench',
      publicVisibility: 'none',
    });
    expect(saved.status).toBe(303);
    expect(await visibilityOf('broken-bench')).toBe('none');
    expect(await admin.page(`${LIST}/${id}`)).toMatch(/<option value="none" selected="">Not published<\/option>/);
    const [entry] = await sql(
      server.database.url,
      `SELECT "before", "after" FROM "AuditLog" WHERE "action" = 'request-type.update' AND "targetId" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
      [id],
    );
    const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as { publicVisibility: string };
    expect(json(entry.before).publicVisibility).toBe('summary');
    expect(json(entry.after).publicVisibility).toBe('none');
  });

  it('refuses an unknown value (400, localized) and changes nothing', async () => {
    const id = await idOf('broken-bench');
    const parks = await departmentId('Parks and Recreation');
    await admin.page(`${LIST}/${id}`);
    const bad = await admin.post(`${LIST}/${id}`, { ...benches(parks), intent: 'save', publicVisibility: 'everyone' });
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain('Choose one of the options.');
    const missing = await admin.post(`${LIST}/${id}`, { ...benches(parks), intent: 'save', publicVisibility: '' });
    expect(missing.status).toBe(400);
    expect(await visibilityOf('broken-bench')).toBe('none');
  });

  it('is offered in Spanish to a Spanish reader', async () => {
    const id = await idOf('broken-bench');
    const visitor = await signedIn(server.url, DEMO.admin);
    await visitor.post('/language', { locale: 'es', redirectTo: LIST });
    const text = textOf(await visitor.page(`${LIST}/${id}`));
    expect(text).toContain('Qué ve el público de estas solicitudes');
    expect(text).toContain('No se publica');
    expect(text).toContain('Un resumen: tipo, estado y fechas');
    await visitor.post('/language', { locale: 'en', redirectTo: LIST });
  });

  it('cannot be changed by staff, liaisons or residents (403)', async () => {
    const id = await idOf('pothole');
    const parks = await departmentId('Parks and Recreation');
    for (const email of [DEMO.staff, DEMO.liaison, DEMO.resident]) {
      const client = await signedIn(server.url, email);
      await client.get('/');
      expect((await client.post(`${LIST}/${id}`, { ...benches(parks), intent: 'save', publicVisibility: 'none' })).status).toBe(403);
    }
    expect(await visibilityOf('pothole')).toBe('full');
  });
});

describe('who may use the catalog', () => {
  it('refuses staff, liaisons and residents (403) and sends visitors to sign in', async () => {
    const id = await idOf('graffiti');
    for (const email of [DEMO.staff, DEMO.liaison, DEMO.resident]) {
      const client = await signedIn(server.url, email);
      for (const path of [LIST, `${LIST}/new`, `${LIST}/${id}`, `${LIST}/${id}/fields`, `${LIST}/${id}/fields/surface`]) {
        expect((await client.get(path)).status).toBe(403);
      }
      await client.get('/');
      expect((await client.post(`${LIST}/${id}`, { intent: 'deactivate' })).status).toBe(403);
      expect((await client.post(`${LIST}/${id}/fields`, { intent: 'remove', key: 'surface', version: '1' })).status).toBe(403);
      expect(textOf(await client.page('/admin').catch(() => ''))).not.toContain('Request types');
    }
    const anonymous = new Client(server.url);
    const res = await anonymous.get(LIST);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/signin?redirectTo=${encodeURIComponent(LIST)}`);
    // Graffiti is untouched.
    expect(codesIn(await admin.page(`${LIST}?status=active`))).toContain('graffiti');
    expect((await versionRows(id)).length).toBe(1);
  });
});
