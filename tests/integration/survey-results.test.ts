import { parse } from 'csv-parse/sync';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, transaction } from '~/lib/db.server';
import { writeAnswerSets } from '~/modules/surveys/answer-sets.server';
import { publishSurveyResults } from '~/modules/surveys/results.server';
import { Client, DEMO, rowWith, signedIn, textOf } from '../support/client';
import { nextEvent, openSocket, subscribe } from '../support/sockets';
import { sqlOf } from '../support/sql';
import { insertAnswers, insertSurvey, SAMPLE_QUESTIONS, type AnswerSet } from '../support/surveys';
import { withTestServer } from '../support/test-server';

/**
 * Survey results on the real server: figures from the tallies, filters and the group-of-five
 * rule, written answers searched and paged, who may see what, the CSV exports, the live room.
 * The answer sets are inserted as answering stores them (tests/support/surveys.ts).
 */
const server = withTestServer();
const sql = sqlOf(server);
const sockets: Socket[] = [];
const ANON = 'sr-anon';
const NAMED = 'sr-named';
let north = '';
let south = '';
let people: Record<'visitor' | 'resident' | 'moderator' | 'staff' | 'admin', Client>;

beforeAll(async () => {
  const places = (await sql(`SELECT id FROM "Neighborhood" ORDER BY slug`)) as { id: string }[];
  [north, south] = places.map((p) => p.id);
  await insertSurvey(server.database.url, { id: ANON, title: 'Park survey', anonymous: true });
  // 25 answer sets in the north (English): fruit 15 apples / 10 pears, scores 5,5,4,4,…; 2 in the south (Spanish).
  const sets: AnswerSet[] = Array.from({ length: 25 }, (_, i) => ({
    neighborhoodId: north,
    language: 'en',
    answers: {
      fruit: i < 15 ? 'apples' : 'pears',
      score: i < 10 ? 5 : 4,
      dog: i % 5 === 0,
      grid: { clean: 3, safe: i < 20 ? 2 : 1 },
      order: i < 20 ? ['trees', 'lights'] : ['lights', 'trees'],
      comment: i === 3 ? 'More TREES along the river' : i === 4 ? '=HYPERLINK("http://evil.example")' : `Comment number ${i}`,
    },
  }));
  sets.push(
    { neighborhoodId: south, language: 'es', answers: { fruit: 'plums', comment: 'Más árboles, por favor' } },
    { neighborhoodId: south, language: 'es', answers: { fruit: 'plums' } },
  );
  await insertAnswers(server.database.url, ANON, sets);
  // A survey that is not anonymous, not yet published to residents, answered by a known person.
  await insertSurvey(server.database.url, { id: NAMED, title: 'Named survey', anonymous: false });
  const [{ id: rosa }] = (await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.resident])) as { id: string }[];
  await insertAnswers(server.database.url, NAMED, [
    { userId: rosa, neighborhoodId: north, answers: { fruit: 'apples', comment: 'Named comment' } },
  ]);
  people = {
    visitor: new Client(server.url),
    resident: await signedIn(server.url, DEMO.resident),
    moderator: await signedIn(server.url, DEMO.moderator),
    staff: await signedIn(server.url, DEMO.staff),
    admin: await signedIn(server.url, DEMO.admin),
  };
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await closeDb();
});

const results = (id: string, query = '') => `/staff/surveys/${id}/results${query}`;

describe('survey results', () => {
  it('shows each question figures from the tallies, with the same figures as a table beside an SVG chart', async () => {
    const html = await people.staff.page(results(ANON));
    const text = textOf(html);
    expect(text).toContain('27 answer sets');
    // Favourite fruit: 15 of 27 apples (55.6 %), 10 pears, 2 plums.
    expect(textOf(rowWith(html, 'Apples')!)).toMatch(/Apples\s+15\s+55\.6%/);
    expect(textOf(rowWith(html, 'Pears')!)).toMatch(/Pears\s+10\s+37%/);
    expect(textOf(rowWith(html, 'Plums')!)).toMatch(/Plums\s+2\s+7\.4%/);
    // Each figure's bar is drawn in its own row, so chart and table line up; it is hidden from screen readers.
    expect(rowWith(html, 'Apples')).toMatch(/<svg[^>]*class="results-chart"[^>]*aria-hidden="true"[^>]*>.*<rect[^>]*width="55\.5/);
    // Rating: ten 5s and fifteen 4s: mean 4.4, median 4.
    const score = html.slice(html.indexOf('data-question="score"'), html.indexOf('data-question="dog"'));
    expect(textOf(score)).toMatch(/Mean\s+4\.4\s+Median\s+4\b/);
    // Matrix: "safe" is 2 for 20 and 1 for 5: mean 1.8; ranking: trees first for 20 of 25 (80 %).
    expect(textOf(rowWith(html, 'Safe')!)).toMatch(/Safe\s+5 \(20%\)\s+20 \(80%\)\s+0 \(0%\)\s+1\.8/);
    expect(textOf(rowWith(html, 'Trees')!)).toMatch(/Trees\s+1\.2\s+80%/);
    // The first written answers listed for staff, with the link to all of them.
    const comment = html.slice(html.indexOf('data-question="comment"'));
    // Five, in whichever language each was written (answers are listed by their random ids).
    expect([...comment.matchAll(/<li lang="(?:en|es)">/g)]).toHaveLength(5);
    expect(html).toContain(`href="/staff/surveys/${ANON}/results/comment"`);
  });

  it('shows the labels in the reader language', async () => {
    const es = await signedIn(server.url, DEMO.admin);
    await es.post('/language', { locale: 'es' });
    const html = await es.page(results(ANON));
    expect(textOf(rowWith(html, 'Manzanas')!)).toMatch(/Manzanas\s+15\s+55,6\s%/);
    expect(textOf(html)).toContain('27 respuestas completas');
    await es.post('/language', { locale: 'en' });
  });

  it('filters by neighborhood and language, never showing a group of fewer than five of an anonymous survey', async () => {
    const page = await people.staff.page(results(ANON, `?neighborhood=${north}`));
    expect(textOf(rowWith(page, 'Apples')!)).toMatch(/Apples\s+15\s+60%/);
    expect(textOf(page)).not.toContain('Fewer than 5');
    expect(textOf(page)).toContain('25 of them match the filters.');
    // The south has two answer sets: not offered as a filter, and refused when asked for.
    expect(page).toContain(`value="${north}"`);
    expect(page).not.toContain(`value="${south}"`);
    expect(page).not.toMatch(/<option value="es"/);
    for (const query of [`?neighborhood=${south}`, '?language=es', `?neighborhood=${south}&language=en`]) {
      const small = await people.staff.page(results(ANON, query));
      expect(textOf(small)).toContain('Fewer than 5 answer sets match these filters');
      expect(rowWith(small, 'Plums')).toBeNull();
      expect(textOf(small)).not.toContain('árboles');
      const texts = await people.staff.page(results(ANON, `/comment${query}`));
      expect(textOf(texts)).toContain('Fewer than 5 answer sets');
      expect(textOf(texts)).not.toContain('Más árboles');
    }
    // Not anonymous: a group of one is shown.
    const named = await people.staff.page(results(NAMED, `?neighborhood=${north}`));
    expect(textOf(rowWith(named, 'Apples')!)).toMatch(/Apples\s+1\s+100%/);
    expect((await people.staff.get(results(ANON, '?neighborhood=' + 'x'.repeat(60)))).status).toBe(400);
  });

  it('searches the written answers in any case and pages them by keyset', async () => {
    const found = await people.staff.page(results(ANON, '/comment?q=trees'));
    expect(textOf(found)).toContain('More TREES along the river');
    expect(textOf(found)).not.toContain('Comment number');
    const first = await people.staff.page(results(ANON, '/comment'));
    const shown = (html: string) => [...html.matchAll(/<li lang="(?:en|es)">([^<]*)<\/li>/g)].map((m) => m[1]);
    expect(shown(first)).toHaveLength(20);
    const next = /href="([^"]*after=[^"]*)"[^>]*>Next answers/.exec(first)?.[1].replace(/&amp;/g, '&');
    expect(next).toBeTruthy();
    const second = await people.staff.page(next!);
    expect(shown(second)).toHaveLength(6);
    expect(new Set([...shown(first), ...shown(second)]).size).toBe(26);
    expect(second).not.toContain('Next answers');
    expect((await people.staff.get(results(ANON, '/fruit'))).status).toBe(404);
  });

  it('lets only manage:survey read the staff pages and CSVs, and residents the published results', async () => {
    const staffRoutes = [
      results(ANON),
      results(ANON, '/comment'),
      `/staff/surveys/${ANON}/answers.csv`,
      `/staff/surveys/${ANON}/summary.csv`,
    ];
    const expected = { visitor: 302, resident: 403, moderator: 403, staff: 200, admin: 200 } as const;
    for (const path of staffRoutes)
      for (const [who, status] of Object.entries(expected)) {
        const res = await people[who as keyof typeof expected].get(path);
        expect(`${who} ${path} ${res.status}`).toBe(`${who} ${path} ${status}`);
        if (status === 302) expect(res.headers.get('location')).toMatch(/^\/signin/);
      }
    const residents = `/surveys/${ANON}/results`;
    for (const who of ['visitor', 'resident', 'moderator'] as const) expect((await people[who].get(residents)).status).toBe(404);
    expect((await people.staff.get(residents)).status).toBe(200);
    expect((await people.staff.get(`/staff/surveys/nope/results`)).status).toBe(404);

    // The switch: refused to residents and moderators, audited for staff.
    for (const who of ['resident', 'moderator'] as const) {
      await people[who].get('/');
      expect((await people[who].post(results(ANON), { public: 'true' })).status).toBe(403);
    }
    await people.staff.get(results(ANON));
    expect((await people.staff.post(results(ANON), { public: 'maybe' })).status).toBe(400);
    const published = await people.staff.post(results(ANON), { public: 'true' });
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe(results(ANON));
    const [survey] = await sql(`SELECT "resultsPublic" AS p FROM "Survey" WHERE id = $1`, [ANON]);
    expect(Boolean(survey.p)).toBe(true);
    expect(await sql(`SELECT action FROM "AuditLog" WHERE "targetKind" = 'survey' AND "targetId" = $1`, [ANON])).toEqual([
      { action: 'survey.results-publish' },
    ]);

    // Published: everyone who may see the survey reads its results, without the written answers
    // and the staff tools; the staff pages stay staff-only.
    for (const who of ['visitor', 'resident'] as const) {
      const html = await people[who].page(residents);
      // (The demo resident reads Spanish.)
      expect(textOf(html)).toMatch(/(Apples|Manzanas)\s+15\s+55[.,]6\s?%/);
      expect(html).not.toContain('Comment number');
      expect(html).not.toContain('answers.csv');
    }
    expect((await people.resident.get(results(ANON))).status).toBe(403);
    expect((await people.resident.get(`/staff/surveys/${ANON}/answers.csv`)).status).toBe(403);
    // Results not yet published stay hidden from residents.
    expect((await people.resident.get(`/surveys/${NAMED}/results`)).status).toBe(404);
  });

  it('exports one row per answer set with no identities, formula-looking text neutralised', async () => {
    const res = await people.staff.get(`/staff/surveys/${ANON}/answers.csv`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = parse((await res.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(27);
    expect(Object.keys(rows[0])).toEqual([
      'Answer set',
      'Day',
      'Language',
      'Neighborhood',
      'fruit',
      'score',
      'dog',
      'grid.clean',
      'grid.safe',
      'order',
      'comment',
    ]);
    const evil = rows.find((r) => r.comment.includes('HYPERLINK'))!;
    expect(evil.comment.startsWith('=')).toBe(false);
    const trees = rows.find((r) => r.comment === 'More TREES along the river')!;
    expect(trees).toMatchObject({
      fruit: 'apples',
      score: '5',
      dog: 'no',
      'grid.clean': '3',
      'grid.safe': '2',
      order: 'trees > lights',
      Day: '2026-05-04',
      Language: 'en',
    });
    expect(new Set(rows.map((r) => r['Answer set'])).size).toBe(27);

    // Not anonymous: a respondent number, never the person.
    const named = await (await people.staff.get(`/staff/surveys/${NAMED}/answers.csv`)).text();
    const [row] = parse(named.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(row.Respondent).toBe('1');
    const [{ id: rosa }] = (await sql(`SELECT id FROM "User" WHERE email = $1`, [DEMO.resident])) as { id: string }[];
    expect(named).not.toContain(rosa);
    expect(named).not.toContain(DEMO.resident);

    const summary = parse((await (await people.staff.get(`/staff/surveys/${ANON}/summary.csv`)).text()).replace(/^\uFEFF/, ''), {
      columns: true,
    }) as Record<string, string>[];
    expect(summary.find((r) => r.Question === 'fruit' && r.Answer === 'Apples')).toMatchObject({
      Count: '15',
      'Percent of those who answered': '55.6',
    });
    expect(summary.find((r) => r.Question === 'score' && r.Answer === '')).toMatchObject({ Count: '25', Mean: '4.4', Median: '4' });
    const small = await (await people.staff.get(`/staff/surveys/${ANON}/summary.csv?language=es`)).text();
    expect(small.trim().split('\n')).toHaveLength(1);
  });

  it('lets staff join the survey room, refuses a resident before publishing, and delivers the results event after commit', async () => {
    const room = `survey:${NAMED}`;
    const staff = await openSocket(server.url, sockets, people.staff);
    const resident = await openSocket(server.url, sockets, people.resident);
    const visitor = await openSocket(server.url, sockets);
    expect((await subscribe(staff, room)).ok).toBe(true);
    expect(await subscribe(resident, room)).toEqual({ ok: false, error: 'forbidden' });
    expect(await subscribe(visitor, room)).toEqual({ ok: false, error: 'forbidden' });
    // Published results: residents may join that survey's room.
    expect((await subscribe(resident, `survey:${ANON}`)).ok).toBe(true);

    // Written inside a transaction (as answering does): nothing to replay before the commit, the event after.
    const [{ last }] = (await sql(`SELECT MAX(id) AS last FROM "Event"`)) as { last: number }[];
    const replayed = async () => ((await subscribe(staff, room, Number(last))).missed ?? []).filter((e) => e.type === 'survey.results');
    await transaction(async (tx) => {
      await publishSurveyResults(tx, NAMED, 42);
      expect(await replayed()).toEqual([]);
    });
    expect((await replayed()).map((e) => e.payload)).toEqual([{ responseCount: 42 }]);

    // Live: the publish switch (a real route) publishes it to the joined socket once committed.
    const live = nextEvent(staff, room, 'survey.results');
    await people.staff.get(results(NAMED));
    expect((await people.staff.post(results(NAMED), { public: 'true' })).status).toBe(303);
    expect((await live).payload).toEqual({ responseCount: 1 });
  });

  it('shows an answer set written by the engine at the next load (a page is kept only while nothing is answered)', async () => {
    const answerSets = async () => Number(/(\d+) answer sets?/.exec(textOf(await people.staff.page(results(NAMED))))?.[1]);
    const before = await answerSets();
    expect(before).toBeGreaterThan(0);
    expect(await answerSets()).toBe(before);
    await transaction((tx) =>
      writeAnswerSets(tx, NAMED, SAMPLE_QUESTIONS, [
        { answers: { fruit: 'pears' }, language: 'en', neighborhoodId: south, day: '2026-05-05' },
      ]),
    );
    expect(await answerSets()).toBe(before + 1);
    expect(textOf(rowWith(await people.staff.page(results(NAMED)), 'Pears')!)).toMatch(/Pears\s+1\s/);
  });
});
