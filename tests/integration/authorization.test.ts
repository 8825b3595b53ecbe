import { beforeAll, describe, expect, test } from 'vitest';
import { Client, DEMO, rowWith, signedIn, textOf } from '../support/client';
import { expectAnswer, type Expected } from '../support/authorization';
import { sqlOf } from '../support/sql';
import { insertAnswers, insertSurvey, neighborhoodId } from '../support/surveys';
import { withTestServer } from '../support/test-server';

/**
 * Who may use the admin area, the staff directory and the surveys: every actor against every page
 * (GET) and every action (POST), on the real routes. Posts carry a valid CSRF token, so a 403 is
 * the permission check; allowed actors post invalid input, so nothing changes and they get a 400.
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

/**
 * Surveys. Staff pages need manage:survey (staff and admins). Residents' pages depend on the
 * survey: a public one is open to everyone; one for residents of a neighborhood (the demo homes:
 * the resident and the captain live in Las Flores, the liaison in Northgate, staff and the
 * moderator in Riverside, the admin in Old Town) is not found by those outside it (404) and sends
 * a visitor to sign in, and its answer pages refuse staff outside it (403: they may read it, not
 * answer it); a draft and unpublished results are only for staff.
 */
const SURVEY = {
  open: 'authz-open', // public, results published, answered
  flores: 'authz-flores', // residents of Las Flores, results published
  northgate: 'authz-northgate', // residents of Northgate, results published
  draft: 'authz-draft', // public, still a draft
  unpublished: 'authz-unpublished', // public, results not published
};
type ByActor = Record<Actor, Expected>;
const everyone = (expected: Expected): ByActor => Object.fromEntries(ACTORS.map((a) => [a, expected])) as ByActor;
const onlyStaff = (allowed: Expected): ByActor => ({ ...everyone(403), anonymous: 'signin', staff: allowed, admin: allowed });
/** A neighborhood survey's page: those living there and staff may read it; others are not told it exists. */
const livingIn = (home: Actor[], staff: Expected = 200, living: Expected = 200): ByActor => ({
  ...everyone(404),
  anonymous: 'signin',
  ...Object.fromEntries(home.map((a) => [a, living])),
  staff,
  admin: staff,
});
const FLORES: Actor[] = ['resident', 'captain'];
const NORTHGATE: Actor[] = ['liaison'];
const STAFF_SURVEY = `/staff/surveys/${SURVEY.open}`;

const SURVEY_PAGES: { path: string; expected: ByActor }[] = [
  ...[
    '/staff/surveys',
    STAFF_SURVEY,
    `${STAFF_SURVEY}/questions`,
    `${STAFF_SURVEY}/questions/new`,
    `${STAFF_SURVEY}/questions/fruit`,
    `${STAFF_SURVEY}/preview`,
    `${STAFF_SURVEY}/results`,
    `${STAFF_SURVEY}/results/comment`,
    `${STAFF_SURVEY}/answers.csv`,
    `${STAFF_SURVEY}/summary.csv`,
    `/staff/surveys/${SURVEY.draft}/results`,
  ].map((path) => ({ path, expected: onlyStaff(200) })),
  { path: '/surveys', expected: everyone(200) },
  ...['', '/1', '/thanks', '/results'].map((page) => ({ path: `/surveys/${SURVEY.open}${page}`, expected: everyone(200) })),
  ...['', '/thanks', '/results'].flatMap((page) => [
    { path: `/surveys/${SURVEY.flores}${page}`, expected: livingIn(FLORES) },
    { path: `/surveys/${SURVEY.northgate}${page}`, expected: livingIn(NORTHGATE) },
  ]),
  { path: `/surveys/${SURVEY.flores}/1`, expected: livingIn(FLORES, 403) },
  { path: `/surveys/${SURVEY.northgate}/1`, expected: livingIn(NORTHGATE, 403) },
  ...['', '/1', '/thanks', '/results'].map((page) => ({
    path: `/surveys/${SURVEY.draft}${page}`,
    expected: { ...everyone(404), staff: 200, admin: 200 } as ByActor,
  })),
  { path: `/surveys/${SURVEY.unpublished}`, expected: everyone(200) },
  { path: `/surveys/${SURVEY.unpublished}/results`, expected: { ...everyone(404), staff: 200, admin: 200 } },
];

const SURVEY_ACTIONS: { path: string; fields: Record<string, string>; expected: ByActor }[] = [
  { path: '/staff/surveys', fields: { 'title.en': '' }, expected: onlyStaff(400) },
  { path: STAFF_SURVEY, fields: { intent: 'bogus' }, expected: onlyStaff(400) },
  { path: `${STAFF_SURVEY}/questions`, fields: { intent: 'bogus' }, expected: onlyStaff(400) },
  { path: `${STAFF_SURVEY}/questions/new`, fields: {}, expected: onlyStaff(400) },
  { path: `${STAFF_SURVEY}/questions/fruit`, fields: {}, expected: onlyStaff(400) },
  { path: `${STAFF_SURVEY}/results`, fields: { public: 'maybe' }, expected: onlyStaff(400) },
  // An answer page with the required question unanswered: refused, or a 400 with nothing stored.
  { path: `/surveys/${SURVEY.flores}/1`, fields: {}, expected: livingIn(FLORES, 403, 400) },
  { path: `/surveys/${SURVEY.northgate}/1`, fields: {}, expected: livingIn(NORTHGATE, 403, 400) },
];

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
  const db = server.database.url;
  await insertSurvey(db, { id: SURVEY.open, title: 'Open survey', resultsPublic: true });
  await insertAnswers(db, SURVEY.open, [{ answers: { fruit: 'apples', comment: 'More shade' } }]);
  for (const [id, slug] of [
    [SURVEY.flores, 'las-flores'],
    [SURVEY.northgate, 'northgate'],
  ])
    await insertSurvey(db, { id, audience: 'neighborhoods', audienceNeighborhoods: [await neighborhoodId(db, slug)], resultsPublic: true });
  await insertSurvey(db, { id: SURVEY.draft, status: 'draft', resultsPublic: true });
  await insertSurvey(db, { id: SURVEY.unpublished });
  surveyRowsBefore = await surveyRows();
});

/** How many surveys, answer sets, drafts and participations there are. */
const surveyRows = async () =>
  (
    await sqlOf(server)(
      `SELECT (SELECT count(*) FROM "Survey") AS surveys, (SELECT count(*) FROM "SurveyResponse") AS responses,
         (SELECT count(*) FROM "SurveyPendingResponse") AS pending, (SELECT count(*) FROM "SurveyDraft") AS drafts,
         (SELECT count(*) FROM "SurveyParticipation") AS participations`,
    )
  ).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])))[0];
let surveyRowsBefore: Awaited<ReturnType<typeof surveyRows>>;

const resolve = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => ids[name]);

describe('pages (GET)', () => {
  test.each(pageRows)('$actor GET $path → $expected', async ({ actor, path, expected }) => {
    const url = resolve(path);
    await expectAnswer(await clients[actor].get(url), expected, url);
  });
});

describe('actions (POST)', () => {
  test.each(actionRows)('$actor POST $path ($label) → $expected', async ({ actor, path, fields, expected }) => {
    const url = resolve(path);
    await expectAnswer(await clients[actor].post(url, fields), expected, url);
  });
});

describe('survey pages (GET)', () => {
  test.each(SURVEY_PAGES.flatMap(({ path, expected }) => ACTORS.map((actor) => ({ actor, path, expected: expected[actor] }))))(
    '$actor GET $path → $expected',
    async ({ actor, path, expected }) => {
      const res = await clients[actor].get(path);
      await expectAnswer(res, expected, path);
    },
  );
});

describe('survey actions (POST)', () => {
  test.each(
    SURVEY_ACTIONS.flatMap(({ path, fields, expected }) => ACTORS.map((actor) => ({ actor, path, fields, expected: expected[actor] }))),
  )('$actor POST $path → $expected', async ({ actor, path, fields, expected }) => {
    await expectAnswer(await clients[actor].post(path, fields), expected, path);
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

  test('the refused and invalid survey posts stored no survey, question, answer or draft', async () => {
    expect(await surveyRows()).toEqual(surveyRowsBefore);
    const [open] = await sqlOf(server)(`SELECT questions, "resultsPublic" FROM "Survey" WHERE id = $1`, [SURVEY.open]);
    const questions = (typeof open.questions === 'string' ? JSON.parse(open.questions) : open.questions) as { key: string }[];
    expect(questions.map((q) => q.key)).toEqual(['fruit', 'score', 'dog', 'grid', 'order', 'comment']);
    expect(Boolean(open.resultsPublic)).toBe(true);
  });
});
