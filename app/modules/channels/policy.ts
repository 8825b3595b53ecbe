import { can, type Actor } from '~/modules/identity/policy';
import type { SessionUser } from '~/modules/identity/session.server';

/**
 * Who may read and write where in the forum, and which posts and threads a reader sees: pure
 * functions over the reader (a caller's `user`, with its grants), the channel and, where it
 * matters, the thread or post and its state. Pages, search, the Atom feed, socket rooms and
 * promotion all ask here; the query filters below are the same rule written for the database.
 */
export type ChannelRef = { id: string; visibility: string };
export type ThreadState = { locked: boolean; hiddenAt: Date | string | null; deletedAt: Date | string | null };
export type PostRef = { authorId: string; hiddenAt: Date | string | null; deletedAt: Date | string | null; status: string };
/** Who reads: anyone (a visitor is null). Writing needs a signed-in caller's user. */
type Reader = Actor;
type Writer = SessionUser | null | undefined;

const scope = (channel: ChannelRef) => ({ scopeKind: 'channel', scopeId: channel.id });

export function canModerate(reader: Reader, channel: ChannelRef): boolean {
  return can(reader, 'moderate:channel', scope(channel));
}

/** Public channels are open to everyone; private ones to their members and moderators. */
export function canRead(reader: Reader, channel: ChannelRef, isMember: boolean): boolean {
  if (channel.visibility === 'public') return true;
  if (!reader || reader.status === 'banned' || reader.status === 'deleted') return false;
  return isMember || canModerate(reader, channel);
}

/** Writing needs an active, verified account that can read the channel. */
function canWrite(user: Writer, channel: ChannelRef, isMember: boolean): boolean {
  return !!user && user.status === 'active' && !!user.emailVerifiedAt && canRead(user, channel, isMember);
}

export function canStartThread(user: Writer, channel: ChannelRef, isMember: boolean): boolean {
  return canWrite(user, channel, isMember);
}

/** A locked or hidden thread takes no replies, except from its moderators. */
export function canReply(user: Writer, channel: ChannelRef, isMember: boolean, thread: ThreadState): boolean {
  if (!canWrite(user, channel, isMember) || thread.deletedAt) return false;
  if (thread.locked || thread.hiddenAt) return canModerate(user, channel);
  return true;
}

/** Authors edit and delete their own visible posts; moderators act through moderation. */
export function canEditPost(user: Writer, channel: ChannelRef, isMember: boolean, post: PostRef, thread: ThreadState): boolean {
  if (!user || post.authorId !== user.id || post.deletedAt || post.hiddenAt) return false;
  if (thread.locked && !canModerate(user, channel)) return false;
  return canWrite(user, channel, isMember);
}

export function canDeletePost(user: Writer, channel: ChannelRef, isMember: boolean, post: PostRef): boolean {
  return !!user && post.authorId === user.id && !post.deletedAt && canRead(user, channel, isMember) && user.status !== 'banned';
}

/** Answering a shown post without writing one: reacting, and voting in its poll. */
function canRespondTo(user: Writer, channel: ChannelRef, isMember: boolean, post: PostRef, thread: ThreadState): boolean {
  return canWrite(user, channel, isMember) && isPublicPost(post) && !thread.deletedAt;
}

/** Reactions are other people's answer to a post: never on one's own (a poll's author still votes, canVote). */
export function canReact(user: Writer, channel: ChannelRef, isMember: boolean, post: PostRef, thread: ThreadState): boolean {
  return canRespondTo(user, channel, isMember, post, thread) && post.authorId !== user?.id;
}

/** A poll's state: closed early by hand, or past its close time. */
export type PollState = { createdById: string; closesAt: Date | string | null; closedAt: Date | string | null };

export function isPollOpen(poll: Pick<PollState, 'closesAt' | 'closedAt'>, now: Date = new Date()): boolean {
  return !poll.closedAt && (!poll.closesAt || new Date(poll.closesAt) > now);
}

/**
 * A poll goes on a published post of an open thread (not locked, hidden or deleted): the thread's
 * author on a post of their own in it, or a moderator of the channel on any such post.
 */
export function canAddPoll(
  user: Writer,
  channel: ChannelRef,
  isMember: boolean,
  post: PostRef,
  thread: ThreadState & { authorId: string },
): boolean {
  if (!user || !canWrite(user, channel, isMember) || thread.locked || thread.hiddenAt || thread.deletedAt) return false;
  if (!isPublicPost(post)) return false;
  return canModerate(user, channel) || (thread.authorId === user.id && post.authorId === user.id);
}

/** Voting answers the post (its author too) on an open poll in a thread that takes replies from everyone. */
export function canVote(
  user: Writer,
  channel: ChannelRef,
  isMember: boolean,
  post: PostRef,
  thread: ThreadState,
  poll: PollState,
  now: Date = new Date(),
): boolean {
  return canRespondTo(user, channel, isMember, post, thread) && !thread.locked && !thread.hiddenAt && isPollOpen(poll, now);
}

/** Its author (while they may write here) or a moderator closes an open poll early. */
export function canClosePoll(user: Writer, channel: ChannelRef, isMember: boolean, poll: PollState, now: Date = new Date()): boolean {
  if (!user || !isPollOpen(poll, now)) return false;
  return canModerate(user, channel) || (poll.createdById === user.id && canWrite(user, channel, isMember));
}

/**
 * Who sees a poll's counts on the page. They are hidden only from someone who may vote and has
 * not yet, so the figures do not sway their choice (Discourse's "on vote"): voters, everyone once
 * the poll is closed, its author and the channel's moderators, and readers who cannot vote
 * (visitors, a locked thread) see them. The counts are not a secret: the thread room's live
 * events carry them (never who chose what), as reaction counts are.
 */
export function canSeePollResults(
  reader: Reader,
  channel: ChannelRef,
  poll: PollState,
  viewer: { mayVote: boolean; voted: boolean },
  now: Date = new Date(),
): boolean {
  if (!viewer.mayVote || viewer.voted || !isPollOpen(poll, now)) return true;
  return (!!reader && poll.createdById === reader.id) || canModerate(reader, channel);
}

export function canFlag(user: Writer, post: PostRef): boolean {
  return !!user && user.id !== post.authorId && user.status === 'active';
}

// ---------------------------------------------------------------------------------------------
// The one visible-posts rule. A post is public when it is published (not held for review), not
// hidden and not deleted, in a thread that is neither hidden nor deleted. Anything else is seen
// only by the channel's moderators and by its own author (a deleted post or thread: by nobody
// outside moderation). Everyone else is answered as if it did not exist.
// ---------------------------------------------------------------------------------------------

/** The columns of a public post and of a public thread (the rule as data: filters derive from it). */
export const PUBLIC_POST = { status: 'published', hiddenAt: null, deletedAt: null } as const;
export const PUBLIC_THREAD = { hiddenAt: null, deletedAt: null } as const;
/**
 * The opening post moderation hid (a post filter). Hiding it hides the post alone: its thread
 * stays listed and readable with its replies; what a thread stands for (a budget proposal) goes.
 */
export const HIDDEN_OPENING = { isOpening: true, hiddenAt: { not: null } } as const;

/** Shown to everyone who may read the channel. */
export function isPublicPost(
  post: Pick<PostRef, 'status' | 'hiddenAt'> & { deletedAt?: PostRef['deletedAt'] },
  thread?: Pick<ThreadState, 'hiddenAt' | 'deletedAt'>,
): boolean {
  return post.status === PUBLIC_POST.status && !post.hiddenAt && !post.deletedAt && (!thread || (!thread.hiddenAt && !thread.deletedAt));
}

/** Whether a post is shown to this reader (held and hidden posts: to their author and moderators). */
function canSeePost(reader: Reader, channel: ChannelRef, post: PostRef): boolean {
  if (post.deletedAt) return false;
  if (isPublicPost(post)) return true;
  return (!!reader && reader.id === post.authorId) || canModerate(reader, channel);
}

export function canSeeThread(reader: Reader, channel: ChannelRef, thread: ThreadState & { authorId: string }): boolean {
  if (thread.deletedAt) return canModerate(reader, channel);
  if (!thread.hiddenAt) return true;
  return (!!reader && reader.id === thread.authorId) || canModerate(reader, channel);
}

/**
 * "May this reader see this post", for everything that takes a post id (its pages, actions,
 * reactions, quotes, notices sent later, promotion): the reader may read the channel
 * (`readable`), the thread is shown to them, and so is the post.
 */
export function canSeePostById(
  reader: Reader,
  channel: ChannelRef,
  readable: boolean,
  post: PostRef,
  thread: ThreadState & { authorId: string },
): boolean {
  if (!readable || post.deletedAt || thread.deletedAt) return false;
  return canSeeThread(reader, channel, thread) && canSeePost(reader, channel, post);
}

/** Which posts of a readable channel's thread this reader sees, as a query filter (Prisma `where`). */
export function visiblePostsWhere(reader: Reader, moderator: boolean) {
  if (moderator) return { deletedAt: null };
  return { deletedAt: null, OR: shownToReader(reader) };
}

/** Of a thread's undeleted posts, those a reader who is not its moderator sees. */
function shownToReader(reader: Reader) {
  return [{ status: PUBLIC_POST.status, hiddenAt: null }, ...(reader ? [{ authorId: reader.id }] : [])];
}

/**
 * The posts a thread's page lists for this reader: those visiblePostsWhere shows, and its
 * published opening post even when hidden, which readers who may not see it get as a notice
 * (isWithheld): the replies under it stay readable.
 */
export function threadPageWhere(reader: Reader, moderator: boolean) {
  if (moderator) return visiblePostsWhere(reader, moderator);
  return { deletedAt: null, OR: [...shownToReader(reader), { isOpening: true, status: PUBLIC_POST.status }] };
}

/** A listed post this reader is shown only as "hidden by a moderator" (threadPageWhere). */
export function isWithheld(reader: Reader, moderator: boolean, post: Pick<PostRef, 'authorId' | 'status' | 'hiddenAt'>): boolean {
  return !moderator && !isPublicPost(post) && reader?.id !== post.authorId;
}

/** Which threads of a readable channel this reader sees, as a query filter. */
export function visibleThreadsWhere(reader: Reader, moderator: boolean) {
  if (moderator) return { deletedAt: null };
  return { deletedAt: null, OR: [{ hiddenAt: null }, ...(reader ? [{ authorId: reader.id }] : [])] };
}

/**
 * The same, as SQL for raw queries (search, mention lookups): `post` and `thread` are the
 * tables' aliases. Built from PUBLIC_POST and PUBLIC_THREAD (constants, never user input).
 */
export function publicPostsSql(post: string, thread: string): string {
  const conditions = (alias: string, columns: Record<string, string | null>) =>
    Object.entries(columns).map(([column, value]) =>
      value === null ? `${alias}."${column}" IS NULL` : `${alias}."${column}" = '${value}'`,
    );
  return [...conditions(post, PUBLIC_POST), ...conditions(thread, PUBLIC_THREAD)].join(' AND ');
}
