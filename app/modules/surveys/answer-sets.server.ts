import { randomUUID } from 'node:crypto';
import type { Tx } from '~/lib/db.server';
import type { Answers } from './answers';
import type { Question } from './questions';
import { publishSurveyResults } from './results.server';
import { tallyBuckets, textAnswers } from './tally';

/**
 * Writing answer sets into the results, shared by a direct (not anonymous) submit and the mixing
 * job: the SurveyResponse rows (random UUID ids, in the order given), their free-text answers and
 * the tallies, then the survey's count and its results event after commit.
 */
export type AnswerSet = { answers: Answers; language: string; neighborhoodId: string | null; day: string };

type Extra = { userId?: string | null; submittedAt?: Date | null; batch?: number | null };

export async function insertResponses(tx: Tx, surveyId: string, questions: readonly Question[], sets: (AnswerSet & Extra)[]) {
  const rows = sets.map((set) => ({ id: randomUUID(), set }));
  if (!rows.length) return;
  await tx.surveyResponse.createMany({
    data: rows.map(({ id, set }) => ({
      id,
      surveyId,
      answers: set.answers as never,
      language: set.language,
      neighborhoodId: set.neighborhoodId,
      submittedOn: set.day,
      submittedAt: set.submittedAt ?? null,
      userId: set.userId ?? null,
      batch: set.batch ?? null,
    })),
  });
  const texts = rows.flatMap(({ id, set }) =>
    textAnswers(questions, set.answers).map((t) => ({
      id: randomUUID(),
      surveyId,
      responseId: id,
      questionKey: t.questionKey,
      text: t.text,
      language: set.language,
      neighborhoodId: set.neighborhoodId ?? '',
    })),
  );
  if (texts.length) await tx.surveyTextAnswer.createMany({ data: texts });
}

/** Adds the answer sets to the tallies (one upsert per distinct row, incremented by its count). */
export async function addTallies(tx: Tx, surveyId: string, questions: readonly Question[], sets: AnswerSet[]) {
  const counts = new Map<string, { questionKey: string; bucket: string; neighborhoodId: string; language: string; n: number }>();
  for (const set of sets) {
    for (const b of tallyBuckets(questions, set.answers)) {
      const row = { ...b, neighborhoodId: set.neighborhoodId ?? '', language: set.language };
      const key = JSON.stringify([row.questionKey, row.bucket, row.neighborhoodId, row.language]);
      const found = counts.get(key);
      if (found) found.n += 1;
      else counts.set(key, { ...row, n: 1 });
    }
  }
  for (const { n, ...row } of counts.values()) {
    await tx.surveyTally.upsert({
      where: { surveyId_questionKey_bucket_neighborhoodId_language: { surveyId, ...row } },
      create: { surveyId, ...row, count: n },
      update: { count: { increment: n } },
    });
  }
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
