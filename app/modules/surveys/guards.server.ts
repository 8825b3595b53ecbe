import { callerFor, callerOf } from '~/lib/caller.server';
import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { requirePermission, signInRedirect } from '~/modules/identity/guards.server';
import type { SessionUser } from '~/modules/identity/session.server';
import { isMember } from '~/modules/channels/queries.server';
import { answeredHere } from './answered-cookie.server';
import { hasAnswered } from './answering-queries.server';
import { isAnswered } from './builder-queries.server';
import { canManageSurveys, canSeeResults, canSeeSurvey, inAudience, phaseOf } from './policy';
import { getSurvey, type Survey } from './queries.server';

/**
 * The surveys' load-and-refuse guards, in one place: each loads the survey a page or action is
 * about, with the caller, and refuses what the caller may not see or do (policy.ts). A survey
 * that does not exist or that this caller may not see is a 404; a visitor who must sign in first
 * is sent to sign in (the one sign-in redirect).
 */
/** Whether this person is a member of the channel a survey's audience is (looked up only for such surveys). */
function inAudienceChannel(user: SessionUser | null, survey: Pick<Survey, 'audience' | 'audienceChannelId'>): Promise<boolean> {
  return survey.audience === 'channel' && survey.audienceChannelId ? isMember(user?.id, survey.audienceChannelId) : Promise.resolve(false);
}

export async function loadSurvey(request: Request, context: unknown, id: string) {
  const [caller, survey] = await Promise.all([callerOf(request, context), getSurvey(id)]);
  if (!survey) throw refuse(fail.notFound());
  const member = await inAudienceChannel(caller.user, survey);
  if (!canSeeSurvey(caller.user, survey, member)) {
    if (!caller.user && survey.status !== 'draft' && !survey.key) throw signInRedirect(request);
    throw refuse(fail.notFound());
  }
  return { caller, user: caller.user, survey, member, manager: canManageSurveys(caller.user) };
}

/**
 * A survey someone is about to answer (its section pages and their posts): loadSurvey, then the
 * audience. A visitor is sent to sign in when the audience needs an account; anyone else outside
 * it is refused (403). Whether it is open and whether this person has answered are for the page.
 */
export async function loadSurveyToAnswer(request: Request, context: unknown, id: string) {
  const loaded = await loadSurvey(request, context, id);
  const { caller, survey, member } = loaded;
  if (!inAudience(caller.user, survey, member)) {
    if (!caller.user && survey.audience !== 'public') throw signInRedirect(request);
    throw refuse(fail.forbidden());
  }
  const answered = caller.user ? await hasAnswered(survey.id, caller.user.id) : (await answeredHere(request)).includes(survey.id);
  return { ...loaded, phase: phaseOf(survey), answered };
}

/** Whether this person may read the survey's results (the `survey:<id>` live room uses it). */
export async function canSeeSurveyResults(user: SessionUser | null, id: string): Promise<boolean> {
  const survey = await getSurvey(id);
  if (!survey) return false;
  return canSeeResults(user, survey, await inAudienceChannel(user, survey));
}

/**
 * The survey whose results a page shows. Staff pages (`staff`): visitors are sent to sign in,
 * people without manage:survey get 403, an unknown survey is 404. Residents' page: the survey
 * must be one they may see (loadSurvey) whose results are published, else 404.
 */
export async function loadSurveyResults(request: Request, context: unknown, id: string, where: 'staff' | 'residents') {
  if (where === 'staff') {
    const user = await requirePermission(request, 'manage:survey');
    const survey = await getSurvey(id);
    if (!survey) throw refuse(fail.notFound());
    if (!canSeeResults(user, survey, false)) throw refuse(fail.forbidden());
    return { caller: callerFor(user, context), survey, manager: true };
  }
  const loaded = await loadSurvey(request, context, id);
  if (!canSeeResults(loaded.user, loaded.survey, loaded.member)) throw refuse(fail.notFound());
  return { caller: loaded.caller, survey: loaded.survey, manager: loaded.manager };
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
