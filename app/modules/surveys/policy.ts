import { can, type Actor } from '~/modules/identity/policy';
import { canReviewFollowUps } from '~/modules/requests/policy';

/**
 * Who may build, answer and read the results of a survey. Pure functions over the actor and the
 * survey row (no I/O); the guards (guards.server.ts) and use cases call them.
 */
export const AUDIENCES = ['public', 'signedIn', 'neighborhoods', 'channel'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const SURVEY_STATUSES = ['draft', 'published', 'archived'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** Results of an anonymous survey are never shown for a group smaller than this (filters). */
export const MIN_GROUP = 5;

type Respondent = (NonNullable<Actor> & { neighborhoodId: string | null }) | null | undefined;
export type SurveyAccess = {
  key: string | null;
  status: string;
  audience: string;
  audienceNeighborhoods: unknown;
  audienceChannelId: string | null;
  opensAt: Date | null;
  closesAt: Date | null;
  resultsPublic: boolean;
};

/** Staff who build surveys and read every result (the `manage:survey` permission). */
export function canManageSurveys(actor: Actor): boolean {
  return can(actor, 'manage:survey');
}

/** open: answers are taken now; notYet / closed: published, outside its dates; unpublished: a draft or archived. */
export type SurveyPhase = 'unpublished' | 'notYet' | 'open' | 'closed';
export function phaseOf(survey: Pick<SurveyAccess, 'status' | 'opensAt' | 'closesAt'>, now = new Date()): SurveyPhase {
  if (survey.status !== 'published') return 'unpublished';
  if (survey.opensAt && now < survey.opensAt) return 'notYet';
  if (survey.closesAt && now >= survey.closesAt) return 'closed';
  return 'open';
}

/**
 * Is this person in the survey's audience? `isChannelMember` answers for a channel audience (the
 * caller looks it up). Built-in surveys (the request follow-up) are answered through their own
 * links only.
 */
export function inAudience(actor: Respondent, survey: SurveyAccess, isChannelMember: boolean): boolean {
  if (survey.key) return false;
  if (actor && actor.status !== 'active') return false;
  switch (survey.audience) {
    case 'public':
      return true;
    case 'signedIn':
      return !!actor;
    case 'neighborhoods': {
      const ids = Array.isArray(survey.audienceNeighborhoods) ? (survey.audienceNeighborhoods as string[]) : [];
      return !!actor?.neighborhoodId && ids.includes(actor.neighborhoodId);
    }
    case 'channel':
      return !!actor && isChannelMember;
    default:
      return false;
  }
}

/** May this person see the survey's page (its introduction, whether it is open)? */
export function canSeeSurvey(actor: Respondent, survey: SurveyAccess, isChannelMember: boolean): boolean {
  if (canManageSurveys(actor)) return true;
  if (survey.status === 'draft' || survey.key) return false;
  // Published or archived: anyone who may answer it sees it, and anyone may see a public one.
  return survey.audience === 'public' || survey.audience === 'signedIn' || inAudience(actor, survey, isChannelMember);
}

/** May this person answer now? (Whether they already have is the use case's question.) */
export function canAnswer(actor: Respondent, survey: SurveyAccess, isChannelMember: boolean, now = new Date()): boolean {
  return phaseOf(survey, now) === 'open' && inAudience(actor, survey, isChannelMember);
}

/**
 * May this person read the results? Staff with manage:survey always, but a built-in survey's (the
 * request follow-up, which rates the staff who handled requests) only if they may review its
 * answers; residents once the results are published, if they may see the survey.
 */
export function canSeeResults(actor: Respondent, survey: SurveyAccess, isChannelMember: boolean): boolean {
  if (canManageSurveys(actor)) return !survey.key || canReviewFollowUps(actor);
  return survey.resultsPublic && survey.status !== 'draft' && canSeeSurvey(actor, survey, isChannelMember);
}
