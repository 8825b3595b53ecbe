import { readFileSync } from 'node:fs';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, signedIn, textOf } from '../support/client';
import { sqlOf } from '../support/sql';
import { withTestServer } from '../support/test-server';

/** Staff build surveys under /staff/surveys (manage:survey), through the real routes. */
const server = withTestServer();
const sql = sqlOf(server);
let staff: Client;
beforeAll(async () => {
  staff = await signedIn(server.url, DEMO.staff);
});

const LIST = '/staff/surveys';
const idIn = (res: Response) => /^\/staff\/surveys\/([^/?#]+)$/.exec(res.headers.get('location') ?? '')?.[1];
const updatedAtIn = (html: string) => /name="updatedAt" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function createSurvey(en: string, es: string) {
  await staff.page(LIST);
  const res = await staff.post(LIST, { 'title.en': en, 'title.es': es });
  expect(res.status).toBe(303);
  const id = idIn(res);
  if (!id) throw new Error('no survey id');
  return id;
}

async function versionOf(path: string) {
  return updatedAtIn(await staff.page(path));
}

const choiceQuestion = (key: string, extra: Record<string, string> = {}) => ({
  key,
  kind: 'yesNo',
  section: '1',
  required: 'on',
  'label.en': `Question ${key}?`,
  'label.es': `¿Pregunta ${key}?`,
  ...extra,
});

async function addQuestion(id: string, fields: Record<string, string>) {
  const path = `${LIST}/${id}/questions/new`;
  const updatedAt = await versionOf(path);
  return staff.post(path, { updatedAt, ...fields });
}

async function auditActions(id: string) {
  const rows = await sql(`SELECT "action" FROM "AuditLog" WHERE "targetKind" = 'survey' AND "targetId" = $1 ORDER BY "createdAt"`, [id]);
  return rows.map((r) => String(r.action));
}

describe('building a survey', () => {
  it('lets staff create, set up, add questions to and publish a survey, every change audited', async () => {
    expect(await staff.page('/staff')).toContain('href="/staff/surveys"');
    const id = await createSurvey('Park priorities', 'Prioridades de los parques');
    expect(textOf(await staff.page(LIST))).toContain('Park priorities');
    // Paged by keyset: after this survey come only older ones; an unknown cursor is the first page.
    expect(textOf(await staff.page(`${LIST}?after=${id}`))).not.toContain('Park priorities');
    expect(textOf(await staff.page(`${LIST}?after=nothing-like-this`))).toContain('Park priorities');

    const updatedAt = await versionOf(`${LIST}/${id}`);
    const saved = await staff.post(`${LIST}/${id}`, {
      intent: 'save',
      updatedAt,
      'title.en': 'Park priorities 2027',
      'title.es': 'Prioridades de los parques 2027',
      'intro.en': 'Tell us what matters.',
      'intro.es': 'Díganos qué importa.',
      audience: 'signedIn',
      opensAt: '2026-01-10T09:00',
      closesAt: '2099-02-01T18:30',
      anonymous: 'on',
    });
    expect(saved.status).toBe(303);
    const [row] = await sql(`SELECT "audience", "anonymous", "opensAt", "closesAt" FROM "Survey" WHERE "id" = $1`, [id]);
    expect(row.audience).toBe('signedIn');
    // 09:00 in the city (America/Los_Angeles, winter) is 17:00 UTC.
    const opens =
      typeof row.opensAt === 'number' || /^\d+$/.test(String(row.opensAt)) ? new Date(Number(row.opensAt)) : new Date(String(row.opensAt));
    expect(opens.toISOString()).toBe('2026-01-10T17:00:00.000Z');

    // Publishing without a question is refused, with the reason.
    const early = await staff.post(`${LIST}/${id}`, { intent: 'publish' });
    expect(early.status).toBe(400);
    expect(textOf(await early.text())).toContain('Add at least one question before publishing.');

    expect((await addQuestion(id, choiceQuestion('visited'))).status).toBe(303);
    const rating = await addQuestion(id, {
      key: 'satisfaction',
      kind: 'rating',
      section: '1',
      'label.en': 'How satisfied are you?',
      'label.es': '¿Qué tan satisfecho está?',
      'scale.min': '1',
      'scale.max': '5',
      'scale.minLabel.en': 'Not at all',
      'scale.minLabel.es': 'Nada',
      'scale.maxLabel.en': 'Very',
      'scale.maxLabel.es': 'Mucho',
      'condition.question': 'visited',
      'condition.op': 'eq',
      'condition.value': 'yes',
    });
    expect(rating.status).toBe(303);
    const [stored] = await sql(`SELECT "questions" FROM "Survey" WHERE "id" = $1`, [id]);
    const questions = typeof stored.questions === 'string' ? JSON.parse(stored.questions) : stored.questions;
    expect(questions.map((q: { key: string }) => q.key)).toEqual(['visited', 'satisfaction']);
    expect(questions[1].condition).toEqual({ question: 'visited', op: 'eq', value: 'yes' });

    expect((await staff.post(`${LIST}/${id}`, { intent: 'publish' })).status).toBe(303);
    expect((await sql(`SELECT "status" FROM "Survey" WHERE "id" = $1`, [id]))[0].status).toBe('published');
    expect(await auditActions(id)).toEqual([
      'survey.create',
      'survey.update',
      'survey.question-add',
      'survey.question-add',
      'survey.publish',
    ]);
    const [audit] = await sql(`SELECT "before", "after" FROM "AuditLog" WHERE "targetId" = $1 AND "action" = 'survey.update'`, [id]);
    expect(JSON.stringify(audit.before)).toContain('Park priorities');
    expect(JSON.stringify(audit.after)).toContain('Park priorities 2027');

    // The preview shows the questions in Spanish, marked as a preview.
    const preview = textOf(await staff.page(`${LIST}/${id}/preview?lang=es`));
    expect(preview).toContain('Preview.');
    expect(preview).toContain('¿Qué tan satisfecho está?');
    expect(preview).toContain('Prioridades de los parques 2027');
  });

  it('refuses a bad question with the localized message on its field, the input kept', async () => {
    const id = await createSurvey('Bad questions', 'Preguntas malas');
    const oneOption = await addQuestion(id, {
      key: 'color',
      kind: 'singleChoice',
      section: '1',
      'label.en': 'Favourite colour',
      'label.es': 'Color favorito',
      'options[0].value': 'green',
      'options[0].label.en': 'Green',
      'options[0].label.es': 'Verde',
      'options[1].value': '',
      'options[1].label.en': '',
      'options[1].label.es': '',
    });
    expect(oneOption.status).toBe(400);
    const html = await oneOption.text();
    expect(/id="question-editor-options-error"[^>]*>[\s\S]*?Give at least two choices\./.test(html)).toBe(true);
    expect(html).toContain('value="Verde"');

    const range = await addQuestion(id, {
      key: 'age',
      kind: 'number',
      section: '1',
      'label.en': 'Age',
      'label.es': 'Edad',
      min: '10',
      max: '5',
    });
    expect(range.status).toBe(400);
    const rangeHtml = await range.text();
    expect(/<input[^>]*name="min"[^>]*aria-invalid="true"|<input[^>]*aria-invalid="true"[^>]*name="min"/.test(rangeHtml)).toBe(true);
    expect(rangeHtml).toContain('>Edad</textarea>');

    // A condition may only depend on an earlier question: q1 cannot depend on q2.
    expect((await addQuestion(id, choiceQuestion('q1'))).status).toBe(303);
    expect((await addQuestion(id, choiceQuestion('q2'))).status).toBe(303);
    const edit = `${LIST}/${id}/questions/q1`;
    const later = await staff.post(edit, {
      updatedAt: await versionOf(edit),
      ...choiceQuestion('q1'),
      'condition.question': 'q2',
      'condition.op': 'eq',
      'condition.value': 'yes',
    });
    expect(later.status).toBe(400);
    const laterHtml = await later.text();
    expect(textOf(laterHtml)).toContain('A condition can only depend on an earlier question.');
    expect(
      /<select[^>]*name="condition.question"[^>]*aria-invalid="true"|<select[^>]*aria-invalid="true"[^>]*name="condition.question"/.test(
        laterHtml,
      ),
    ).toBe(true);

    // In Spanish, the same message in Spanish.
    const es = await signedIn(server.url, DEMO.staff);
    const newPath = `${LIST}/${id}/questions/new`;
    await es.post('/language', { locale: 'es', redirectTo: newPath });
    try {
      const refused = await es.post(newPath, {
        updatedAt: updatedAtIn(await es.page(newPath)),
        ...choiceQuestion('q3', { kind: 'ranking' }),
      });
      expect(refused.status).toBe(400);
      expect(textOf(await refused.text())).toContain('Indique al menos dos opciones.');
    } finally {
      await es.post('/language', { locale: 'en', redirectTo: newPath });
    }
  });

  it('refuses a save made on a page loaded before someone else saved (optimistic check)', async () => {
    const id = await createSurvey('Two editors', 'Dos editores');
    const page = `${LIST}/${id}`;
    const seen = await versionOf(page);
    const fields = { intent: 'save', 'title.en': 'First', 'title.es': 'Primero', audience: 'public', anonymous: 'on' };
    expect((await staff.post(page, { ...fields, updatedAt: seen })).status).toBe(303);
    const second = await staff.post(page, { ...fields, 'title.en': 'Second', updatedAt: seen });
    expect(second.status).toBe(409);
    const html = textOf(await second.text());
    expect(html).toContain('Someone else changed this survey since you opened the page');
    expect(JSON.stringify((await sql(`SELECT "title" FROM "Survey" WHERE "id" = $1`, [id]))[0].title)).toContain('First');
  });

  it('shows an edit of a survey at once, though a survey unchanged for a second is kept between requests', async () => {
    const id = await createSurvey('Kept survey', 'Encuesta guardada');
    const page = `${LIST}/${id}`;
    // Unchanged for a minute (written as Prisma writes times): the next read keeps it
    // (app/modules/surveys/queries.server.ts).
    const minuteAgo = new Date(Date.now() - 60_000).toISOString().replace('Z', '+00:00');
    await sql(`UPDATE "Survey" SET "updatedAt" = $1 WHERE "id" = $2`, [minuteAgo, id]);
    const kept = await staff.page(page);
    expect(textOf(await staff.page(page))).toContain('Kept survey');
    const fields = { intent: 'save', 'title.en': 'Renamed survey', 'title.es': 'Encuesta renombrada', audience: 'public' };
    expect((await staff.post(page, { ...fields, updatedAt: updatedAtIn(kept) })).status).toBe(303);
    expect(textOf(await staff.page(page))).toContain('Renamed survey');
    // Its status is read at every request, whatever wrote it.
    await sql(`UPDATE "Survey" SET "status" = 'archived' WHERE "id" = $1`, [id]);
    expect(textOf(await staff.page(page))).toContain('Archived: no longer answered.');
  });

  it('fixes anonymity and locks the questions once someone has answered; a new version and a duplicate are drafts', async () => {
    const id = await createSurvey('Answered survey', 'Encuesta respondida');
    expect((await addQuestion(id, choiceQuestion('liked'))).status).toBe(303);
    const [resident] = await sql(`SELECT "id" FROM "User" WHERE "email" = $1`, [DEMO.resident]);
    await sql(`INSERT INTO "SurveyParticipation" ("id", "surveyId", "userId", "submittedOn") VALUES ($1, $2, $3, $4)`, [
      crypto.randomUUID(),
      id,
      resident.id,
      '2026-12-06',
    ]);

    const page = `${LIST}/${id}`;
    const settings = await staff.page(page);
    expect(textOf(settings)).toContain('Someone has answered, so this can no longer change.');
    const refused = await staff.post(page, {
      intent: 'save',
      updatedAt: updatedAtIn(settings),
      'title.en': 'Answered survey',
      'title.es': 'Encuesta respondida',
      audience: 'public',
    });
    expect(refused.status).toBe(409);
    expect(textOf(await refused.text())).toContain('its anonymity can no longer change');
    expect((await sql(`SELECT "anonymous" FROM "Survey" WHERE "id" = $1`, [id]))[0].anonymous).toBeTruthy();

    const locked = await addQuestion(id, choiceQuestion('another'));
    expect(locked.status).toBe(409);
    expect(textOf(await locked.text())).toContain('its questions and sections can no longer change');
    expect(textOf(await staff.page(`${page}/questions`))).toContain('Make a new version');

    const version = await staff.post(page, { intent: 'newVersion' });
    expect(version.status).toBe(303);
    const next = idIn(version)!;
    const [copy] = await sql(`SELECT "version", "previousVersionId", "status", "questions", "opensAt" FROM "Survey" WHERE "id" = $1`, [
      next,
    ]);
    expect(Number(copy.version)).toBe(2);
    expect(copy.previousVersionId).toBe(id);
    expect(copy.status).toBe('draft');
    expect(copy.opensAt).toBeNull();
    expect(JSON.stringify(copy.questions)).toContain('liked');
    expect((await addQuestion(next, choiceQuestion('another'))).status).toBe(303);

    const duplicate = await staff.post(page, { intent: 'duplicate' });
    expect(duplicate.status).toBe(303);
    const [dup] = await sql(`SELECT "version", "previousVersionId", "title" FROM "Survey" WHERE "id" = $1`, [idIn(duplicate)]);
    expect(Number(dup.version)).toBe(1);
    expect(dup.previousVersionId).toBeNull();
    expect(JSON.stringify(dup.title)).toContain('Copy of Answered survey');
    expect(JSON.stringify(dup.title)).toContain('Copia de Encuesta respondida');
    expect(await auditActions(next)).toEqual(['survey.new-version', 'survey.question-add']);
    expect(await auditActions(idIn(duplicate)!)).toEqual(['survey.duplicate']);
  });

  it('moves, removes and titles sections and questions', async () => {
    const id = await createSurvey('Sections', 'Secciones');
    expect((await addQuestion(id, choiceQuestion('a'))).status).toBe(303);
    expect((await addQuestion(id, choiceQuestion('b'))).status).toBe(303);
    const page = `${LIST}/${id}/questions`;
    const post = async (fields: Record<string, string>) => staff.post(page, { updatedAt: await versionOf(page), ...fields });
    expect((await post({ intent: 'addSection', 'title.en': 'More', 'title.es': 'Más' })).status).toBe(303);
    expect((await post({ intent: 'questionDown', key: 'b' })).status).toBe(303);
    const keys = async () => {
      const [row] = await sql(`SELECT "questions", "sections" FROM "Survey" WHERE "id" = $1`, [id]);
      const qs = typeof row.questions === 'string' ? JSON.parse(row.questions) : row.questions;
      return qs.map((q: { key: string; section: number }) => `${q.section}:${q.key}`);
    };
    expect(await keys()).toEqual(['1:a', '2:b']);
    expect((await post({ intent: 'questionUp', key: 'b' })).status).toBe(303);
    expect(await keys()).toEqual(['1:a', '1:b']);
    expect((await post({ intent: 'removeSection', section: '1' })).status).toBe(400);
    expect((await post({ intent: 'removeSection', section: '2' })).status).toBe(303);
    expect((await post({ intent: 'removeQuestion', key: 'a' })).status).toBe(303);
    expect(await keys()).toEqual(['1:b']);
    expect(textOf(await staff.page(page))).toContain('Question b?');
  });
});

describe('the builder pages', () => {
  it('are valid HTML (html-validate, as the real server sends them)', async () => {
    const validator = new HtmlValidate(JSON.parse(readFileSync('.htmlvalidate.json', 'utf8')) as ConfigData);
    const id = await createSurvey('Valid pages', 'Páginas válidas');
    expect((await addQuestion(id, { ...choiceQuestion('q1'), kind: 'rating', 'scale.min': '1', 'scale.max': '5' })).status).toBe(303);
    const found: string[] = [];
    for (const path of [
      LIST,
      `${LIST}/${id}`,
      `${LIST}/${id}/questions`,
      `${LIST}/${id}/questions/new`,
      `${LIST}/${id}/questions/q1`,
      `${LIST}/${id}/preview?lang=es`,
    ]) {
      const report = await validator.validateString(await staff.page(path), path);
      found.push(
        ...report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${path} ${m.ruleId}: ${m.message}`)),
      );
    }
    expect(found).toEqual([]);
  });
});

describe('who may build', () => {
  const routes = (id: string) => [
    LIST,
    `${LIST}/${id}`,
    `${LIST}/${id}/questions`,
    `${LIST}/${id}/questions/new`,
    `${LIST}/${id}/questions/q`,
    `${LIST}/${id}/preview?lang=es`,
  ];
  const posts = (id: string): [string, Record<string, string>][] => [
    [LIST, { 'title.en': 'X', 'title.es': 'X' }],
    [`${LIST}/${id}`, { intent: 'publish' }],
    [`${LIST}/${id}`, { intent: 'duplicate' }],
    [`${LIST}/${id}/questions`, { intent: 'addSection', updatedAt: 'x' }],
    [`${LIST}/${id}/questions/new`, { updatedAt: 'x', ...choiceQuestion('z') }],
    [`${LIST}/${id}/questions/q`, { updatedAt: 'x', ...choiceQuestion('q') }],
  ];

  it('refuses residents and moderators (403) and sends visitors to sign in, on every page and action', async () => {
    const id = await createSurvey('Staff only', 'Solo personal');
    expect((await addQuestion(id, choiceQuestion('q'))).status).toBe(303);
    expect((await staff.get(`${LIST}/${id}/questions/q`)).status).toBe(200);
    const before = (await sql(`SELECT count(*) AS n FROM "Survey"`))[0].n;
    for (const email of [DEMO.resident, DEMO.moderator]) {
      const client = await signedIn(server.url, email);
      for (const path of routes(id)) expect([path, (await client.get(path)).status]).toEqual([path, 403]);
      for (const [path, fields] of posts(id)) expect([path, (await client.post(path, fields)).status]).toEqual([path, 403]);
    }
    const visitor = new Client(server.url);
    for (const path of routes(id)) {
      const res = await visitor.get(path);
      expect([path, res.status]).toEqual([path, 302]);
      expect(res.headers.get('location')).toContain('/signin');
    }
    for (const [path, fields] of posts(id)) expect([path, (await visitor.post(path, fields)).status]).toEqual([path, 302]);
    expect((await sql(`SELECT count(*) AS n FROM "Survey"`))[0].n).toBe(before);
    expect((await sql(`SELECT "status" FROM "Survey" WHERE "id" = $1`, [id]))[0].status).toBe('draft');
    // A built-in survey is not built here.
    const builtIn = await sql(`SELECT "id" FROM "Survey" WHERE "key" IS NOT NULL`);
    if (builtIn[0]) expect((await staff.get(`${LIST}/${builtIn[0].id}`)).status).toBe(404);
    expect((await staff.get(`${LIST}/no-such-survey`)).status).toBe(404);
  });
});
