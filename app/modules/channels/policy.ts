import { can, type Actor } from '~/modules/identity/policy';

/**
 * Who may read and write where in the forum. Pure functions over the actor (with grants), the
 * channel and, where it matters, the thread or post and its state.
 */
export type ChannelRef = { id: string; visibility: string };
export type ThreadState = { locked: boolean; hiddenAt: Date | string | null; deletedAt: Date | string | null };
export type PostRef = { authorId: string; hiddenAt: Date | string | null; deletedAt: Date | string | null; status: string };
export type ForumActor = (NonNullable<Actor> & { emailVerifiedAt?: Date | string | null }) | null | undefined;

const scope = (channel: ChannelRef) => ({ scopeKind: 'channel', scopeId: channel.id });

export function canModerate(actor: Actor, channel: ChannelRef): boolean {
  return can(actor, 'moderate:channel', scope(channel));
}

/** Public channels are open to everyone; private ones to their members and moderators. */
export function canRead(actor: Actor, channel: ChannelRef, isMember: boolean): boolean {
  if (channel.visibility === 'public') return true;
  if (!actor || actor.status === 'banned' || actor.status === 'deleted') return false;
  return isMember || canModerate(actor, channel);
}

/** Writing needs an active, verified account that can read the channel. */
function canWrite(actor: ForumActor, channel: ChannelRef, isMember: boolean): boolean {
  return !!actor && actor.status === 'active' && !!actor.emailVerifiedAt && canRead(actor, channel, isMember);
}

export function canStartThread(actor: ForumActor, channel: ChannelRef, isMember: boolean): boolean {
  return canWrite(actor, channel, isMember);
}

/** A locked or hidden thread takes no replies, except from its moderators. */
export function canReply(actor: ForumActor, channel: ChannelRef, isMember: boolean, thread: ThreadState): boolean {
  if (!canWrite(actor, channel, isMember) || thread.deletedAt) return false;
  if (thread.locked || thread.hiddenAt) return canModerate(actor, channel);
  return true;
}

/** Authors edit and delete their own visible posts; moderators act through moderation. */
export function canEditPost(actor: ForumActor, channel: ChannelRef, isMember: boolean, post: PostRef, thread: ThreadState): boolean {
  if (!actor || post.authorId !== actor.id || post.deletedAt || post.hiddenAt) return false;
  if (thread.locked && !canModerate(actor, channel)) return false;
  return canWrite(actor, channel, isMember);
}

export function canDeletePost(actor: ForumActor, channel: ChannelRef, isMember: boolean, post: PostRef): boolean {
  return !!actor && post.authorId === actor.id && !post.deletedAt && canRead(actor, channel, isMember) && actor.status !== 'banned';
}

export function canReact(actor: ForumActor, channel: ChannelRef, isMember: boolean, post: PostRef, thread: ThreadState): boolean {
  return canWrite(actor, channel, isMember) && !post.deletedAt && !post.hiddenAt && post.status === 'published' && !thread.deletedAt;
}

/** Whether a post is shown to this reader (held and hidden posts: to their author and moderators). */
export function canSeePost(actor: Actor, channel: ChannelRef, post: PostRef): boolean {
  if (post.deletedAt) return false;
  if (post.status === 'published' && !post.hiddenAt) return true;
  return (!!actor && actor.id === post.authorId) || canModerate(actor, channel);
}

export function canSeeThread(actor: Actor, channel: ChannelRef, thread: ThreadState & { authorId: string }): boolean {
  if (thread.deletedAt) return canModerate(actor, channel);
  if (!thread.hiddenAt) return true;
  return (!!actor && actor.id === thread.authorId) || canModerate(actor, channel);
}

/**
 * The one rule for everything that takes a post id (its pages, actions, reactions, quotes): the
 * reader may read the channel, the thread is shown to them, and so is the post. A held or hidden
 * post, or any post of a hidden thread, is thus seen only by those who may moderate the channel
 * (and by the post's, or hidden thread's, own author, who wrote it); everyone else is answered
 * as if it did not exist (404). A deleted post or thread is seen by nobody here.
 */
export function canSeePostById(
  actor: Actor,
  channel: ChannelRef,
  readable: boolean,
  post: PostRef,
  thread: ThreadState & { authorId: string },
): boolean {
  if (!readable || post.deletedAt || thread.deletedAt) return false;
  return canSeeThread(actor, channel, thread) && canSeePost(actor, channel, post);
}
