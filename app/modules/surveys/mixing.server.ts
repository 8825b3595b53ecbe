import { randomInt } from 'node:crypto';
import { db, transaction } from '~/lib/db.server';
import { logger } from '~/lib/logger.server';
import { addTallies, countResponses, insertResponses, type AnswerSet } from './answer-sets.server';
import { MIN_GROUP, phaseOf } from './policy';
import { getSurvey } from './queries.server';
import { unseal } from './seal.server';

/**
 * Mixing anonymous answer sets into the results (docs/decisions/0021-anonymous-surveys.md): the
 * sealed pending rows of a survey are opened, shuffled and written as one batch of at least
 * MIN_GROUP responses with new random ids, no user and the day only, in one transaction that also
 * deletes the pending rows. A closed survey's remainder (fewer than MIN_GROUP) is mixed together
 * with its last batch, written again with new ids in a new order, so no batch is smaller.
 */
export const MIX_JOB = 'surveys.mix';

/** Fisher–Yates with the cryptographic generator: the storage order says nothing of the arrival order. */
export function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Mixes a survey's pending answer sets if there are enough (or it has closed); answers how many were added. */
export async function mixSurvey(surveyId: string): Promise<number> {
  // Read before the transaction (its questions parsed once, queries.server.ts): they cannot change
  // once there are answers, and whether it has closed is read again at each mix.
  const survey = await getSurvey(surveyId);
  if (!survey) return 0;
  return transaction(async (tx) => {
    const pending = await tx.surveyPendingResponse.findMany({ where: { surveyId }, select: { id: true, sealed: true } });
    const opened = pending.map((p) => ({ id: p.id, set: unseal<AnswerSet>(p.sealed) }));
    const readable = opened.filter((p): p is { id: string; set: AnswerSet } => p.set !== null);
    if (readable.length < opened.length)
      logger().warn({ surveyId, unreadable: opened.length - readable.length }, 'pending survey answers could not be opened');
    if (!readable.length) return 0;
    const closed = phaseOf(survey) !== 'open';
    if (readable.length < MIN_GROUP && !closed) return 0;
    const last = (await tx.surveyResponse.aggregate({ where: { surveyId, batch: { not: null } }, _max: { batch: true } }))._max.batch;
    let again: AnswerSet[] = [];
    if (readable.length < MIN_GROUP) {
      // A closed survey's remainder: too few for a batch of its own, so it joins the last one.
      if (last === null) return 0;
      const previous = await tx.surveyResponse.findMany({
        where: { surveyId, batch: last },
        select: { id: true, answers: true, language: true, neighborhoodId: true, submittedOn: true },
      });
      await tx.surveyTextAnswer.deleteMany({ where: { surveyId, responseId: { in: previous.map((r) => r.id) } } });
      await tx.surveyResponse.deleteMany({ where: { id: { in: previous.map((r) => r.id) } } });
      again = previous.map((r) => ({
        answers: r.answers as AnswerSet['answers'],
        language: r.language,
        neighborhoodId: r.neighborhoodId,
        day: r.submittedOn,
      }));
    }
    // Deleted first: a second mixer of the same rows (another process) finds fewer and backs out.
    const { count } = await tx.surveyPendingResponse.deleteMany({ where: { id: { in: readable.map((p) => p.id) } } });
    if (count !== readable.length) throw new Error('pending answers were mixed by another process');
    const questions = survey.questions;
    const fresh = readable.map((p) => p.set);
    const batch = again.length ? last! : (last ?? 0) + 1;
    await insertResponses(
      tx,
      surveyId,
      questions,
      shuffle([...again, ...fresh]).map((set) => ({ ...set, batch })),
    );
    await addTallies(tx, surveyId, questions, fresh);
    await countResponses(tx, surveyId, fresh.length);
    return fresh.length;
  });
}

/** The schedule's sweep: every survey with answers pending that can be mixed now (enough of them, or closed). */
export async function mixDueSurveys(): Promise<void> {
  const groups = await db().surveyPendingResponse.groupBy({ by: ['surveyId'], _count: { _all: true } });
  for (const group of groups) await mixSurvey(group.surveyId);
}
