import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { loadPost } from '~/modules/channels/guards.server';
import { canSeePostById } from '~/modules/channels/policy';
import { getUser } from '~/modules/identity/session.server';
import { requireUser, signInRedirect } from '~/modules/identity/guards.server';
import { getCity } from '~/modules/places/queries.server';
import { followUpAnswered, followUpSurvey, invitationFor } from './follow-up/follow-up.server';
import type { PromoteSource } from './forum-links/forum-links.server';
import { canHandleRequests, canPromotePost, canReadRequest, handledDepartments, isRequester, recordableDepartments } from './policy';
import { PublicCodeSchema } from './public-code';
import { queueFilterFromUrl } from './queue/queue.server';
import { followsRequest, getRequestAccess } from './tracking/request-queries.server';
import { readAccess, tokenMatches } from './tracking/tracking-links.server';
import type { FollowUpState } from './values';

/**
 * The requests area's load-and-refuse guards, in one place: each loads what a page is about and
 * throws the answer for a reader who may not have it (the rules themselves are in policy.ts).
 * Anonymous visitors who must sign in are sent there (signInRedirect); a request nobody may see
 * is a 404, never a 403, so public codes cannot be probed.
 */
const notFound = () => refuse(fail.notFound());
const forbidden = () => refuse(fail.forbidden());

/** The request behind a public code, by its code (a malformed code is the same 404 as an unknown one). */
async function requestByCode(rawCode: string | undefined) {
  const code = PublicCodeSchema.safeParse(rawCode ?? '');
  if (!code.success) throw notFound();
  const access = await getRequestAccess(code.data);
  if (!access) throw notFound();
  return access;
}

/**
 * The request behind a public code if this reader may see it, else a thrown 404. `token` is a
 * tracking token just presented in the URL.
 */
export async function requireReadableRequest(request: Request, rawCode: string | undefined, token?: string | null) {
  const reader = await readableRequest(request, rawCode, token);
  if (!reader) throw notFound();
  return reader;
}

/**
 * The same, but null (not a 404) for a reader who may not open the request's own page: the
 * request's public page (its published facts) is then theirs. An unknown or malformed code is
 * still a thrown 404.
 */
export async function readableRequest(request: Request, rawCode: string | undefined, token?: string | null) {
  const access = await requestByCode(rawCode);
  const user = await getUser(request);
  const tokens = await readAccess(request.headers.get('Cookie'));
  const viaCookie = tokenMatches(tokens[access.publicCode], access.trackingTokenHash);
  const viaUrl = !!token && tokenMatches(token, access.trackingTokenHash);
  const direct = canReadRequest(user, access, viaCookie || viaUrl);
  // Followers (a linked post's author who chose to follow, a duplicate's followers) read it too,
  // without its photos: those were given by the requester, for the city.
  if (!direct && !canReadRequest(user, access, false, await followsRequest(user?.id, access.id))) return null;
  return {
    user,
    access,
    viaUrl,
    staff: canHandleRequests(user, access.departmentId),
    owner: isRequester(user, access),
    /** Holds the request's secret link (in the cookie or the URL). */
    holdsLink: viaCookie || viaUrl,
    followerOnly: !direct,
  };
}

/**
 * Who may open the follow-up form: a valid invitation link (no sign-in: the mail is the proof), or
 * the request's own reader (its requester, or whoever holds its secret link) from the tracking
 * page. Anything else is the same 404 as an unknown request. Staff type answers in on the request
 * page instead.
 */
export async function requireFollowUp(request: Request, rawCode: string | undefined, token: string | null) {
  const access = await requestByCode(rawCode);
  const invitation = token ? await invitationFor(access.id, token) : null;
  if (token && !invitation) throw notFound();
  if (!invitation) {
    const reader = await requireReadableRequest(request, access.publicCode);
    if (!reader.owner && !reader.holdsLink) throw notFound();
  }
  const survey = await followUpSurvey();
  const state: FollowUpState =
    invitation?.used || (await followUpAnswered(access.id))
      ? 'answered'
      : invitation?.expired
        ? 'expired'
        : access.status !== 'closed'
          ? 'unavailable'
          : 'open';
  return { access, state, questions: survey.questions };
}

/**
 * The staff queue's reader and filter: anonymous visitors are sent to sign in, signed-in people
 * who handle no department's requests get 403, a malformed filter 400.
 */
export async function requireQueue(request: Request) {
  const user = await requireUser(request);
  const scope = handledDepartments(user);
  if (!scope) throw forbidden();
  const filter = queueFilterFromUrl(new URL(request.url));
  if (!filter) throw refuse(fail.invalid({}));
  return { user, scope, filter };
}

/**
 * Staff recording a request on someone's behalf (/staff/requests/new): anonymous visitors are
 * sent to sign in, signed-in people who may record for no department get 403.
 */
export async function requireRecorder(request: Request) {
  const user = await requireUser(request);
  const scope = recordableDepartments(user);
  if (!scope) throw forbidden();
  return { user, scope };
}

/**
 * The post behind the promote page, if this reader may promote it: anonymous visitors are sent
 * to sign in, readers without the right get 403, and a post not every reader of its channel may
 * see (the forum's one rule, canSeePostById: held, hidden, deleted, or in a hidden thread) is a
 * 404: it cannot become (or be linked to) a request.
 */
export async function requirePromotable(request: Request, postId: string) {
  const { user, post, channel, readable } = await loadPost(request, postId);
  if (!user) throw signInRedirect(request);
  const { moderatorsMayPromote } = await getCity();
  if (!canPromotePost(user, channel, moderatorsMayPromote)) throw forbidden();
  if (!canSeePostById(null, channel, readable, post, post.thread)) throw notFound();
  const source: PromoteSource = {
    postId: post.id,
    threadId: post.thread.id,
    isOpening: post.isOpening,
    authorId: post.authorId,
    title: post.thread.title,
  };
  // A thread is promoted as its title and opening post; a reply as its own text.
  const prefill = post.isOpening ? `${post.thread.title}\n\n${post.text}` : post.text;
  return { user, source, prefill: prefill.slice(0, 4000), channel };
}
