import { randomUUID } from 'node:crypto';
import { bulkInsert, type Column } from '~/lib/bulk-insert.server';
import type { Caller } from '~/lib/caller.server';
import { isUniqueViolation, transaction } from '~/lib/db.server';
import { ok, fail, type Failure, type Result } from '~/lib/result';
import { dateIn } from '~/lib/time';
import { isMember } from '~/modules/channels/queries.server';
import { enqueue } from '~/modules/jobs/queue.server';
import { getCity } from '~/modules/places/queries.server';
import { writeAnswerSets, type AnswerSet } from './answer-sets.server';
import { completeAnswers, type Answers } from './answers';
import { questionStamp } from './answering-queries.server';
import { MIX_JOB } from './mixing.server';
import { inAudience, MIN_GROUP, phaseOf } from './policy';
import type { Survey } from './queries.server';
import { seal } from './seal.server';

/**
 * Residents answering a survey (docs/decisions/0021-anonymous-surveys.md): keeping a signed-in
 * respondent's draft between pages, and the submit of the whole answer set. Anonymous answer sets
 * go sealed to the pending table, apart from the participation, and reach the results in mixed
 * batches (mixing.server.ts); the others are written at once.
 */

/** Why this caller may not answer now (open, in the audience, the questions the form showed), or null. */
async function refusal(caller: Caller, survey: Survey, stamp: string): Promise<Failure | null> {
  const phase = phaseOf(survey);
  if (phase === 'notYet') return fail.conflict('surveys:errors.notYetOpen');
  if (phase !== 'open') return fail.conflict('surveys:errors.closed');
  const member =
    survey.audience === 'channel' && survey.audienceChannelId ? await isMember(caller.user?.id, survey.audienceChannelId) : false;
  if (!inAudience(caller.user, survey, member)) return fail.forbidden();
  if (stamp !== questionStamp(survey)) return fail.conflict('surveys:errors.changed');
  return null;
}

const PENDING_COLUMNS = [
  ['id', 'text'],
  ['surveyId', 'text'],
  ['sealed', 'text'],
] as const satisfies readonly Column[];

const alreadyAnswered = () => fail.conflict('surveys:errors.alreadyAnswered');

/**
 * Moves a respondent to another page of an open survey: a signed-in respondent's answers so far
 * are kept (sealed) with the section they are on; a visitor's are not stored (they travel in the
 * page's form), so for them this only checks that they may go on.
 */
export async function continueAnswering(
  caller: Caller,
  survey: Survey,
  input: { section: number; answers: Answers; stamp: string },
): Promise<Result> {
  const refused = await refusal(caller, survey, input.stamp);
  if (refused) return refused;
  const user = caller.user;
  if (!user) return ok();
  const sealed = seal(input.answers);
  const key = { surveyId_userId: { surveyId: survey.id, userId: user.id } };
  return transaction(async (tx) => {
    if (await tx.surveyParticipation.findUnique({ where: key, select: { id: true } })) return alreadyAnswered();
    await tx.surveyDraft.upsert({
      where: key,
      create: { surveyId: survey.id, userId: user.id, section: input.section, sealed },
      update: { section: input.section, sealed },
    });
    return ok();
  });
}

/**
 * Submits the whole answer set, checked again (conditions of the final answers; answers to hidden
 * questions and unknown keys dropped). A signed-in respondent answers once: the unique
 * participation makes two simultaneous submits store one answer set, the other is told so.
 */
export async function submitAnswers(
  caller: Caller,
  survey: Survey,
  /** answeredHere: this browser has answered this survey already (a visitor's cookie). */
  input: { answers: Answers; language: string; stamp: string; answeredHere?: boolean },
): Promise<Result> {
  const refused = await refusal(caller, survey, input.stamp);
  if (refused) return refused;
  if (!caller.user && input.answeredHere) return alreadyAnswered();
  const checked = completeAnswers(survey.questions, input.answers);
  if (!checked.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of checked.error.issues) (fieldErrors[`a.${issue.path.join('.')}`] ??= []).push(issue.message);
    return fail.invalid(fieldErrors, 'surveys:errors.incomplete');
  }
  const user = caller.user;
  const now = new Date();
  const set: AnswerSet = {
    answers: checked.data,
    language: input.language,
    neighborhoodId: user?.neighborhoodId ?? null,
    day: dateIn(now, (await getCity()).timeZone),
  };
  try {
    return await transaction(async (tx) => {
      if (user) {
        await tx.surveyParticipation.create({ data: { surveyId: survey.id, userId: user.id, submittedOn: set.day }, select: { id: true } });
        await tx.surveyDraft.deleteMany({ where: { surveyId: survey.id, userId: user.id } });
      }
      if (survey.anonymous) {
        // Raw SQL (bulkInsert): the two statements every anonymous answer pays, at a third of Prisma's cost.
        await bulkInsert(tx, 'SurveyPendingResponse', PENDING_COLUMNS, [[randomUUID(), survey.id, seal(set)]]);
        const [{ pending }] = await tx.$queryRaw<{ pending: number | bigint }[]>`
          SELECT COUNT(*) AS "pending" FROM "SurveyPendingResponse" WHERE "surveyId" = ${survey.id}`;
        if (Number(pending) % MIN_GROUP === 0) await enqueue(tx, MIX_JOB, { surveyId: survey.id });
        return ok();
      }
      await writeAnswerSets(tx, survey.id, survey.questions, [{ ...set, userId: user?.id ?? null, submittedAt: now }]);
      return ok();
    });
  } catch (error) {
    if (isUniqueViolation(error)) return alreadyAnswered();
    throw error;
  }
}
