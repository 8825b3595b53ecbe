import { randomUUID } from 'node:crypto';
import type { Answers } from '~/modules/surveys/answers';
import { parseQuestions, type Question } from '~/modules/surveys/questions';
import { tallyBuckets, textAnswers } from '~/modules/surveys/tally';
import { signedIn, type Client } from './client';
import { insertResident } from './residents';
import { sql } from './sql';

/**
 * Surveys arranged straight in the database (the builder's screens are tested on their own): a
 * published survey with a given question set, residents to answer it, and answer sets written as
 * the answering engine writes them (for the results pages). Tallies come from `tallyBuckets`, so
 * the figures a test expects are those of the answer sets it inserted.
 */
const L = (en: string, es = `${en} (es)`) => ({ en, es });
export const label = L;
export const choices = (...values: string[]) => values.map((value) => ({ value, label: L(value) }));

/** A question of `kind` on page `section`, required unless `extra` says otherwise. */
const ask = (key: string, kind: string, section: number, order: number, text: string, extra: Record<string, unknown> = {}) => ({
  key,
  kind,
  section,
  order,
  required: true,
  label: L(text),
  ...extra,
});

/** Two pages with every question kind; `extra` (page 2) is shown only when `likes` is No. */
export const PARK_QUESTIONS = [
  ask('likes', 'yesNo', 1, 1, 'Do you like the park?'),
  ask('why', 'longText', 1, 2, 'Why?', { required: false, condition: { question: 'likes', op: 'eq', value: 'yes' } }),
  ask('score', 'rating', 1, 3, 'How clean is it?', { scale: { min: 1, max: 5, minLabel: L('Dirty'), maxLabel: L('Spotless') } }),
  ask('color', 'singleChoice', 1, 4, 'Bench color', { options: choices('green', 'blue') }),
  ask('topics', 'multipleChoice', 1, 5, 'What to improve', {
    required: false,
    options: choices('lights', 'paths', 'toilets'),
    maxChoices: 2,
  }),
  ask('visits', 'number', 1, 6, 'Visits a month', { min: 0, max: 100 }),
  ask('since', 'date', 1, 7, 'First visit', { required: false }),
  ask('nick', 'text', 1, 8, 'Your park nickname', { required: false }),
  ask('order', 'ranking', 2, 1, 'Rank these', { options: choices('swings', 'pond', 'trees') }),
  ask('grid', 'matrix', 2, 2, 'Rate each', { scale: { min: 1, max: 3 }, rows: choices('safety', 'shade') }),
  ask('extra', 'text', 2, 3, 'What would make you like it?', { condition: { question: 'likes', op: 'eq', value: 'no' } }),
];

/** A survey with one question of most kinds (options a, b, c; rating 1–5; a 1–3 matrix). */
export const SAMPLE_QUESTIONS = parseQuestions([
  {
    key: 'fruit',
    kind: 'singleChoice',
    order: 1,
    required: true,
    label: L('Favourite fruit', 'Fruta favorita'),
    options: [
      { value: 'apples', label: L('Apples', 'Manzanas') },
      { value: 'pears', label: L('Pears', 'Peras') },
      { value: 'plums', label: L('Plums', 'Ciruelas') },
    ],
  },
  {
    key: 'score',
    kind: 'rating',
    order: 2,
    required: false,
    label: L('How good is the park?', '¿Qué tal el parque?'),
    scale: { min: 1, max: 5 },
  },
  { key: 'dog', kind: 'yesNo', order: 3, required: false, label: L('Do you have a dog?', '¿Tiene perro?') },
  {
    key: 'grid',
    kind: 'matrix',
    order: 4,
    required: false,
    label: L('Rate the paths', 'Valore los caminos'),
    scale: { min: 1, max: 3 },
    rows: [
      { value: 'clean', label: L('Clean', 'Limpios') },
      { value: 'safe', label: L('Safe', 'Seguros') },
    ],
  },
  {
    key: 'order',
    kind: 'ranking',
    order: 5,
    required: false,
    label: L('Rank these', 'Ordene estos'),
    options: [
      { value: 'trees', label: L('Trees', 'Árboles') },
      { value: 'lights', label: L('Lights', 'Luces') },
    ],
  },
  { key: 'comment', kind: 'longText', order: 6, required: false, label: L('Anything else?', '¿Algo más?') },
]);

export type SurveyRow = {
  /** A chosen id (else a new one) */
  id?: string;
  title?: string;
  /** The question set (else SAMPLE_QUESTIONS) */
  questions?: unknown[];
  sections?: unknown[];
  anonymous?: boolean;
  audience?: 'public' | 'signedIn' | 'neighborhoods' | 'channel';
  audienceNeighborhoods?: string[];
  audienceChannelId?: string | null;
  opensAt?: Date | null;
  closesAt?: Date | null;
  status?: string;
  thanks?: string;
  resultsPublic?: boolean;
};

/** Inserts a survey (published, open, not anonymous, public unless told) and answers its id. */
export async function insertSurvey(databaseUrl: string, survey: SurveyRow): Promise<string> {
  const id = survey.id ?? `sv${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const title = survey.title ?? 'Parks survey';
  const now = new Date().toISOString();
  await sql(
    databaseUrl,
    `INSERT INTO "Survey" (id, title, intro, thanks, sections, questions, anonymous, audience, "audienceNeighborhoods",
       "audienceChannelId", "opensAt", "closesAt", status, "resultsPublic", version, "responseCount", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, ${survey.anonymous ? 'true' : 'false'}, $7, $8, $9, $10, $11, $12, ${survey.resultsPublic ? 'true' : 'false'}, 1, 0, $13, $13)`,
    [
      id,
      JSON.stringify(L(title)),
      JSON.stringify(L(`About ${title}.`)),
      JSON.stringify(L(survey.thanks ?? 'Thanks for helping the parks.')),
      JSON.stringify(survey.sections ?? []),
      JSON.stringify(survey.questions ?? SAMPLE_QUESTIONS),
      survey.audience ?? 'public',
      JSON.stringify(survey.audienceNeighborhoods ?? []),
      survey.audienceChannelId ?? null,
      survey.opensAt?.toISOString() ?? null,
      survey.closesAt?.toISOString() ?? null,
      survey.status ?? 'published',
      now,
    ],
  );
  return id;
}

/** A neighborhood's id by its slug (the demo city has old-town, riverside, las-flores, northgate). */
export async function neighborhoodId(databaseUrl: string, slug: string): Promise<string> {
  const [row] = await sql(databaseUrl, `SELECT id FROM "Neighborhood" WHERE slug = $1`, [slug]);
  if (!row) throw new Error(`no neighborhood ${slug}`);
  return String(row.id);
}

let residents = 0;
/**
 * A new verified resident (a copy of the demo resident with the demo password), living in the
 * given neighborhood, signed in: quicker than the sign-up form when a test needs many.
 */
export async function newResident(
  base: string,
  databaseUrl: string,
  neighborhood: string | null = null,
): Promise<{ client: Client; id: string; email: string }> {
  const id = `res${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const email = `survey.resident.${Date.now().toString(36)}.${++residents}@example.org`;
  await insertResident(databaseUrl, { id, email, displayName: `Resident ${residents}`, neighborhoodId: neighborhood });
  return { client: await signedIn(base, email), id, email };
}

export type AnswerSet = { answers: Answers; language?: string; neighborhoodId?: string | null; userId?: string | null; day?: string };

/**
 * Answer sets as the answering engine stores them: SurveyResponse rows (random ids, the day
 * only), their SurveyTextAnswer rows, the SurveyTally increments and Survey.responseCount (its
 * updatedAt stays: it moves with edits only, docs/decisions/0022-raw-sql-on-hot-writes.md).
 * Returns the new response ids.
 */
export async function insertAnswers(url: string, surveyId: string, sets: AnswerSet[], questions: Question[] = SAMPLE_QUESTIONS) {
  const ids: string[] = [];
  const tallies = new Map<string, number>();
  const texts: unknown[][] = [];
  const responses: unknown[][] = [];
  for (const set of sets) {
    const id = randomUUID();
    ids.push(id);
    const language = set.language ?? 'en';
    const place = set.neighborhoodId ?? '';
    responses.push([
      id,
      surveyId,
      set.userId ?? null,
      JSON.stringify(set.answers),
      language,
      set.neighborhoodId ?? null,
      set.day ?? '2026-05-04',
    ]);
    for (const t of textAnswers(questions, set.answers)) texts.push([randomUUID(), surveyId, id, t.questionKey, t.text, language, place]);
    for (const b of tallyBuckets(questions, set.answers)) {
      const key = JSON.stringify([b.questionKey, b.bucket, place, language]);
      tallies.set(key, (tallies.get(key) ?? 0) + 1);
    }
  }
  await insertRows(url, `"SurveyResponse" (id, "surveyId", "userId", answers, language, "neighborhoodId", "submittedOn")`, responses);
  await insertRows(url, `"SurveyTextAnswer" (id, "surveyId", "responseId", "questionKey", text, language, "neighborhoodId")`, texts);
  await insertRows(
    url,
    `"SurveyTally" ("surveyId", "questionKey", bucket, "neighborhoodId", language, count)`,
    [...tallies].map(([key, count]) => [surveyId, ...(JSON.parse(key) as string[]), count]),
    ` ON CONFLICT ("surveyId", "questionKey", bucket, "neighborhoodId", language, segment) DO UPDATE SET count = "SurveyTally".count + excluded.count`,
  );
  await sql(url, `UPDATE "Survey" SET "responseCount" = "responseCount" + $1 WHERE id = $2`, [sets.length, surveyId]);
  return ids;
}

/** Multi-row INSERTs, a hundred rows a statement. */
async function insertRows(url: string, into: string, rows: unknown[][], suffix = '') {
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    const params: unknown[] = [];
    const values = chunk.map((row) => `(${row.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`).join(', ');
    await sql(url, `INSERT INTO ${into} VALUES ${values}${suffix}`, params);
  }
}
