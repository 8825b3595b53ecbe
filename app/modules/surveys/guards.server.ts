import { callerFor, callerOf } from '~/lib/caller.server';
import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { requirePermission, signInRedirect } from '~/modules/identity/guards.server';
import { isMember } from '~/modules/channels/queries.server';
import { canManageSurveys, canSeeSurvey } from './policy';
import { isAnswered } from './builder-queries.server';
import { getSurvey } from './queries.server';

/**
 * The surveys' load-and-refuse guards, in one place: each loads the survey a page or action is
 * about, with the caller, and refuses what the caller may not see or do (policy.ts). A survey
 * that does not exist or that this caller may not see is a 404; a visitor who must sign in first
 * is sent to sign in (the one sign-in redirect).
 */
export async function loadSurvey(request: Request, context: unknown, id: string) {
  const [caller, survey] = await Promise.all([callerOf(request, context), getSurvey(id)]);
  if (!survey) throw refuse(fail.notFound());
  const member =
    survey.audience === 'channel' && survey.audienceChannelId ? await isMember(caller.user?.id, survey.audienceChannelId) : false;
  if (!canSeeSurvey(caller.user, survey, member)) {
    if (!caller.user && survey.status !== 'draft' && !survey.key) throw signInRedirect(request);
    throw refuse(fail.notFound());
  }
  return { caller, user: caller.user, survey, member, manager: canManageSurveys(caller.user) };
}

/**
 * A survey staff build (`manage:survey`): a visitor is sent to sign in, anyone else without the
 * permission gets a 403, and a built-in or missing survey is a 404. `answered`: its questions,
 * sections and anonymity are fixed.
 */
export async function loadSurveyToManage(request: Request, context: unknown, id: string | undefined) {
  const user = await requirePermission(request, 'manage:survey');
  const survey = id ? await getSurvey(id) : null;
  if (!survey || survey.key) throw refuse(fail.notFound());
  return { caller: callerFor(user, context), user, survey, answered: await isAnswered(survey.id) };
}
