import { randomUUID } from 'node:crypto';
import { Prisma } from '~/generated/sqlite/client';
import { createRows, type Tx } from '~/lib/db.server';
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

/** Writes the answer sets; returns their ids in the order given. */
export async function insertResponses(
  tx: Tx,
  surveyId: string,
  questions: readonly TalliedQuestion[],
  sets: (AnswerSet & Extra)[],
): Promise<string[]> {
  const rows = sets.map((set) => ({ id: randomUUID(), set }));
  if (!rows.length) return [];
  await createRows(
    rows.map(({ id, set }) => ({
      id,
      surveyId,
      answers: set.answers as never,
      language: set.language,
      neighborhoodId: set.neighborhoodId,
      submittedOn: set.day,
      submittedAt: set.submittedAt ?? null,
      userId: set.userId ?? null,
      batch: set.batch ?? null,
      requestId: set.requestId ?? null,
      channel: set.channel ?? 'web',
      recordedById: set.recordedById ?? null,
    })),
    (data) => tx.surveyResponse.create({ data, select: { id: true } }),
    (data) => tx.surveyResponse.createMany({ data }).then(() => []),
  );
  const texts = rows.flatMap(({ id, set }) =>
    textAnswers(questions, set.answers).map((t) => ({
      id: randomUUID(),
      surveyId,
      responseId: id,
      questionKey: t.questionKey,
      text: t.text,
      language: set.language,
      neighborhoodId: set.neighborhoodId ?? '',
      segment: set.segment ?? NO_SEGMENT,
    })),
  );
  await createRows(
    texts,
    (data) => tx.surveyTextAnswer.create({ data, select: { id: true } }),
    (data) => tx.surveyTextAnswer.createMany({ data }).then(() => []),
  );
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

/** Counts `added` more answer sets on the survey and tells the results page (after commit). */
export async function countResponses(tx: Tx, surveyId: string, added: number) {
  const { responseCount } = await tx.survey.update({
    where: { id: surveyId },
    data: { responseCount: { increment: added } },
    select: { responseCount: true },
  });
  await publishSurveyResults(tx, surveyId, responseCount);
}
