import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '~/lib/migrate.server';
import { requestSegment } from '~/modules/surveys/segments';
import { tallyBuckets } from '~/modules/surveys/tally';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { insertFilled, sql, sqlOf } from '../support/sql';
import { withTestServer } from '../support/test-server';

/**
 * The request follow-up is a survey of the engine: its answers are in the tallies per department
 * and type (segment), stored answers were migrated into them (0023, on the run's engine), and
 * its results are for city-wide staff only, never published.
 */
const FOLLOW_UP_QUESTIONS = [
  { key: 'courtesy', kind: 'singleChoice' as const },
  { key: 'comments', kind: 'longText' as const },
];

describe('migration 0023: stored follow-up answers join the results', () => {
  let legacy: TestDatabase;
  const stored: { request: string; answers: Record<string, string>; language: string }[] = [
    { request: 'r1', answers: { courtesy: 'courteous', comments: 'Very kind on the phone' }, language: 'en' },
    { request: 'r2', answers: { courtesy: 'discourteous' }, language: 'es' },
    { request: 'r3', answers: { courtesy: 'courteous' }, language: 'en' },
    { request: 'r4', answers: { courtesy: 'other', comments: 'Nadie vino' }, language: 'es' },
  ];
  const requests: Record<string, { departmentId: string; typeId: string; neighborhoodId: string | null }> = {
    r1: { departmentId: 'dept-works', typeId: 'type-pothole', neighborhoodId: 'hood-north' },
    r2: { departmentId: 'dept-works', typeId: 'type-graffiti', neighborhoodId: null },
    r3: { departmentId: 'dept-works', typeId: 'type-pothole', neighborhoodId: 'hood-north' },
    r4: { departmentId: 'dept-parks', typeId: 'type-tree', neighborhoodId: 'hood-north' },
  };

  beforeAll(async () => {
    legacy = await createTestDatabase();
    await migrate(legacy.url, { upTo: '0022_poll_close_announcements.sql' });
    const put = (table: string, row: Record<string, unknown>) => insertFilled(legacy.url, table, row);
    const json = (value: unknown) => JSON.stringify(value);
    await put('Neighborhood', { id: 'hood-north', slug: 'north', name: json({ en: 'North' }) });
    for (const id of ['dept-works', 'dept-parks']) await put('Department', { id, slug: id, name: json({ en: id }) });
    for (const [typeId, departmentId] of [
      ['type-pothole', 'dept-works'],
      ['type-graffiti', 'dept-works'],
      ['type-tree', 'dept-parks'],
    ]) {
      await put('RequestType', { id: typeId, code: typeId, departmentId, name: json({ en: typeId }) });
      await put('RequestTypeVersion', { typeId, version: 1, fields: '[]' });
    }
    for (const [id, r] of Object.entries(requests)) {
      await put('ServiceRequest', { id, publicCode: id, ...r, typeVersion: 1, status: 'closed' });
    }
    await put('Survey', {
      id: 'follow-up',
      key: 'request-follow-up',
      title: json({ en: 'Follow-up' }),
      questions: '[]',
      anonymous: legacy.engine === 'sqlite' ? 0 : false,
    });
    for (const [i, s] of stored.entries()) {
      await put('SurveyResponse', {
        id: `resp-${i}`,
        surveyId: 'follow-up',
        requestId: s.request,
        answers: json(s.answers),
        language: s.language,
        submittedOn: '2026-11-30',
        submittedAt: new Date().toISOString(),
      });
    }
    await migrate(legacy.url);
  });
  afterAll(async () => {
    await legacy?.drop();
  });

  it('writes the tallies the engine would have written, per neighborhood, language and department/type', async () => {
    const expected = new Map<string, number>();
    for (const s of stored) {
      const r = requests[s.request];
      for (const b of tallyBuckets(FOLLOW_UP_QUESTIONS, s.answers)) {
        const key = [b.questionKey, b.bucket, r.neighborhoodId ?? '', s.language, requestSegment(r)].join('|');
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
    }
    const rows = await sql(legacy.url, `SELECT * FROM "SurveyTally" WHERE "surveyId" = 'follow-up'`);
    const got = new Map(
      rows.map((r) => [[r.questionKey, r.bucket, r.neighborhoodId, r.language, r.segment].join('|'), Number(r.count)] as const),
    );
    expect(got).toEqual(expected);
    expect(got.get('courtesy|courteous|hood-north|en|dept-works/type-pothole')).toBe(2);
  });

  it('keeps every answer, gives it its request neighborhood, lists its comments and counts it', async () => {
    const responses = await sql(legacy.url, `SELECT id, "neighborhoodId", answers FROM "SurveyResponse" ORDER BY id`);
    expect(responses.map((r) => [r.id, r.neighborhoodId])).toEqual([
      ['resp-0', 'hood-north'],
      ['resp-1', null],
      ['resp-2', 'hood-north'],
      ['resp-3', 'hood-north'],
    ]);
    expect(responses.map((r) => (typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers))).toEqual(stored.map((s) => s.answers));
    const texts = await sql(
      legacy.url,
      `SELECT "responseId", "questionKey", text, language, segment, id FROM "SurveyTextAnswer" ORDER BY "responseId"`,
    );
    expect(texts.map(({ id: _id, ...t }) => t)).toEqual([
      { responseId: 'resp-0', questionKey: 'comments', text: 'Very kind on the phone', language: 'en', segment: 'dept-works/type-pothole' },
      { responseId: 'resp-3', questionKey: 'comments', text: 'Nadie vino', language: 'es', segment: 'dept-parks/type-tree' },
    ]);
    for (const t of texts) expect(String(t.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [survey] = await sql(legacy.url, `SELECT "responseCount" FROM "Survey" WHERE id = 'follow-up'`);
    expect(Number(survey.responseCount)).toBe(4);
  });
});

describe('the follow-up results page', () => {
  const server = withTestServer();
  const q = sqlOf(server);
  let followUpId: string;
  beforeAll(async () => {
    followUpId = String((await q(`SELECT id FROM "Survey" WHERE key = 'request-follow-up'`))[0].id);
  });

  it('has the demo answers in its tallies, one answer set each', async () => {
    const [{ n }] = await q(`SELECT count(*) AS n FROM "SurveyResponse" WHERE "surveyId" = $1`, [followUpId]);
    const [{ total }] = await q(
      `SELECT sum(count) AS total FROM "SurveyTally" WHERE "surveyId" = $1 AND "questionKey" = '' AND bucket = ''`,
      [followUpId],
    );
    const [{ responseCount }] = await q(`SELECT "responseCount" FROM "Survey" WHERE id = $1`, [followUpId]);
    expect(Number(n)).toBeGreaterThan(0);
    expect(Number(total)).toBe(Number(n));
    expect(Number(responseCount)).toBe(Number(n));
  });

  it('shows staff and admins the courtesy per department and type, and narrows to one; liaisons, residents and visitors are refused', async () => {
    const statuses: Record<string, number> = {};
    for (const who of ['staff', 'admin', 'liaison', 'resident', 'moderator'] as const) {
      const client = await signedIn(server.url, DEMO[who]);
      statuses[who] = (await client.get(`/staff/surveys/${followUpId}/results`)).status;
    }
    statuses.anonymous = (await new Client(server.url).get(`/staff/surveys/${followUpId}/results`)).status;
    expect(statuses).toEqual({ staff: 200, admin: 200, liaison: 403, resident: 403, moderator: 403, anonymous: 302 });

    const staff = await signedIn(server.url, DEMO.staff);
    const list = await staff.page('/staff/surveys');
    expect(list).toContain(`/staff/surveys/${followUpId}/results`);
    const page = textOf(await staff.page(`/staff/surveys/${followUpId}/results`));
    expect(page).toContain('By department and request type');
    expect(page).toContain('never published');
    expect(page).not.toContain('Publish the results to residents');
    // One department's figures: the page narrowed to its answer sets only.
    const [segment] = await q(
      `SELECT segment, sum(count) AS n FROM "SurveyTally" WHERE "surveyId" = $1 AND "questionKey" = '' GROUP BY segment ORDER BY segment LIMIT 1`,
      [followUpId],
    );
    const departmentId = String(segment.segment).split('/')[0];
    const [{ n }] = await q(
      `SELECT count(*) AS n FROM "SurveyResponse" r JOIN "ServiceRequest" s ON s.id = r."requestId" WHERE r."surveyId" = $1 AND s."departmentId" = $2`,
      [followUpId, departmentId],
    );
    const narrowed = textOf(await staff.page(`/staff/surveys/${followUpId}/results?department=${departmentId}`));
    expect(narrowed).toMatch(new RegExp(`\\b${n} of them match the filters`));
  });

  it('refuses to publish the follow-up results (404) and changes nothing', async () => {
    const staff = await signedIn(server.url, DEMO.staff);
    await staff.get(`/staff/surveys/${followUpId}/results`);
    const res = await staff.post(`/staff/surveys/${followUpId}/results`, { public: 'true' });
    expect(res.status).toBe(404);
    const [survey] = await q(`SELECT "resultsPublic" FROM "Survey" WHERE id = $1`, [followUpId]);
    expect([false, 0]).toContain(survey.resultsPublic);
  });
});
