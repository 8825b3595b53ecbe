import { randomUUID } from 'node:crypto';
import { Prisma } from '~/generated/sqlite/client';
import { bulkInsert, type Column } from '~/lib/bulk-insert.server';
import type { Tx } from '~/lib/db.server';
import type { Answers } from './answers';
import { publishSurveyResults } from './results.server';
import { NO_SEGMENT } from './segments';
import { tallyBuckets, textAnswers, type TalliedQuestion } from './tally';

/**
 * Writing answer sets into the results, shared by a direct (not anonymous) submit and the mixing
 * job: the SurveyResponse rows (random UUID ids, in the order given), their free-text answers and
 * the tallies, then the survey's count and its results event after commit.
 */
export type AnswerSet = {
  answers: Answers;
  language: string;
  neighborhoodId: string | null;
  day: string;
  /** What it is about (segments.ts); '' when nothing. */
  segment?: string;
};

/** What a set stores beyond the results: who and when (surveys that are not anonymous), its batch, its request. */
type Extra = {
  userId?: string | null;
  submittedAt?: Date | null;
  batch?: number | null;
  requestId?: string | null;
  channel?: 'web' | 'staff';
  recordedById?: string | null;
};

const RESPONSE_COLUMNS = [
  ['id', 'text'],
  ['surveyId', 'text'],
  ['answers', 'json'],
  ['language', 'text'],
  ['neighborhoodId', 'text'],
  ['submittedOn', 'text'],
  ['submittedAt', 'timestamp'],
  ['userId', 'text'],
  ['batch', 'int'],
  ['requestId', 'text'],
  ['channel', 'text'],
  ['recordedById', 'text'],
] as const satisfies readonly Column[];

const TEXT_COLUMNS = [
  ['id', 'text'],
  ['surveyId', 'text'],
  ['responseId', 'text'],
  ['questionKey', 'text'],
  ['text', 'text'],
  ['language', 'text'],
  ['neighborhoodId', 'text'],
  ['segment', 'text'],
] as const satisfies readonly Column[];

/**
 * Writes the answer sets; returns their ids in the order given. One statement for the sets and
 * one for their written answers, whatever their number (bulkInsert: a Prisma create costs several
 * times the SQL it sends, and every answer pays it).
 */
export async function insertResponses(
  tx: Tx,
  surveyId: string,
  questions: readonly TalliedQuestion[],
  sets: (AnswerSet & Extra)[],
): Promise<string[]> {
  const rows = sets.map((set) => ({ id: randomUUID(), set }));
  await bulkInsert(
    tx,
    'SurveyResponse',
    RESPONSE_COLUMNS,
    rows.map(({ id, set }) => [
      id,
      surveyId,
      set.answers,
      set.language,
      set.neighborhoodId,
      set.day,
      set.submittedAt ?? null,
      set.userId ?? null,
      set.batch ?? null,
      set.requestId ?? null,
      set.channel ?? 'web',
      set.recordedById ?? null,
    ]),
  );
  const texts = rows.flatMap(({ id, set }) =>
    textAnswers(questions, set.answers).map((t) => [
      randomUUID(),
      surveyId,
      id,
      t.questionKey,
      t.text,
      set.language,
      set.neighborhoodId ?? '',
      set.segment ?? NO_SEGMENT,
    ]),
  );
  await bulkInsert(tx, 'SurveyTextAnswer', TEXT_COLUMNS, texts);
  return rows.map((r) => r.id);
}

/** Tally rows per statement (7 parameters each, far below either engine's limit). */
const TALLY_CHUNK = 500;

/**
 * Adds the answer sets to the tallies: one multi-row upsert (the same SQL on both engines) per
 * chunk, each distinct row incremented by its count. Rows go in key order, so two transactions
 * adding to the same rows lock them in the same order (no deadlock on PostgreSQL).
 */
export async function addTallies(tx: Tx, surveyId: string, questions: readonly TalliedQuestion[], sets: AnswerSet[]) {
  const counts = new Map<string, { key: string[]; n: number }>();
  for (const set of sets) {
    for (const b of tallyBuckets(questions, set.answers)) {
      const key = [b.questionKey, b.bucket, set.neighborhoodId ?? '', set.language, set.segment ?? NO_SEGMENT];
      const id = JSON.stringify(key);
      const found = counts.get(id);
      if (found) found.n += 1;
      else counts.set(id, { key, n: 1 });
    }
  }
  const rows = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  for (let i = 0; i < rows.length; i += TALLY_CHUNK) {
    const values = rows.slice(i, i + TALLY_CHUNK).map(({ key, n }) => Prisma.sql`(${surveyId}, ${Prisma.join(key)}, ${n})`);
    await tx.$executeRaw`
      INSERT INTO "SurveyTally" ("surveyId", "questionKey", "bucket", "neighborhoodId", "language", "segment", "count")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("surveyId", "questionKey", "bucket", "neighborhoodId", "language", "segment")
      DO UPDATE SET "count" = "SurveyTally"."count" + excluded."count"`;
  }
}

/**
 * Answer sets that reach the results at once (a survey that is not anonymous, the request
 * follow-up): their rows, tallies and count, and the results event. Returns the new ids.
 */
export async function writeAnswerSets(tx: Tx, surveyId: string, questions: readonly TalliedQuestion[], sets: (AnswerSet & Extra)[]) {
  const ids = await insertResponses(tx, surveyId, questions, sets);
  await addTallies(tx, surveyId, questions, sets);
  await countResponses(tx, surveyId, sets.length);
  return ids;
}

/**
 * Counts `added` more answer sets on the survey and tells the results page (after commit). Raw SQL
 * so that the survey's updatedAt (Prisma's @updatedAt) keeps meaning "last edited": answers do
 * not move it, and the parsed survey stays cached between them (queries.server.ts getSurvey).
 */
export async function countResponses(tx: Tx, surveyId: string, added: number) {
  const [row] = await tx.$queryRaw<{ responseCount: number | bigint }[]>`
    UPDATE "Survey" SET "responseCount" = "responseCount" + ${added} WHERE "id" = ${surveyId} RETURNING "responseCount"`;
  if (!row) throw new Error(`countResponses: no survey ${surveyId}`);
  await publishSurveyResults(tx, surveyId, Number(row.responseCount));
}
