import { db } from '~/lib/db.server';
import type { LocalizedText } from '~/lib/i18n';
import { displayDoc } from '~/modules/content/richtext';
import { can } from '~/modules/identity/policy';
import type { SessionUser } from '~/modules/identity/session.server';

/** The channels whose queue this person works: every channel for staff, else their moderator grants. */
export async function moderatedChannelIds(user: SessionUser): Promise<string[] | 'all'> {
  if (can(user, 'moderate:channel', { scopeKind: 'city', scopeId: null })) return 'all';
  return user.grants.filter((g) => g.role === 'moderator' && g.scopeKind === 'channel' && g.scopeId).map((g) => g.scopeId as string);
}

export function moderatesAny(channels: string[] | 'all') {
  return channels === 'all' || channels.length > 0;
}

export const QUEUE_PAGE = 30;

/**
 * The moderation queue: posts with open flags and posts held for review, oldest first, in the
 * channels this person moderates. One query for posts, one for their flags.
 */
/** The queue's posts (open flags or held for review) in these channels, or in the one chosen. */
function queueWhere(channels: string[] | 'all', channelId?: string) {
  const channelFilter = channelId ? { channelId } : channels === 'all' ? {} : { channelId: { in: channels } };
  return {
    deletedAt: null,
    thread: { deletedAt: null, ...channelFilter },
    OR: [{ status: 'pending' }, { flags: { some: { resolvedAt: null } } }],
  };
}

/** How many posts wait in this person's queue (the home page's count). */
export async function moderationQueueCount(channels: string[] | 'all') {
  return db().post.count({ where: queueWhere(channels) });
}

export async function moderationQueue(channels: string[] | 'all', options: { channelId?: string; after?: string } = {}) {
  const posts = await db().post.findMany({
    where: queueWhere(channels, options.channelId),
    select: {
      id: true,
      text: true,
      body: true,
      status: true,
      hiddenAt: true,
      hiddenReason: true,
      isOpening: true,
      createdAt: true,
      author: { select: { id: true, displayName: true, status: true, createdAt: true } },
      thread: { select: { id: true, title: true, locked: true, pinned: true, channel: { select: { id: true, slug: true, name: true } } } },
      flags: {
        where: { resolvedAt: null },
        select: { reason: true, note: true, createdAt: true, user: { select: { id: true, displayName: true, status: true } } },
        orderBy: { createdAt: 'asc' },
      },
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: QUEUE_PAGE + 1,
    ...(options.after ? { cursor: { id: options.after }, skip: 1 } : {}),
  });
  const more = posts.length > QUEUE_PAGE;
  const page = (more ? posts.slice(0, QUEUE_PAGE) : posts).map(({ body, flags, ...p }) => ({
    ...p,
    // The post as readers see it (the compact form RichText renders), and its open reports by reason.
    body: displayDoc(body),
    reports: reportsByReason(flags),
    thread: { ...p.thread, channel: { ...p.thread.channel, name: p.thread.channel.name as LocalizedText } },
  }));
  return { items: page, nextAfter: more ? page[page.length - 1].id : null };
}

type OpenFlag = { reason: string; note: string | null; user: { id: string; displayName: string; status: string } };

/** Open reports grouped by reason, most reported first: how often, by whom, with their notes. */
export function reportsByReason(flags: OpenFlag[]) {
  const byReason = new Map<string, { reason: string; count: number; reporters: OpenFlag['user'][]; notes: string[] }>();
  for (const flag of flags) {
    const group = byReason.get(flag.reason) ?? { reason: flag.reason, count: 0, reporters: [], notes: [] };
    group.count += 1;
    group.reporters.push(flag.user);
    if (flag.note) group.notes.push(flag.note);
    byReason.set(flag.reason, group);
  }
  return [...byReason.values()].sort((a, b) => b.count - a.count);
}

export async function channelsForFilter(channels: string[] | 'all') {
  const rows = await db().channel.findMany({
    where: channels === 'all' ? {} : { id: { in: channels } },
    select: { id: true, slug: true, name: true },
    orderBy: { slug: 'asc' },
  });
  return rows.map((c) => ({ ...c, name: c.name as LocalizedText }));
}

/** A post's history for moderators: earlier versions and every moderation action on it. */
export async function postHistory(postId: string) {
  const [revisions, actions] = await Promise.all([
    db().postRevision.findMany({ where: { postId }, select: { id: true, text: true, createdAt: true }, orderBy: { createdAt: 'desc' } }),
    db().auditLog.findMany({
      where: { targetKind: 'post', targetId: postId },
      select: { id: true, action: true, after: true, createdAt: true, actor: { select: { displayName: true, status: true } } },
      orderBy: { id: 'desc' },
    }),
  ]);
  return { revisions, actions };
}

/** What a moderator needs to judge an account (no e-mail or other personal data). */
export async function memberRecord(userId: string) {
  if (userId.length > 40) return null;
  const user = await db().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      displayName: true,
      status: true,
      suspendedUntil: true,
      createdAt: true,
      _count: { select: { posts: { where: { deletedAt: null } } } },
    },
  });
  if (!user) return null;
  const hiddenPosts = await db().post.count({ where: { authorId: userId, hiddenAt: { not: null } } });
  const { _count, ...rest } = user;
  return { ...rest, posts: _count.posts, hiddenPosts };
}
