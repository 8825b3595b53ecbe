import { callerFor, callerOf, type Caller, type SignedInCaller } from '~/lib/caller.server';
import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { requirePermission, signInRedirect } from '~/modules/identity/guards.server';
import { moderatedChannelIds, moderatesAny } from '~/modules/moderation/queries.server';
import { canAddPoll, canDeletePost, canEditPost, canSeePostById, canSeeThread, canStartThread } from './policy';
import { asChannel, channelAccess, getChannel, getPost, getThread } from './queries.server';

/**
 * The forum's load-and-refuse guards, in one place: each loads what a page or action is about,
 * with the caller, and refuses what the caller may not see or do. A private channel sends
 * visitors to sign in (the one sign-in redirect) and answers others 403; what does not exist, or
 * is deleted or hidden from this caller, is a 404 (canSeeThread / canSeePostById, policy.ts).
 */
const MAX_ID = 40;
const notFound = () => refuse(fail.notFound());
const forbidden = () => refuse(fail.forbidden());

function refuseUnreadable(request: Request, caller: Caller): never {
  if (!caller.user) throw signInRedirect(request);
  throw forbidden();
}

/** Only for signed-in callers: visitors are sent to sign in first. */
function signedIn(request: Request, caller: Caller): SignedInCaller {
  if (!caller.user) throw signInRedirect(request);
  return caller as SignedInCaller;
}

export async function loadChannel(request: Request, context: unknown, slug: string) {
  const [caller, channel] = await Promise.all([callerOf(request, context), getChannel(slug)]);
  if (!channel) throw notFound();
  const access = await channelAccess(caller.user, channel);
  if (!access.readable) refuseUnreadable(request, caller);
  return { caller, user: caller.user, channel, ...access };
}

export async function loadThread(request: Request, context: unknown, id: string) {
  const [caller, thread] = await Promise.all([callerOf(request, context), id.length <= MAX_ID ? getThread(id) : null]);
  if (!thread) throw notFound();
  const channel = asChannel(thread.channel);
  const access = await channelAccess(caller.user, channel);
  if (!access.readable) refuseUnreadable(request, caller);
  if (!canSeeThread(caller.user, channel, thread)) throw notFound();
  return { caller, user: caller.user, thread, channel, ...access };
}

/**
 * A post with its thread and channel, for every page and action that takes a post id (edit,
 * delete, flag, history, promote): 404 unless this caller may see it.
 */
export async function loadPost(request: Request, id: string, context?: unknown) {
  const [caller, post] = await Promise.all([callerOf(request, context), id.length <= MAX_ID ? getPost(id) : null]);
  if (!post || post.deletedAt || post.thread.deletedAt) throw notFound();
  const channel = asChannel(post.thread.channel);
  const access = await channelAccess(caller.user, channel);
  if (!canSeePostById(caller.user, channel, access.readable, post, post.thread)) throw notFound();
  return { caller, user: caller.user, post: { ...post, thread: { ...post.thread, channel } }, channel, ...access };
}

export type LoadedPost = Awaited<ReturnType<typeof loadPost>>['post'];

/** What `load` gives, for a signed-in caller only: visitors are sent to sign in before anything is loaded. */
async function forSignedIn<T extends object>(request: Request, context: unknown, load: () => Promise<T>) {
  const caller = signedIn(request, await callerOf(request, context));
  return { ...(await load()), caller, user: caller.user };
}

/** A channel's actions (follow): signed in, and the channel readable. */
export function loadChannelToAct(request: Request, context: unknown, slug: string) {
  return forSignedIn(request, context, () => loadChannel(request, context, slug));
}

/** The new-thread page: signed in, and allowed to start a thread in this channel (else 403). */
export async function loadChannelToPost(request: Request, context: unknown, slug: string) {
  const loaded = await loadChannel(request, context, slug);
  const caller = signedIn(request, loaded.caller);
  if (!canStartThread(caller.user, loaded.channel, loaded.member)) throw forbidden();
  return { ...loaded, caller, user: caller.user };
}

/** A thread's actions (reply, react, follow, moderate): signed in, and the thread shown to them. */
export function loadThreadToAct(request: Request, context: unknown, id: string) {
  return forSignedIn(request, context, () => loadThread(request, context, id));
}

/** A post page only signed-in callers use (flag, edit, delete). */
export function loadPostToAct(request: Request, context: unknown, id: string) {
  return forSignedIn(request, context, () => loadPost(request, id, context));
}

/** The edit page: the post's author, while they may still edit it (else 403). */
export async function loadPostToEdit(request: Request, context: unknown, id: string) {
  const loaded = await loadPostToAct(request, context, id);
  if (!canEditPost(loaded.user, loaded.channel, loaded.member, loaded.post, loaded.post.thread)) throw forbidden();
  return loaded;
}

/** The delete page: the post's author (else 403). */
export async function loadPostToDelete(request: Request, context: unknown, id: string) {
  const loaded = await loadPostToAct(request, context, id);
  if (!canDeletePost(loaded.user, loaded.channel, loaded.member, loaded.post)) throw forbidden();
  return loaded;
}

/** The add-poll page: the thread's author on their post, or a moderator, in an open thread (else 403). */
export async function loadPostToAddPoll(request: Request, context: unknown, id: string) {
  const loaded = await loadPostToAct(request, context, id);
  if (!canAddPoll(loaded.user, loaded.channel, loaded.member, loaded.post, loaded.post.thread)) throw forbidden();
  return loaded;
}

/** A post's history: its channel's moderators (else 403). */
export async function loadPostToModerate(request: Request, context: unknown, id: string) {
  const loaded = await loadPostToAct(request, context, id);
  if (!loaded.moderator) throw forbidden();
  return loaded;
}

/** A channel's settings page: staff who manage channels (else 403), any channel that exists. */
export async function loadChannelToManage(request: Request, context: unknown, slug: string) {
  const user = await requirePermission(request, 'manage:channel');
  const channel = await getChannel(slug);
  if (!channel) throw notFound();
  return { caller: callerFor(user, context), user, channel };
}

/** The moderation queue: someone who moderates at least one channel (else 403). */
export async function requireModerator(request: Request, context: unknown) {
  const caller = signedIn(request, await callerOf(request, context));
  const channels = await moderatedChannelIds(caller.user);
  if (!moderatesAny(channels)) throw forbidden();
  return { caller, user: caller.user, channels };
}

/** Pages of one's own (notifications): signed in. */
export async function requireSignedIn(request: Request, context: unknown): Promise<SignedInCaller> {
  return signedIn(request, await callerOf(request, context));
}
