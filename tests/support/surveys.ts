import { randomUUID } from 'node:crypto';
import type { Answers } from '~/modules/surveys/answers';
import { parseQuestions, type Question } from '~/modules/surveys/questions';
import { tallyBuckets, textAnswers } from '~/modules/surveys/tally';
import { sql } from './sql';

/**
 * Surveys and answers written straight into a test database, for pages that read them (results)
 * while no screen writes them yet. Tallies come from `tallyBuckets`, exactly as answering writes
 * them, so the figures a test expects are those of the answer sets it inserted.
 */
const L = (en: string, es = `${en} (es)`) => ({ en, es });
export const text = L;

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
  id: string;
  questions?: Question[];
  anonymous?: boolean;
  audience?: 'public' | 'signedIn';
  status?: 'draft' | 'published';
  resultsPublic?: boolean;
  title?: string;
};

export async function insertSurvey(url: string, s: SurveyRow) {
  const now = new Date().toISOString();
  await sql(
    url,
    `INSERT INTO "Survey" (id, title, questions, anonymous, audience, status, "resultsPublic", "responseCount", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, ${s.anonymous === false ? 'false' : 'true'}, $4, $5, ${s.resultsPublic ? 'true' : 'false'}, 0, $6, $6)`,
    [
      s.id,
      JSON.stringify(L(s.title ?? `Survey ${s.id}`)),
      JSON.stringify(s.questions ?? SAMPLE_QUESTIONS),
      s.audience ?? 'public',
      s.status ?? 'published',
      now,
    ],
  );
  return s.id;
}

export type AnswerSet = { answers: Answers; language?: string; neighborhoodId?: string | null; userId?: string | null; day?: string };

/**
 * Answer sets as the answering engine stores them: SurveyResponse rows (random ids, the day
 * only), their SurveyTextAnswer rows, the SurveyTally increments and Survey.responseCount.
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
    ` ON CONFLICT ("surveyId", "questionKey", bucket, "neighborhoodId", language) DO UPDATE SET count = "SurveyTally".count + excluded.count`,
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
