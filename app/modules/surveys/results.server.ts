import type { Caller } from '~/lib/caller.server';
import { transaction, type Tx } from '~/lib/db.server';
import { fail, ok, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import { roomOf } from '~/modules/realtime/names';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { canManageSurveys } from './policy';

/**
 * Tells the pages showing a survey's results that its tallies changed (room `survey:<id>`, only
 * the new count: never an answer). Called inside the transaction of every write that changes the
 * tallies (answering, mixing a batch); delivered after it commits.
 */
export async function publishSurveyResults(tx: Tx, surveyId: string, responseCount: number) {
  await publishAfterCommit(tx, [{ room: roomOf('survey', surveyId), type: 'survey.results', payload: { responseCount } }]);
}

/** Staff publish a survey's results to the residents who may see the survey, or withdraw them. */
export async function publishResults(caller: Caller, surveyId: string, isPublic: boolean): Promise<Result<{ resultsPublic: boolean }>> {
  if (!canManageSurveys(caller.user)) return fail.forbidden();
  return transaction(async (tx) => {
    const survey = await tx.survey.findUnique({ where: { id: surveyId }, select: { key: true, resultsPublic: true, responseCount: true } });
    // A built-in survey (the request follow-up) rates staff: its results are never published.
    if (!survey || survey.key) return fail.notFound();
    if (survey.resultsPublic === isPublic) return ok({ resultsPublic: isPublic });
    await tx.survey.update({ where: { id: surveyId }, data: { resultsPublic: isPublic } });
    await audit(tx, {
      actorId: caller.user?.id ?? null,
      action: isPublic ? 'survey.results-publish' : 'survey.results-withdraw',
      targetKind: 'survey',
      targetId: surveyId,
      before: { resultsPublic: survey.resultsPublic },
      after: { resultsPublic: isPublic },
      requestId: caller.requestId,
    });
    await publishSurveyResults(tx, surveyId, survey.responseCount);
    return ok({ resultsPublic: isPublic });
  });
}
