import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { grantRole } from '../support/roles';
import { withTestServer } from '../support/test-server';
import { fileRequest, GRAFFITI } from '../support/requests';
import { lookupsOf, sqlOf } from '../support/sql';

/**
 * The staff workspace of a request's page through the real route: one status form whose extra
 * fields belong to the statuses that need them (each in its fieldset, all there without
 * JavaScript), each such status refused without its field (a localized 400, nothing stored),
 * one note form with a public/internal choice, the location's map, and who may use them.
 */
const server = withTestServer();
const q = sqlOf(server);
const { departmentId } = lookupsOf(server);

async function act(client: Client, code: string, fields: Record<string, string>) {
  await client.get(`/requests/${code}`);
  return client.post(`/requests/${code}`, fields);
}
const stateOf = async (code: string) => {
  const [r] = await q('SELECT "id", "status", "resolutionNote", "duplicateOfId" FROM "ServiceRequest" WHERE "publicCode" = $1', [code]);
  const [{ n: events }] = await q('SELECT COUNT(*) AS n FROM "RequestEvent" WHERE "requestId" = $1', [r.id]);
  const [{ n: audits }] = await q('SELECT COUNT(*) AS n FROM "AuditLog" WHERE "targetId" = $1', [r.id]);
  return {
    status: r.status,
    resolutionNote: r.resolutionNote,
    duplicateOfId: r.duplicateOfId,
    events: Number(events),
    audits: Number(audits),
  };
};

let code = ''; // Public Works, with a point on the map
let other = ''; // Public Works, without one
beforeAll(async () => {
  code = await fileRequest(new Client(server.url), 'graffiti', { ...GRAFFITI, latitude: '34.05', longitude: '-118.25' });
  other = await fileRequest(new Client(server.url), 'graffiti', GRAFFITI);
  // The captain becomes a liaison of Parks: staff of another department, who reads Spanish.
  await grantRole(server.url, DEMO.captain, 'liaison', `department:${await departmentId('parks')}`);
});

describe('the workspace page', () => {
  it('has one status form with a fieldset per status that needs a field, one note form with a visibility choice, and the map', async () => {
    const html = await (await signedIn(server.url, DEMO.liaison)).page(`/requests/${code}`);
    expect(html).toContain('class="request-workspace"');
    expect(html.match(/name="intent" value="status"/g)).toHaveLength(1);
    expect(html.match(/name="intent" value="note"/g)).toHaveLength(1);
    expect(html.match(/name="intent" value="assign"/g)).toHaveLength(1);
    // Without JavaScript every needed field is there, each under the status that needs it.
    const fieldsets = [...html.matchAll(/<fieldset[^>]*data-target="([a-z_]+)"[^>]*><legend>([^<]+)<\/legend>[\s\S]*?name="([a-zA-Z]+)"/g)];
    expect(fieldsets.map((m) => [m[1], m[2], m[3]])).toEqual([
      ['resolved', 'Needed to resolve', 'resolution'],
      ['duplicate', 'Needed to mark it as a duplicate', 'duplicateOf'],
      ['declined', 'Needed to decline', 'reason'],
    ]);
    expect(html).not.toMatch(/<fieldset[^>]*data-target[^>]*(hidden|disabled)/);
    // Public or internal, internal ticked unless chosen.
    expect(html.match(/<input type="radio"[^>]*name="notePublic"[^>]*checked=""[^>]*value="false"/g)).toHaveLength(2);
    expect(textOf(html)).toContain('Staff only (internal)');
    // The map of its location (drawn with JavaScript), only for a request with a point.
    expect(html).toMatch(/<section aria-label="Map of the request’s location" class="map"/);
    expect(await (await signedIn(server.url, DEMO.liaison)).page(`/requests/${other}`)).not.toContain('class="map"');
  });

  it('is not shown to the requester or the public', async () => {
    const html = await new Client(server.url).page(`/requests/${code}`);
    expect(html).not.toContain('request-workspace');
    expect(html).not.toContain('name="intent"');
  });
});

describe('status: each target needs its field', () => {
  it('refuses resolved, declined and duplicate without their field with a localized 400, storing nothing', async () => {
    const liaison = await signedIn(server.url, DEMO.liaison);
    const before = await stateOf(code);
    for (const [status, message] of [
      ['resolved', 'Describe the resolution to resolve the request.'],
      ['declined', 'Give the reason for declining.'],
      ['duplicate', 'Enter the code of the original request.'],
    ]) {
      // Another status's field does not stand in for the missing one.
      const res = await act(liaison, code, { intent: 'status', status, resolution: status === 'resolved' ? '' : 'Done.', note: 'Kept' });
      expect(res.status, status).toBe(400);
      const page = await res.text();
      expect(textOf(page)).toContain(message);
      // The user's input is kept.
      expect(page).toContain('>Kept</textarea>');
    }
    // Spanish for a Spanish reader (the Parks liaison, on a Parks request).
    const parks = await fileRequest(new Client(server.url), 'tree-trimming', {
      'a.issues': 'wires',
      description: 'Ramas.',
      address: 'Calle Olmo 30',
    });
    const res = await act(await signedIn(server.url, DEMO.captain), parks, { intent: 'status', status: 'declined' });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toContain('Indique el motivo del rechazo.');
    expect(await stateOf(code)).toEqual(before);
  });

  it('stores each target with its field; a closed request needs nothing more', async () => {
    const liaison = await signedIn(server.url, DEMO.liaison);
    expect(
      (await act(liaison, code, { intent: 'status', status: 'resolved', resolution: 'Painted over.', notePublic: 'false' })).status,
    ).toBe(303);
    expect(await stateOf(code)).toMatchObject({ status: 'resolved', resolutionNote: 'Painted over.' });
    expect((await act(liaison, code, { intent: 'status', status: 'closed' })).status).toBe(303);
    expect((await stateOf(code)).status).toBe('closed');
    expect((await act(liaison, other, { intent: 'status', status: 'duplicate', duplicateOf: code })).status).toBe(303);
    expect((await stateOf(other)).duplicateOfId).toBeTruthy();
    const third = await fileRequest(new Client(server.url), 'graffiti', GRAFFITI);
    expect((await act(liaison, third, { intent: 'status', status: 'declined', reason: 'Private property.' })).status).toBe(303);
    expect((await stateOf(third)).status).toBe('declined');
  });
});

describe('one note form', () => {
  it('adds an internal note with the "staff only" choice and a public one with the public choice', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    const code2 = await fileRequest(new Client(server.url), 'graffiti', GRAFFITI);
    expect((await act(staff, code2, { intent: 'note', note: 'INTERNAL: call the owner', notePublic: 'false' })).status).toBe(303);
    expect((await act(staff, code2, { intent: 'note', note: 'A crew comes Monday.', notePublic: 'on' })).status).toBe(303);
    const [r] = await q('SELECT "id" FROM "ServiceRequest" WHERE "publicCode" = $1', [code2]);
    const notes = await q('SELECT "note", "public" FROM "RequestEvent" WHERE "requestId" = $1 AND "kind" = $2 ORDER BY "createdAt"', [
      r.id,
      'note',
    ]);
    expect(notes.map((n) => [n.note, Boolean(n.public)])).toEqual([
      ['INTERNAL: call the owner', false],
      ['A crew comes Monday.', true],
    ]);
    const publicPage = textOf(await new Client(server.url).page(`/requests/${code2}`));
    expect(publicPage).not.toContain('INTERNAL');
  });
});

describe('who may use the workspace', () => {
  it("allows the department's liaison and staff; refuses a liaison of another department, a resident (403) and anonymous visitors", async () => {
    const code3 = await fileRequest(new Client(server.url), 'graffiti', GRAFFITI);
    const note = { intent: 'note', note: 'Seen.', notePublic: 'false' };
    expect((await act(await signedIn(server.url, DEMO.liaison), code3, note)).status).toBe(303);
    expect((await act(await signedIn(server.url, DEMO.admin), code3, note)).status).toBe(303);
    const parksLiaison = await signedIn(server.url, DEMO.captain);
    await parksLiaison.get('/');
    expect([403, 404]).toContain((await parksLiaison.post(`/requests/${code3}`, note)).status);
    const resident = await signedIn(server.url, DEMO.resident);
    await resident.get('/');
    expect([403, 404]).toContain((await resident.post(`/requests/${code3}`, { intent: 'status', status: 'acknowledged' })).status);
    const anonymous = new Client(server.url);
    await anonymous.get('/');
    expect([302, 303, 403, 404]).toContain((await anonymous.post(`/requests/${code3}`, note)).status);
    expect((await stateOf(code3)).status).toBe('new');
    const [{ n }] = await q(
      'SELECT COUNT(*) AS n FROM "RequestEvent" e JOIN "ServiceRequest" r ON r."id" = e."requestId" WHERE r."publicCode" = $1 AND e."kind" = $2',
      [code3, 'note'],
    );
    expect(Number(n)).toBe(2);
  });
});
