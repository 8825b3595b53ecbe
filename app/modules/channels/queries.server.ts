import { db, type Tx } from '~/lib/db.server';
import { keysetArgs, keysetPage } from '~/lib/keyset';
import type { LocalizedText } from '~/lib/i18n';
import { displayDoc } from '~/modules/content/richtext';
import type { SessionUser } from '~/modules/identity/session.server';
import { participantsOf } from './activity.server';
import { refreshMentionNames } from './mentions.server';
import {
  canModerate,
  canRead,
  canSeePostById,
  HIDDEN_OPENING,
  isWithheld,
  PUBLIC_POST,
  PUBLIC_THREAD,
  threadPageWhere,
  visibleThreadsWhere,
} from './policy';
import type { Actor } from '~/modules/identity/policy';
import { REACTIONS } from './values';

/** Reads for the forum pages: select only what a page shows, no N+1, keyset pagination. */
const THREADS_PAGE = 25;
const POSTS_PAGE = 50;

/** What a Channel (below) holds: what policy and the forum's use cases need of a channel. */
export const channelSelect = {
  id: true,
  slug: true,
  kind: true,
  name: true,
  description: true,
  visibility: true,
  holdFirstPosts: true,
  neighborhoodId: true,
} as const;
/** An author as pages show them: name (or "Deleted account"), profile link and avatar. */
const authorSelect = { id: true, displayName: true, status: true, avatarId: true } as const;
/** What deciding who may read and reply in a thread needs of it. */
const threadSelect = {
  id: true,
  title: true,
  locked: true,
  hiddenAt: true,
  deletedAt: true,
  authorId: true,
  channel: { select: channelSelect },
} as const;

type ChannelRow = { name: unknown; description: unknown } & Record<string, unknown>;
/** A channel row with its per-locale texts typed. */
export function asChannel<T extends ChannelRow>(
  row: T,
): Omit<T, 'name' | 'description'> & { name: LocalizedText; description: LocalizedText | null } {
  return { ...row, name: row.name as LocalizedText, description: row.description as LocalizedText | null };
}

export async function getChannel(slug: string) {
  const channel = await db().channel.findUnique({ where: { slug }, select: channelSelect });
  return channel && asChannel(channel);
}

/** A channel by its id or its slug (for the people lookup, which accepts either). */
export async function findChannel(idOrSlug: string) {
  const channel = await db().channel.findFirst({ where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, select: channelSelect });
  return channel && asChannel(channel);
}

export type Channel = NonNullable<Awaited<ReturnType<typeof getChannel>>>;

export async function isMember(userId: string | undefined, channelId: string): Promise<boolean> {
  if (!userId) return false;
  return !!(await db().channelMember.findUnique({ where: { channelId_userId: { channelId, userId } }, select: { userId: true } }));
}

/** Loads a channel and whether this user may read it (membership looked up only if needed). */
export async function channelAccess(user: SessionUser | null, channel: { id: string; visibility: string }) {
  const member = channel.visibility === 'public' ? false : await isMember(user?.id, channel.id);
  return { member, readable: canRead(user, channel, member), moderator: canModerate(user, channel) };
}

/** Channels this reader may see, neighborhoods first. */
export async function readableChannels(user: SessionUser | null) {
  const channels = await db().channel.findMany({ select: channelSelect, orderBy: [{ kind: 'desc' }, { slug: 'asc' }] });
  const memberships = user
    ? new Set((await db().channelMember.findMany({ where: { userId: user.id }, select: { channelId: true } })).map((m) => m.channelId))
    : new Set<string>();
  return channels
    .filter((c) => canRead(user, c, memberships.has(c.id)))
    .map((c) => ({ ...c, name: c.name as LocalizedText, description: c.description as LocalizedText | null }));
}

/**
 * The same, each with its number of visible threads (the channel index). Counting reads every
 * thread of the channels, so pages that only need which channels are readable use readableChannels.
 */
export async function listChannels(user: SessionUser | null) {
  const channels = await readableChannels(user);
  const counts = await db().thread.groupBy({
    by: ['channelId'],
    where: { channelId: { in: channels.map((c) => c.id) }, ...PUBLIC_THREAD },
    _count: { _all: true },
  });
  const countOf = new Map(counts.map((c) => [c.channelId, c._count._all]));
  return channels.map((c) => ({ ...c, threads: countOf.get(c.id) ?? 0 }));
}

/**
 * A channel's threads: pinned first, then by latest activity (keyset cursor on the thread id, no
 * OFFSET), each with its latest participants. Hidden threads are listed for moderators and their authors only.
 */
export async function listThreads(channelId: string, options: { viewer: Actor; moderator: boolean; after?: string }) {
  const viewerId = options.viewer?.id;
  const rows = await db().thread.findMany({
    where: { channelId, ...visibleThreadsWhere(options.viewer, options.moderator) },
    select: {
      id: true,
      title: true,
      pinned: true,
      locked: true,
      hiddenAt: true,
      replyCount: true,
      lastActivityAt: true,
      createdAt: true,
      author: { select: authorSelect },
      posts: { where: HIDDEN_OPENING, select: { id: true } },
      readMarkers: viewerId ? { where: { userId: viewerId }, select: { lastReadAt: true } } : false,
    },
    orderBy: [{ pinned: 'desc' }, { lastActivityAt: 'desc' }, { id: 'desc' }],
    ...keysetArgs(THREADS_PAGE, options.after),
  });
  const { page, nextAfter } = keysetPage(rows, THREADS_PAGE);
  const people = await participantsOf(page.map((t) => t.id));
  const threads = page.map(({ readMarkers, posts, ...t }) => {
    const marker = (readMarkers as { lastReadAt: Date }[] | undefined)?.[0];
    // Listed under its title (the conversation goes on below it), marked as hidden in part.
    return {
      ...t,
      participants: people.get(t.id) ?? [],
      openingHidden: posts.length > 0,
      unread: viewerId ? !marker || marker.lastReadAt < t.lastActivityAt : false,
    };
  });
  return { threads, nextAfter };
}

export async function getThread(threadId: string) {
  return db().thread.findUnique({
    where: { id: threadId },
    select: { ...threadSelect, pinned: true, hiddenReason: true, replyCount: true, lastActivityAt: true, createdAt: true },
  });
}

/** What a thread's page shows of a post. */
const pagePostSelect = {
  id: true,
  isOpening: true,
  body: true,
  status: true,
  editedAt: true,
  hiddenAt: true,
  hiddenReason: true,
  createdAt: true,
  quotedPostId: true,
  authorId: true,
  author: { select: authorSelect },
  reactions: { select: { kind: true, userId: true } },
} as const;
/** A thread's posts in reading order (keyset pages follow it). */
const readingOrder = [{ createdAt: 'asc' }, { id: 'asc' }] as const;

type PageReader = { viewer: Actor; moderator: boolean };

/**
 * A page of a thread's posts, oldest first. Held and hidden posts are included for moderators
 * and their authors (the page marks them); a hidden opening post for everyone, withheld (no body,
 * no reactions: threadPageWhere); deleted posts never.
 */
export async function listPosts(threadId: string, options: PageReader & { after?: string }) {
  const rows = await db().post.findMany({
    where: { threadId, ...threadPageWhere(options.viewer, options.moderator) },
    select: pagePostSelect,
    orderBy: [...readingOrder],
    take: POSTS_PAGE + 1,
    ...(options.after ? { cursor: { id: options.after }, skip: 1 } : {}),
  });
  const { page, nextAfter } = keysetPage(rows, POSTS_PAGE);
  return { posts: await asPagePosts(page, options), nextAfter };
}

/** The opening post, as a later page shows it above its replies (null if this reader is not shown it). */
export async function openingPost(threadId: string, options: PageReader) {
  const row = await db().post.findFirst({
    where: { threadId, isOpening: true, ...threadPageWhere(options.viewer, options.moderator) },
    select: pagePostSelect,
  });
  return row ? (await asPagePosts([row], options))[0] : null;
}

type PagePostRow = {
  body: unknown;
  reactions: { kind: string; userId: string }[];
  authorId: string;
  status: string;
  hiddenAt: Date | null;
  hiddenReason: string | null;
};

async function asPagePosts<T extends PagePostRow & { quotedPostId: string | null }>(rows: T[], options: PageReader) {
  const viewerId = options.viewer?.id;
  const shown = rows.filter((p) => !isWithheld(options.viewer, options.moderator, p));
  await refreshMentionNames(shown.map((p) => p.body));
  return rows.map((p) => {
    const withheld = isWithheld(options.viewer, options.moderator, p);
    return {
      ...p,
      withheld,
      body: withheld ? null : displayDoc(p.body),
      // The reason is written to the author; readers are told only that a moderator hid it.
      hiddenReason: withheld ? null : p.hiddenReason,
      quotedPostId: withheld ? null : p.quotedPostId,
      reactions: withheld
        ? []
        : REACTIONS.map((kind) => ({
            kind,
            count: p.reactions.filter((r) => r.kind === kind).length,
            mine: !!viewerId && p.reactions.some((r) => r.kind === kind && r.userId === viewerId),
          })),
    };
  });
}

/**
 * Where this reader finds a post of the thread: the `after` cursor of the listPosts page that
 * holds it, null for the first page (or a post they are not shown): a count of the posts before
 * it, and the row that ends the previous page.
 */
export async function pageCursorOf(threadId: string, postId: string, options: PageReader): Promise<string | null> {
  const where = { threadId, ...threadPageWhere(options.viewer, options.moderator) };
  const target = postId.length <= 40 ? await db().post.findFirst({ where: { ...where, id: postId }, select: { createdAt: true } }) : null;
  if (!target) return null;
  const before = await db().post.count({
    where: { AND: [where, { OR: [{ createdAt: { lt: target.createdAt } }, { createdAt: target.createdAt, id: { lt: postId } }] }] },
  });
  const pageStart = Math.floor(before / POSTS_PAGE) * POSTS_PAGE;
  if (pageStart === 0) return null;
  const previous = await db().post.findFirst({ where, orderBy: [...readingOrder], skip: pageStart - 1, select: { id: true } });
  return previous?.id ?? null;
}

export async function getPost(postId: string) {
  return db().post.findUnique({
    where: { id: postId },
    select: {
      id: true,
      threadId: true,
      authorId: true,
      isOpening: true,
      body: true,
      text: true,
      status: true,
      hiddenAt: true,
      deletedAt: true,
      author: { select: authorSelect },
      thread: { select: threadSelect },
    },
  });
}

export async function getFollow(userId: string | undefined, targetKind: 'thread' | 'channel', targetId: string) {
  if (!userId) return null;
  const row = await db().follow.findUnique({
    where: { userId_targetKind_targetId: { userId, targetKind, targetId } },
    select: { level: true },
  });
  return row?.level ?? null;
}

/** Short excerpts of quoted posts, for "in reply to" blocks (one query for the whole page). */
export async function quotedExcerpts(ids: string[]) {
  if (!ids.length) return {};
  const rows = await db().post.findMany({
    where: { id: { in: ids }, ...PUBLIC_POST },
    select: { id: true, text: true, author: { select: authorSelect } },
  });
  return Object.fromEntries(
    rows.map((r) => [r.id, { author: r.author, excerpt: r.text.length > 280 ? `${r.text.slice(0, 280)}…` : r.text }]),
  );
}

/**
 * Of these posts, the ids this person may see now (canSeePostById), for notices written earlier
 * and sent later (the daily digest): two queries however many posts.
 */
export async function visiblePostIds(
  actor: NonNullable<Actor>,
  postIds: string[],
  client: Pick<Tx, 'post' | 'channelMember'> = db(),
): Promise<Set<string>> {
  if (!postIds.length) return new Set();
  const posts = await client.post.findMany({
    where: { id: { in: [...new Set(postIds)] } },
    select: {
      id: true,
      authorId: true,
      status: true,
      hiddenAt: true,
      deletedAt: true,
      thread: {
        select: { authorId: true, locked: true, hiddenAt: true, deletedAt: true, channel: { select: { id: true, visibility: true } } },
      },
    },
  });
  const privateIds = [...new Set(posts.filter((p) => p.thread.channel.visibility !== 'public').map((p) => p.thread.channel.id))];
  const memberOf = new Set(
    privateIds.length
      ? (
          await client.channelMember.findMany({ where: { userId: actor.id, channelId: { in: privateIds } }, select: { channelId: true } })
        ).map((m) => m.channelId)
      : [],
  );
  const channelOf = (p: (typeof posts)[number]) => p.thread.channel;
  return new Set(
    posts
      .filter((p) => canSeePostById(actor, channelOf(p), canRead(actor, channelOf(p), memberOf.has(channelOf(p).id)), p, p.thread))
      .map((p) => p.id),
  );
}
