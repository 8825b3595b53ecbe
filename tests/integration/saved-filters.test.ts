import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { newVerifiedMember } from '../support/accounts';
import { grantRole } from '../support/roles';
import { withTestServer } from '../support/test-server';
import { fileRequest, GRAFFITI } from '../support/requests';
import { sqlOf, lookupsOf } from '../support/sql';

/**
 * Saved queue filters through the real queue page: saving (normalized), the tabs with their
 * counts, deleting, the limit and a taken name, who may use them (a staff member's are theirs
 * alone), and that they go with the account and come with its data export.
 */
const server = withTestServer();
const q = sqlOf(server);
const { userId } = lookupsOf(server);

/** Loads the queue (for the CSRF token), then posts one of its forms. */
async function post(client: Client, fields: Record<string, string>) {
  await client.get('/staff/requests');
  return client.post('/staff/requests', fields);
}
const savedOf = async (email: string) =>
  q('SELECT "id", "name", "query", "scope" FROM "SavedFilter" WHERE "userId" = $1 ORDER BY "createdAt", "id"', [await userId(email)]);
/** The tab links (`<a …>name<span class="tab-count">n</span></a>`) of the saved-filters navigation. */
function tabsOf(html: string) {
  const nav = /<nav aria-label="(?:Saved filters|Filtros guardados)" class="tabs">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
  return [...nav.matchAll(/<a ([^>]*)>([\s\S]*?)<span class="tab-count">(\d+)<\/span><\/a>/g)].map((m) => ({
    name: textOf(m[2]).trim(),
    count: Number(m[3]),
    current: m[1].includes('aria-current="page"'),
    href: /href="([^"]*)"/.exec(m[1])?.[1].replace(/&amp;/g, '&'),
  }));
}

let staff: Client;
beforeAll(async () => {
  staff = await signedIn(server.url, DEMO.staff);
  await fileRequest(new Client(server.url), 'graffiti', GRAFFITI);
  await fileRequest(new Client(server.url), 'graffiti', GRAFFITI);
});

describe('saving a filter', () => {
  it('stores the normalized query under the name and shows it as the current tab, with its count', async () => {
    const res = await post(staff, { intent: 'saveFilter', name: 'New ones', query: 'sort=newest&status=new&after=abc&type=' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/requests?status=new');
    expect(await savedOf(DEMO.staff)).toEqual([expect.objectContaining({ name: 'New ones', query: 'status=new', scope: 'requests' })]);
    const [{ n: newCount }] = await q('SELECT COUNT(*) AS n FROM "ServiceRequest" WHERE "status" = $1', ['new']);
    const [{ n: openCount }] = await q('SELECT COUNT(*) AS n FROM "ServiceRequest" WHERE "status" IN ($1, $2, $3)', [
      'new',
      'acknowledged',
      'in_progress',
    ]);
    expect(Number(newCount)).toBeGreaterThan(1);
    const tabs = tabsOf(await staff.page('/staff/requests?status=new'));
    expect(tabs).toEqual([
      { name: 'Open requests', count: Number(openCount), current: false, href: '/staff/requests' },
      { name: 'New ones', count: Number(newCount), current: true, href: '/staff/requests?status=new' },
    ]);
    // The default view is the "Open requests" tab; the saved one is not current there.
    expect(tabsOf(await staff.page('/staff/requests')).map((t) => t.current)).toEqual([true, false]);
    // Home's count of open requests is the queue's own.
    expect(textOf(await staff.page('/'))).toMatch(new RegExp(`\\b${Number(openCount).toLocaleString('en')} open requests?\\b`));
  });

  it('refuses a name already taken, a missing or too long name and a filter the queue cannot read, with 400 and nothing stored', async () => {
    const taken = await post(staff, { intent: 'saveFilter', name: 'New ones', query: 'overdue=1' });
    expect(taken.status).toBe(400);
    const page = textOf(await taken.text());
    expect(page).toContain('You already have a saved filter with this name.');
    // The input is kept.
    expect(page).not.toContain('Filter saved.');
    for (const fields of <Record<string, string>[]>[
      { intent: 'saveFilter', name: '', query: '' },
      { intent: 'saveFilter', name: 'x'.repeat(61), query: '' },
      { intent: 'saveFilter', name: 'Flying', query: 'status=flying' },
      { intent: 'saveFilter', name: 'Long', query: 'a'.repeat(2001) },
      { intent: 'deleteFilter', id: '' },
      { intent: 'rename', name: 'x' },
    ]) {
      expect((await post(staff, fields)).status, JSON.stringify(fields).slice(0, 80)).toBe(400);
    }
    expect((await savedOf(DEMO.staff)).map((f) => f.name)).toEqual(['New ones']);
  });

  it('keeps at most ten per person, with a clear error past that', async () => {
    const liaison = await signedIn(server.url, DEMO.liaison);
    for (let i = 1; i <= 10; i++)
      expect((await post(liaison, { intent: 'saveFilter', name: `View ${i}`, query: `sort=oldest` })).status).toBe(303);
    const over = await post(liaison, { intent: 'saveFilter', name: 'View 11', query: '' });
    expect(over.status).toBe(400);
    expect(textOf(await over.text())).toContain('You can keep up to 10 saved filters. Delete one first.');
    expect((await savedOf(DEMO.liaison)).length).toBe(10);
    // A liaison's counts cover their own department only, like their queue.
    const tabs = tabsOf(await liaison.page('/staff/requests?sort=oldest'));
    expect(tabs.length).toBe(11);
    expect(tabs.filter((t) => t.current).map((t) => t.name)).toEqual(['View 1']);
  });
});

describe('who may use them', () => {
  it('shows and deletes a staff member’s own only: another is answered 404 and sees none of them', async () => {
    const [mine] = (await savedOf(DEMO.staff)) as { id: string }[];
    const admin = await signedIn(server.url, DEMO.admin);
    const adminPage = await admin.page('/staff/requests?status=new');
    expect(textOf(adminPage)).not.toContain('New ones');
    expect(tabsOf(adminPage).map((t) => t.name)).toEqual(['Open requests']);
    expect((await post(admin, { intent: 'deleteFilter', id: mine.id })).status).toBe(404);
    expect((await savedOf(DEMO.staff)).length).toBe(1);
    // The owner deletes it.
    const page = await staff.page('/staff/requests?status=new');
    expect(textOf(page)).toContain('Delete saved filter “New ones”');
    const res = await post(staff, { intent: 'deleteFilter', id: mine.id });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/requests');
    expect(await savedOf(DEMO.staff)).toEqual([]);
    // Gone: deleting it again is a 404.
    expect((await post(staff, { intent: 'deleteFilter', id: mine.id })).status).toBe(404);
  });

  it('refuses residents (403) and sends anonymous visitors to sign in', async () => {
    const resident = await signedIn(server.url, DEMO.resident);
    await resident.get('/');
    expect((await resident.post('/staff/requests', { intent: 'saveFilter', name: 'Mine', query: '' })).status).toBe(403);
    const anonymous = new Client(server.url);
    await anonymous.get('/');
    const res = await anonymous.post('/staff/requests', { intent: 'saveFilter', name: 'Mine', query: '' });
    expect([302, 303]).toContain(res.status);
    expect(res.headers.get('location')).toContain('/signin');
    expect(await savedOf(DEMO.resident)).toEqual([]);
  });
});

describe('with the account', () => {
  it('comes with the data export and goes when the account is deleted', async () => {
    const { client, email } = await newVerifiedMember(server, 'Filter Keeper');
    await grantRole(server.url, email, 'staff');
    expect((await post(client, { intent: 'saveFilter', name: 'Overdue', query: 'overdue=1' })).status).toBe(303);
    const data = await (await client.get('/account/export')).json();
    expect(data.savedFilters).toEqual([expect.objectContaining({ scope: 'requests', name: 'Overdue', query: 'overdue=1' })]);
    const id = await userId(email);
    await client.get('/account/delete');
    expect((await client.post('/account/delete', { currentPassword: 'a long enough passphrase', confirm: 'on' })).status).toBe(303);
    expect(await q('SELECT "id" FROM "SavedFilter" WHERE "userId" = $1', [id])).toEqual([]);
  });
});
