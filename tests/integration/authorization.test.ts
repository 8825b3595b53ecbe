import { beforeAll, describe, expect, test } from 'vitest';
import { Client, DEMO, rowWith, signedIn, textOf } from '../support/client';
import { withTestServer } from '../support/test-server';

/**
 * Who may use the admin area and the staff directory: every actor against every page (GET) and
 * every action (POST), on the real routes. Posts carry a valid CSRF token, so a 403 is the
 * permission check; admins post invalid input, so nothing changes and they get a 400.
 */
const ACTORS = ['anonymous', 'resident', 'staff', 'moderator', 'captain', 'liaison', 'admin'] as const;
type Actor = (typeof ACTORS)[number];

const PAGES = [
  '/admin',
  '/admin/city',
  '/admin/neighborhoods',
  '/admin/neighborhoods/:neighborhood',
  '/admin/departments',
  '/admin/departments/:department',
  '/admin/request-types',
  '/admin/request-types/new',
  '/admin/request-types/:requestType',
  '/admin/request-types/:requestType/fields',
  '/admin/request-types/:requestType/fields/surface',
  '/admin/roles',
  '/admin/audit',
  '/admin/audit.csv',
  '/admin/mail',
];

const ACTIONS: { path: string; fields: Record<string, string> }[] = [
  { path: '/admin/city', fields: { name: '', timeZone: 'Nowhere/Never', defaultLocale: 'en', fiscalYearStartMonth: '7' } },
  { path: '/admin/neighborhoods', fields: { slug: 'Bad Slug', 'name.en': '', 'name.es': '' } },
  { path: '/admin/neighborhoods/:neighborhood', fields: { intent: 'save', slug: '', 'name.en': '', 'name.es': '' } },
  { path: '/admin/neighborhoods/:neighborhood', fields: { intent: 'delete' } }, // residents live there: refused
  { path: '/admin/departments', fields: { slug: '', 'name.en': '', 'name.es': '', email: 'nope' } },
  { path: '/admin/departments/:department', fields: { intent: 'save', slug: '', 'name.en': '', 'name.es': '', email: 'nope' } },
  { path: '/admin/departments/:department', fields: { intent: 'bogus' } },
  { path: '/admin/request-types/new', fields: { code: 'Bad Code', 'name.en': '', 'name.es': '', targetHours: 'x' } },
  { path: '/admin/request-types/:requestType', fields: { intent: 'save', 'name.en': '', 'name.es': '' } },
  { path: '/admin/request-types/:requestType', fields: { intent: 'bogus' } },
  { path: '/admin/request-types/:requestType/fields', fields: { intent: 'add', version: '1', key: '', kind: 'text', 'label.en': '' } },
  { path: '/admin/request-types/:requestType/fields', fields: { intent: 'remove', key: 'surface', version: '99' } }, // stale version: refused
  {
    path: '/admin/request-types/:requestType/fields/surface',
    fields: { version: '1', kind: 'singleChoice', 'label.en': '', 'label.es': '' },
  },
  { path: '/admin/roles', fields: { intent: 'grant', email: 'nobody@example.org', role: 'moderator', scope: '' } },
  { path: '/admin/roles', fields: { intent: 'revoke', grantId: '' } },
];

type Expected = 'signin' | 403 | 200 | 400;

function expectedFor(actor: Actor, kind: 'page' | 'action', staffDirectory = false): Expected {
  if (actor === 'anonymous') return 'signin';
  if (staffDirectory) return actor === 'resident' ? 403 : 200;
  if (actor !== 'admin') return 403;
  return kind === 'page' ? 200 : 400;
}

const pageRows = [...PAGES.map((path) => ({ path, staff: false })), { path: '/staff', staff: true }].flatMap(({ path, staff }) =>
  ACTORS.map((actor) => ({ actor, path, expected: expectedFor(actor, 'page', staff) })),
);
const actionRows = ACTIONS.flatMap(({ path, fields }) =>
  ACTORS.map((actor) => ({ actor, path, fields, label: fields.intent ?? 'submit', expected: expectedFor(actor, 'action') })),
);

const server = withTestServer();
const clients = {} as Record<Actor, Client>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  for (const actor of ACTORS) {
    clients[actor] = actor === 'anonymous' ? new Client(server.url) : await signedIn(server.url, DEMO[actor]);
    await clients[actor].get('/'); // a CSRF token, like a browser that loaded a page
  }
  const admin = clients.admin;
  const find = async (list: string, slug: string) =>
    new RegExp(`href="${list}/([^"]+)"`).exec(rowWith(await admin.page(list), `<td>${slug}</td>`) ?? '')![1];
  ids.neighborhood = await find('/admin/neighborhoods', 'riverside');
  ids.department = await find('/admin/departments', 'public-works');
  ids.requestType = /href="\/admin\/request-types\/([^"/]+)"/.exec(
    rowWith(await admin.page('/admin/request-types'), '<code>graffiti</code>') ?? '',
  )![1];
});

const resolve = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => ids[name]);

async function check(res: Response, expected: Expected, path: string) {
  if (expected === 'signin') {
    expect([302, 303]).toContain(res.status);
    expect(res.headers.get('location')).toBe(`/signin?redirectTo=${encodeURIComponent(path)}`);
    return;
  }
  expect(res.status).toBe(expected);
  // The permission check, not the CSRF check: the localized "not allowed" page (in the account's
  // language), or the JSON answer of a resource route such as the CSV export.
  if (expected === 403)
    expect(textOf(await res.text())).toMatch(/does not have access to this page|no tiene acceso a esta página|"error":"forbidden"/);
}

describe('pages (GET)', () => {
  test.each(pageRows)('$actor GET $path → $expected', async ({ actor, path, expected }) => {
    const url = resolve(path);
    await check(await clients[actor].get(url), expected, url);
  });
});

describe('actions (POST)', () => {
  test.each(actionRows)('$actor POST $path ($label) → $expected', async ({ actor, path, fields, expected }) => {
    const url = resolve(path);
    await check(await clients[actor].post(url, fields), expected, url);
  });
});

describe('nothing changed', () => {
  test('the refused and invalid posts left the data as it was', async () => {
    const admin = clients.admin;
    const city = await admin.page('/admin/city');
    expect(city).toContain('value="Arroyo Verde"');
    expect(city).toContain('value="America/Los_Angeles"');
    expect(textOf(await admin.page('/admin/neighborhoods'))).toContain('Riverside');
    const audit = await admin.page('/admin/audit');
    expect(textOf(audit)).toContain('No entries match these filters.');
  });
});
