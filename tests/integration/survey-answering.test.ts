import { describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { addMembersChannel } from '../support/channels';
import { testEngine } from '../support/database';
import { sqlOf } from '../support/sql';
import { insertSurvey, label, neighborhoodId, newResident, PARK_QUESTIONS } from '../support/surveys';
import { withTestServer } from '../support/test-server';

/**
 * Residents answering surveys through the real routes (app/routes/surveys…), on the engine under
 * test: every question kind validated, conditions across pages, drafts, who may answer, one answer
 * set per person under concurrent submits, dates, rate limits, and the anonymity rule of decision
 * 0020 checked against the schema and the stored rows.
 */
const server = withTestServer();
const q = sqlOf(server);

const PAGE1 = {
  'a.likes': 'yes',
  'a.why': 'The old trees',
  'a.score': '4',
  'a.color': 'green',
  'a.topics': ['lights', 'paths'],
  'a.visits': '12',
  'a.since': '2020-05-01',
  'a.nick': 'Oak',
};
const PAGE2 = { 'a.order.swings': '2', 'a.order.pond': '1', 'a.order.trees': '3', 'a.grid.safety': '3', 'a.grid.shade': '2' };

/** Posts a page of the survey with the fingerprint and answers-so-far its form carried. */
async function postPage(client: Client, id: string, section: number, fields: Record<string, string | string[]>, intent = 'next') {
  const page = client.lastHtml.includes(`action="/surveys/${id}/${section}"`)
    ? client.lastHtml
    : await client.page(`/surveys/${id}/${section}`);
  const stamp = /name="stamp" value="([^"]*)"/.exec(page)?.[1] ?? '';
  const carry = /name="carry" value="([^"]*)"/.exec(page)?.[1]?.replace(/&quot;/g, '"') ?? '{}';
  return client.post(`/surveys/${id}/${section}`, { stamp, carry, intent, ...fields });
}

const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;
const invalid = (html: string, name: string) => new RegExp(`name="${name.replace(/\./g, '\\.')}"[^>]*aria-invalid="true"`).test(html);

describe('answering a survey', () => {
  it('validates every question kind on the server, keeps the input, and stores one answer set with its tallies', async () => {
    const id = await insertSurvey(server.database.url, { questions: PARK_QUESTIONS, audience: 'signedIn', title: 'Kinds survey' });
    const { client: resident } = await newResident(server.url, server.database.url);
    const stamp = /name="stamp" value="([^"]*)"/.exec(await resident.page(`/surveys/${id}/1`))![1];
    const bad = await postPage(resident, id, 1, {
      'a.score': '9',
      'a.color': 'purple',
      'a.topics': ['lights', 'paths', 'toilets'],
      'a.visits': '500',
      'a.since': '2020-13-45',
      'a.nick': 'x'.repeat(201),
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    const text = textOf(html);
    expect(text).toContain('fields need your attention');
    expect(text).toContain('Enter 100 or less.');
    expect(text).toContain('Choose at most 2 options.');
    expect(text).toContain('Enter a date like');
    expect(text).toContain('Use at most 200 characters.');
    expect(invalid(html, 'a.visits')).toBe(true);
    expect(invalid(html, 'a.nick')).toBe(true);
    // The input is kept.
    expect(html).toMatch(/name="a\.visits"[^>]*value="500"/);
    expect(await q('SELECT * FROM "SurveyDraft" WHERE "surveyId" = $1', [id])).toHaveLength(0);

    const good = await postPage(resident, id, 1, PAGE1);
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe(`/surveys/${id}/2`);
    await resident.page(`/surveys/${id}/2`);
    const bad2 = await postPage(resident, id, 2, {
      'a.order.swings': '1',
      'a.order.pond': '1',
      'a.order.trees': '3',
      'a.grid.safety': '3',
    });
    expect(bad2.status).toBe(400);
    const text2 = textOf(await bad2.text());
    expect(text2).toContain('Give each of the 3 options a different place');
    expect(text2).toContain('Rate every row.');
    expect(await q('SELECT * FROM "SurveyResponse" WHERE "surveyId" = $1', [id])).toHaveLength(0);

    const done = await postPage(resident, id, 2, PAGE2);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/surveys/${id}/thanks`);
    expect(textOf(await resident.page(`/surveys/${id}/thanks`))).toContain('Thanks for helping the parks.');

    const [response] = await q('SELECT * FROM "SurveyResponse" WHERE "surveyId" = $1', [id]);
    expect(response.userId).not.toBeNull();
    expect(response.submittedAt).not.toBeNull();
    expect(parse(response.answers)).toEqual({
      likes: true,
      why: 'The old trees',
      score: 4,
      color: 'green',
      topics: ['lights', 'paths'],
      visits: 12,
      since: '2020-05-01',
      nick: 'Oak',
      order: ['pond', 'swings', 'trees'],
      grid: { safety: 3, shade: 2 },
    });
    expect(await q('SELECT * FROM "SurveyParticipation" WHERE "surveyId" = $1', [id])).toHaveLength(1);
    expect(await q('SELECT * FROM "SurveyDraft" WHERE "surveyId" = $1', [id])).toHaveLength(0);
    const tallies = await q('SELECT "questionKey", bucket, count FROM "SurveyTally" WHERE "surveyId" = $1', [id]);
    const count = (key: string, bucket: string) => Number(tallies.find((t) => t.questionKey === key && t.bucket === bucket)?.count ?? 0);
    expect(count('', '')).toBe(1);
    expect(count('score', '4')).toBe(1);
    expect(count('order', 'pond@1')).toBe(1);
    expect(count('grid', 'safety=3')).toBe(1);
    expect(count('why', 'The old trees')).toBe(0);
    const texts = await q('SELECT "questionKey", text FROM "SurveyTextAnswer" WHERE "surveyId" = $1 ORDER BY "questionKey"', [id]);
    expect(texts.map((t) => t.questionKey)).toEqual(['nick', 'why']);
    const [survey] = await q('SELECT "responseCount" FROM "Survey" WHERE id = $1', [id]);
    expect(Number(survey.responseCount)).toBe(1);
    // Answered once: the page says so, and a second submit is refused.
    expect(textOf(await resident.page(`/surveys/${id}`))).toContain('You have already answered this survey.');
    expect(textOf(await resident.page(`/surveys/${id}/1`))).toContain('You have already answered this survey.');
    const twice = await resident.post(`/surveys/${id}/1`, { stamp, intent: 'next', ...PAGE1 });
    expect(twice.status).toBe(409);
  });

  it('decides conditions on the server across pages: a page-1 answer hides a page-2 question and its posted answer is dropped', async () => {
    const id = await insertSurvey(server.database.url, { questions: PARK_QUESTIONS, audience: 'signedIn' });
    const { client } = await newResident(server.url, server.database.url);
    await client.page(`/surveys/${id}/1`);
    expect((await postPage(client, id, 1, PAGE1)).status).toBe(303);
    const page2 = await client.page(`/surveys/${id}/2`);
    expect(textOf(page2)).not.toContain('What would make you like it?');
    expect((await postPage(client, id, 2, { ...PAGE2, 'a.extra': 'More shade', 'a.unknown': 'x' })).status).toBe(303);
    const [response] = await q('SELECT answers FROM "SurveyResponse" WHERE "surveyId" = $1', [id]);
    expect(parse(response.answers)).not.toHaveProperty('extra');
    expect(parse(response.answers)).not.toHaveProperty('unknown');

    // Answering No shows it, and it is required then.
    const other = await newResident(server.url, server.database.url);
    await other.client.page(`/surveys/${id}/1`);
    expect((await postPage(other.client, id, 1, { ...PAGE1, 'a.likes': 'no' })).status).toBe(303);
    expect(textOf(await other.client.page(`/surveys/${id}/2`))).toContain('What would make you like it?');
    const missing = await postPage(other.client, id, 2, PAGE2);
    expect(missing.status).toBe(400);
    expect(invalid(await missing.text(), 'a.extra')).toBe(true);
  });

  it('links a stylesheet of same-page conditions (CSS of its own origin, the CSP unchanged); Back drops answers they hide', async () => {
    const id = await insertSurvey(server.database.url, { questions: PARK_QUESTIONS, audience: 'public' });
    const visitor = new Client(server.url);
    const page = await visitor.get(`/surveys/${id}/1`);
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self';");
    const html = await page.text();
    const href = /<link rel="stylesheet" href="(\/surveys\/[^"]+\/conditions\.css\?v=[^"]+)"/.exec(html)?.[1];
    expect(href).toBeDefined();
    // Every question the earlier pages allow is on the page; Why? hidden until Yes is ticked.
    expect(html).toMatch(/<div data-survey-question="why" hidden="">/);
    const css = await visitor.get(href!);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain(
      'form:has(input[name="a.likes"][value="yes"]:checked) [data-survey-question="why"] { display: block; }',
    );
    // Back keeps the page's answers but those to questions its conditions hide (posted all the same).
    const twoPages = await insertSurvey(server.database.url, {
      audience: 'public',
      questions: [
        { key: 'ok', kind: 'yesNo', section: 1, order: 1, required: true, label: label('OK?') },
        { key: 'dog', kind: 'yesNo', section: 2, order: 1, required: true, label: label('Dog?') },
        {
          key: 'name',
          kind: 'text',
          section: 2,
          order: 2,
          required: false,
          label: label('Name'),
          condition: { question: 'dog', op: 'eq', value: 'yes' },
        },
      ],
    });
    const stamp = /name="stamp" value="([^"]*)"/.exec(await visitor.page(`/surveys/${twoPages}/2`))![1]!;
    const carryOf = async (fields: Record<string, string>) => {
      const res = await visitor.post(`/surveys/${twoPages}/2`, { stamp, carry: '{"ok":true}', intent: 'back', ...fields });
      expect(res.status).toBe(200);
      return JSON.parse(/name="carry" value="([^"]*)"/.exec(await res.text())![1]!.replace(/&quot;/g, '"')) as unknown;
    };
    expect(await carryOf({ 'a.dog': 'yes', 'a.name': 'Rex' })).toEqual({ ok: true, dog: true, name: 'Rex' });
    expect(await carryOf({ 'a.dog': 'no', 'a.name': 'Rex' })).toEqual({ ok: true, dog: false });
    // A survey without same-page conditions links none.
    const plain = await insertSurvey(server.database.url, { audience: 'public' });
    expect(await visitor.page(`/surveys/${plain}/1`)).not.toContain('conditions.css');
  });

  it('keeps a signed-in draft across pages and across signing out and in, sealed in the database', async () => {
    const id = await insertSurvey(server.database.url, { questions: PARK_QUESTIONS, audience: 'signedIn' });
    const email = DEMO.staff;
    const staff = await signedIn(server.url, email);
    await staff.page(`/surveys/${id}/1`);
    expect((await postPage(staff, id, 1, { ...PAGE1, 'a.why': 'draft-secret-words' })).status).toBe(303);
    const [draft] = await q('SELECT section, sealed FROM "SurveyDraft" WHERE "surveyId" = $1', [id]);
    expect(Number(draft.section)).toBe(2);
    expect(String(draft.sealed)).not.toContain('draft-secret-words');
    await staff.post('/signout', {});

    const again = await signedIn(server.url, email);
    expect(textOf(await again.page(`/surveys/${id}`))).toContain('Continue where you left off');
    expect(await again.page(`/surveys/${id}/1`)).toContain('draft-secret-words');
    // Back from page 2 keeps page 2's answers too.
    await again.page(`/surveys/${id}/2`);
    const back = await postPage(again, id, 2, { 'a.order.swings': '1', 'a.order.pond': '2', 'a.order.trees': '3' }, 'back');
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`/surveys/${id}/1`);
    expect(await again.page(`/surveys/${id}/2`)).toMatch(/<option value="1" selected="">/);
  });

  it('answers who may answer on the real routes: visitors, residents in and out of the audience, staff', async () => {
    const flores = await neighborhoodId(server.database.url, 'las-flores');
    const oldTown = await neighborhoodId(server.database.url, 'old-town');
    const member = await newResident(server.url, server.database.url, flores);
    const outsider = await newResident(server.url, server.database.url, oldTown);
    const channelId = `ch${Date.now().toString(36)}`;
    await addMembersChannel(server.database.url, { id: channelId, slug: `garden-${channelId}`, name: label('Garden club') }, [member.id]);
    const one = [{ key: 'ok', kind: 'yesNo', section: 1, order: 1, required: true, label: label('OK?') }];
    const surveys = {
      public: await insertSurvey(server.database.url, { questions: one, audience: 'public' }),
      signedIn: await insertSurvey(server.database.url, { questions: one, audience: 'signedIn' }),
      neighborhoods: await insertSurvey(server.database.url, {
        questions: one,
        audience: 'neighborhoods',
        audienceNeighborhoods: [flores],
      }),
      channel: await insertSurvey(server.database.url, { questions: one, audience: 'channel', audienceChannelId: channelId }),
    };
    const staff = await signedIn(server.url, DEMO.staff);
    const actors: [string, Client, Record<keyof typeof surveys, number>][] = [
      ['visitor', new Client(server.url), { public: 200, signedIn: 302, neighborhoods: 302, channel: 302 }],
      ['resident in the audience', member.client, { public: 200, signedIn: 200, neighborhoods: 200, channel: 200 }],
      ['resident out of the audience', outsider.client, { public: 200, signedIn: 200, neighborhoods: 404, channel: 404 }],
      ['staff outside the audience', staff, { public: 200, signedIn: 200, neighborhoods: 403, channel: 403 }],
    ];
    for (const [who, client, expected] of actors) {
      for (const [audience, id] of Object.entries(surveys)) {
        const status = (await client.get(`/surveys/${id}/1`)).status;
        expect({ who, audience, status }).toEqual({ who, audience, status: expected[audience as keyof typeof surveys] });
        // The page's conditions stylesheet: the same guard.
        const css = (await client.get(`/surveys/${id}/conditions.css`)).status;
        expect({ who, audience, css }).toEqual({ who, audience, css: expected[audience as keyof typeof surveys] });
      }
    }
    // Denied posts store nothing; the allowed one stores its answer.
    const html = await member.client.page(`/surveys/${surveys.neighborhoods}/1`);
    const stamp = /name="stamp" value="([^"]*)"/.exec(html)![1];
    for (const [client, status] of [
      [outsider.client, 404],
      [staff, 403],
    ] as const) {
      await client.get('/');
      expect((await client.post(`/surveys/${surveys.neighborhoods}/1`, { stamp, intent: 'next', 'a.ok': 'yes' })).status).toBe(status);
    }
    expect(await q('SELECT * FROM "SurveyParticipation" WHERE "surveyId" = $1', [surveys.neighborhoods])).toHaveLength(0);
    expect((await member.client.post(`/surveys/${surveys.neighborhoods}/1`, { stamp, intent: 'next', 'a.ok': 'yes' })).status).toBe(303);
    expect(await q('SELECT * FROM "SurveyParticipation" WHERE "surveyId" = $1', [surveys.neighborhoods])).toHaveLength(1);
    // The list shows each person what they may answer.
    expect(await member.client.page('/surveys')).toContain(`/surveys/${surveys.channel}`);
    expect(await outsider.client.page('/surveys')).not.toContain(`/surveys/${surveys.channel}`);
    expect(await new Client(server.url).page('/surveys')).not.toContain(`/surveys/${surveys.signedIn}`);
  });

  it('stores one answer set and one participation when one person submits twice at the same moment', async () => {
    const one = [{ key: 'ok', kind: 'yesNo', section: 1, order: 1, required: true, label: label('OK?') }];
    for (const anonymous of [false, true]) {
      const id = await insertSurvey(server.database.url, { questions: one, audience: 'signedIn', anonymous });
      const { client } = await newResident(server.url, server.database.url);
      const html = await client.page(`/surveys/${id}/1`);
      const stamp = /name="stamp" value="([^"]*)"/.exec(html)![1];
      const posts = await Promise.all([0, 1].map(() => client.post(`/surveys/${id}/1`, { stamp, intent: 'next', 'a.ok': 'yes' })));
      expect(posts.map((r) => r.status).sort()).toEqual([303, 409]);
      const refused = posts.find((r) => r.status === 409)!;
      expect(textOf(await refused.text())).toContain('You have already answered this survey.');
      expect(await q('SELECT * FROM "SurveyParticipation" WHERE "surveyId" = $1', [id])).toHaveLength(1);
      const stored = anonymous ? 'SurveyPendingResponse' : 'SurveyResponse';
      expect(await q(`SELECT * FROM "${stored}" WHERE "surveyId" = $1`, [id])).toHaveLength(1);
    }
  });

  it('refuses answers after the close, before the open, and to questions changed meanwhile, storing nothing', async () => {
    const one = [{ key: 'ok', kind: 'yesNo', section: 1, order: 1, required: true, label: label('OK?') }];
    const id = await insertSurvey(server.database.url, { questions: one, audience: 'signedIn' });
    const { client } = await newResident(server.url, server.database.url);
    const html = await client.page(`/surveys/${id}/1`);
    const stamp = /name="stamp" value="([^"]*)"/.exec(html)![1];
    const answer = () => client.post(`/surveys/${id}/1`, { stamp, intent: 'next', 'a.ok': 'yes' });

    await q('UPDATE "Survey" SET "closesAt" = $1 WHERE id = $2', [new Date(Date.now() - 60_000).toISOString(), id]);
    const closed = await answer();
    expect(closed.status).toBe(409);
    expect(textOf(await closed.text())).toContain('This survey is closed');
    expect(textOf(await client.page(`/surveys/${id}/1`))).toContain('This survey is closed.');
    expect(textOf(await client.page(`/surveys/${id}`))).toContain('This survey is closed.');

    await q('UPDATE "Survey" SET "closesAt" = NULL, "opensAt" = $1 WHERE id = $2', [new Date(Date.now() + 3_600_000).toISOString(), id]);
    const early = await answer();
    expect(early.status).toBe(409);
    expect(textOf(await early.text())).toContain('not open yet');

    // As an edit does, the change moves updatedAt (the server keeps a survey as read until it moves).
    await q('UPDATE "Survey" SET "opensAt" = NULL, questions = $1, "updatedAt" = $3 WHERE id = $2', [
      JSON.stringify([{ ...one[0], label: label('Still OK?') }]),
      id,
      new Date().toISOString(),
    ]);
    const changed = await answer();
    expect(changed.status).toBe(409);
    expect(textOf(await changed.text())).toContain('The questions of this survey changed');
    expect(await q('SELECT * FROM "SurveyParticipation" WHERE "surveyId" = $1', [id])).toHaveLength(0);
    expect(await q('SELECT * FROM "SurveyResponse" WHERE "surveyId" = $1', [id])).toHaveLength(0);
  });

  it('keeps who answered apart from what they answered: sealed until a batch of five is mixed, no shared id, the day only, no pairing order', async () => {
    const questions = [
      { key: 'n', kind: 'number', section: 1, order: 1, required: true, label: label('Your number') },
      { key: 'note', kind: 'text', section: 1, order: 2, required: true, label: label('A word') },
    ];
    const id = await insertSurvey(server.database.url, { questions, audience: 'signedIn', anonymous: true });
    const answerAs = async (client: Client, i: number) => {
      await client.page(`/surveys/${id}/1`);
      const res = await postPage(client, id, 1, { 'a.n': String(i), 'a.note': `secret-word-${i}` });
      expect(res.status).toBe(303);
    };
    const people: string[] = [];
    for (let i = 1; i <= 10; i++) {
      const resident = await newResident(server.url, server.database.url);
      people.push(resident.id);
      await answerAs(resident.client, i);
      if (i === 3) {
        // Waiting for a batch: sealed, nothing readable, nothing in the results yet.
        const pending = await q('SELECT sealed FROM "SurveyPendingResponse" WHERE "surveyId" = $1', [id]);
        expect(pending).toHaveLength(3);
        for (const row of pending) expect(String(row.sealed)).not.toMatch(/secret-word|"n"/);
        expect(await q('SELECT * FROM "SurveyResponse" WHERE "surveyId" = $1', [id])).toHaveLength(0);
      }
    }
    // The mix job runs at five pending: two batches of five.
    const deadline = Date.now() + 30_000;
    while (Number((await q('SELECT "responseCount" FROM "Survey" WHERE id = $1', [id]))[0].responseCount) < 10) {
      if (Date.now() > deadline) throw new Error('the answers were not mixed');
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await q('SELECT * FROM "SurveyPendingResponse" WHERE "surveyId" = $1', [id])).toHaveLength(0);

    const postgres = testEngine() === 'postgres';
    const responses = await q(
      postgres
        ? 'SELECT *, xmin::text AS "rowXmin" FROM "SurveyResponse" WHERE "surveyId" = $1 ORDER BY ctid'
        : 'SELECT * FROM "SurveyResponse" WHERE "surveyId" = $1',
      [id],
    );
    const participations = await q(
      postgres
        ? 'SELECT *, xmin::text AS "rowXmin" FROM "SurveyParticipation" WHERE "surveyId" = $1 ORDER BY ctid'
        : 'SELECT * FROM "SurveyParticipation" WHERE "surveyId" = $1',
      [id],
    );
    expect(responses).toHaveLength(10);
    expect(participations.map((p) => p.userId).sort()).toEqual([...people].sort());
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const participationValues = new Set(participations.flatMap((p) => [p.id, p.userId].map(String)));
    for (const r of responses) {
      expect(r.userId).toBeNull();
      expect(r.submittedAt).toBeNull();
      expect(String(r.submittedOn)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(String(r.id)).toMatch(uuid);
      expect([1, 2]).toContain(Number(r.batch));
      // No value links a response to a participation but the survey and the day.
      for (const [column, value] of Object.entries(r)) {
        if (['surveyId', 'submittedOn', 'rowXmin'].includes(column) || value === null) continue;
        expect(participationValues.has(String(value))).toBe(false);
      }
    }
    // The schema: what the two tables share is the survey and the day, nothing else.
    const columns = async (table: string) =>
      (postgres
        ? await q(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = $1`, [table])
        : await q(`SELECT name FROM pragma_table_info('${table}')`)
      ).map((c) => String(c.name));
    const responseColumns = await columns('SurveyResponse');
    const shared = (await columns('SurveyParticipation')).filter((c) => responseColumns.includes(c));
    expect(shared.sort()).toEqual(['id', 'submittedOn', 'surveyId', 'userId']);
    // The storage order is not the order people answered in.
    const stored = responses.map((r) => Number(parse(r.answers).n));
    expect(stored.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(responses.map((r) => Number(parse(r.answers).n))).not.toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    if (postgres) {
      // A batch is written by one transaction: its rows share its xmin, which no participation has.
      const xmins = new Set(responses.map((r) => String(r.rowXmin)));
      expect(xmins.size).toBe(2);
      for (const p of participations) expect(xmins.has(String(p.rowXmin))).toBe(false);
    }
    // The texts are in the results, unsealed, without any link to a person.
    const texts = await q('SELECT text FROM "SurveyTextAnswer" WHERE "surveyId" = $1', [id]);
    expect(texts).toHaveLength(10);
  });

  it("mixes a closed survey's remainder of fewer than five into its last batch, written again with new ids", async () => {
    const questions = [{ key: 'n', kind: 'number', section: 1, order: 1, required: true, label: label('Your number') }];
    const id = await insertSurvey(server.database.url, { questions, audience: 'signedIn', anonymous: true });
    for (let i = 1; i <= 7; i++) {
      const { client } = await newResident(server.url, server.database.url);
      await client.page(`/surveys/${id}/1`);
      expect((await postPage(client, id, 1, { 'a.n': String(i) })).status).toBe(303);
    }
    const counted = async (n: number) => {
      const deadline = Date.now() + 30_000;
      while (Number((await q('SELECT "responseCount" FROM "Survey" WHERE id = $1', [id]))[0].responseCount) < n) {
        if (Date.now() > deadline) throw new Error(`not mixed up to ${n}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await counted(5);
    const first = (await q('SELECT id FROM "SurveyResponse" WHERE "surveyId" = $1', [id])).map((r) => String(r.id));
    expect(first).toHaveLength(5);
    expect(await q('SELECT * FROM "SurveyPendingResponse" WHERE "surveyId" = $1', [id])).toHaveLength(2);

    // Closed: the schedule's sweep (here the job itself) mixes the two left with the last batch.
    const past = new Date(Date.now() - 60_000).toISOString();
    await q('UPDATE "Survey" SET "closesAt" = $1 WHERE id = $2', [past, id]);
    await q(
      `INSERT INTO "Job" (id, name, payload, status, "runAt", attempts, "maxAttempts", "createdAt") VALUES ($1, 'surveys.mix', $2, 'queued', $3, 0, 3, $3)`,
      [`job-${id}`, JSON.stringify({ surveyId: id }), past],
    );
    await counted(7);
    const all = await q('SELECT id, batch FROM "SurveyResponse" WHERE "surveyId" = $1', [id]);
    expect(all).toHaveLength(7);
    expect(new Set(all.map((r) => Number(r.batch)))).toEqual(new Set([1]));
    for (const r of all) expect(first).not.toContain(String(r.id));
    expect(await q('SELECT * FROM "SurveyPendingResponse" WHERE "surveyId" = $1', [id])).toHaveLength(0);
    const [answerSets] = await q(`SELECT count FROM "SurveyTally" WHERE "surveyId" = $1 AND "questionKey" = '' AND bucket = ''`, [id]);
    expect(Number(answerSets.count)).toBe(7);
  });

  it("exports a person's surveys (answers only where not anonymous) and lets their answers outlive a deleted account without them", async () => {
    const one = [{ key: 'word', kind: 'text', section: 1, order: 1, required: true, label: label('A word') }];
    const open = await insertSurvey(server.database.url, { questions: one, audience: 'signedIn', title: 'Open survey' });
    const secret = await insertSurvey(server.database.url, {
      questions: one,
      audience: 'signedIn',
      anonymous: true,
      title: 'Secret survey',
    });
    const unfinished = await insertSurvey(server.database.url, { questions: [...PARK_QUESTIONS], audience: 'signedIn' });
    const { client, id: userId } = await newResident(server.url, server.database.url);
    for (const [survey, word] of [
      [open, 'named-answer'],
      [secret, 'anonymous-answer'],
    ]) {
      await client.page(`/surveys/${survey}/1`);
      expect((await postPage(client, survey, 1, { 'a.word': word })).status).toBe(303);
    }
    await client.page(`/surveys/${unfinished}/1`);
    expect((await postPage(client, unfinished, 1, PAGE1)).status).toBe(303);

    const data = (await (await client.get('/account/export')).json()) as {
      surveysAnswered: Record<string, unknown>[];
      surveyDrafts: unknown[];
    };
    const bySurvey = new Map(data.surveysAnswered.map((s) => [s.surveyId, s]));
    expect(bySurvey.get(open)).toMatchObject({ anonymous: false, answers: { word: 'named-answer' } });
    expect(bySurvey.get(secret)).toMatchObject({ anonymous: true, answers: null });
    expect(String(bySurvey.get(secret)!.day)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(data)).not.toContain('anonymous-answer');
    expect(data.surveyDrafts).toHaveLength(1);

    await client.get('/account/delete');
    expect((await client.post('/account/delete', { currentPassword: 'arroyo-verde-demo', confirm: 'on' })).status).toBe(303);
    expect(await q('SELECT * FROM "SurveyDraft" WHERE "userId" = $1', [userId])).toHaveLength(0);
    expect(await q('SELECT * FROM "SurveyParticipation" WHERE "userId" = $1', [userId])).toHaveLength(0);
    const [kept] = await q('SELECT "userId", answers FROM "SurveyResponse" WHERE "surveyId" = $1', [open]);
    expect(kept.userId).toBeNull();
    expect(parse(kept.answers)).toEqual({ word: 'named-answer' });
  });

  it('limits a visitor answering a public survey per address (429 with Retry-After)', async () => {
    const one = [{ key: 'ok', kind: 'yesNo', section: 1, order: 1, required: true, label: label('OK?') }];
    const id = await insertSurvey(server.database.url, { questions: one, audience: 'public', anonymous: true });
    // A visitor answers once (no account: nothing stored but the sealed answer set).
    const visitor = new Client(server.url);
    await visitor.page(`/surveys/${id}/1`);
    const answered = await postPage(visitor, id, 1, { 'a.ok': 'yes' });
    expect(answered.status).toBe(303);
    expect(await q('SELECT * FROM "SurveyPendingResponse" WHERE "surveyId" = $1', [id])).toHaveLength(1);
    expect(await q('SELECT * FROM "SurveyParticipation" WHERE "surveyId" = $1', [id])).toHaveLength(0);
    expect(textOf(await visitor.page(`/surveys/${id}`))).toContain('You have already answered this survey.');

    const bot = new Client(server.url);
    await bot.page(`/surveys/${id}/1`);
    let limited: Response | undefined;
    for (let i = 0; i < 150 && !limited; i++) {
      const res = await bot.post(`/surveys/${id}/1`, { stamp: 'x', intent: 'next' });
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(400);
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
