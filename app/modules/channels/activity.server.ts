import { db } from '~/lib/db.server';
import { keysetArgs, keysetPage } from '~/lib/keyset';
import type { Actor } from '~/modules/identity/policy';
import { PUBLIC_POST, visibleThreadsWhere } from './policy';

/**
 * Activity across channels: the threads of the channels a reader may read (listChannels decides
 * which, through canRead), newest activity first, and who took part in them. Every read is bounded
 * and runs once per list, never per row.
 */
export const LATEST_PAGE = 25;
/** Avatars shown per thread. */
const PARTICIPANTS = 4;

const personSelect = { id: true, displayName: true, status: true, avatarId: true } as const;

/**
 * Threads of these (readable) channels by latest activity, keyset-paged on the thread id. Hidden
 * threads are left to their authors here (moderators see them on the channel's own page).
 */
export async function latestThreads(reader: Actor, channelIds: string[], options: { take?: number; after?: string } = {}) {
  const take = options.take ?? LATEST_PAGE;
  if (!channelIds.length) return { threads: [], nextAfter: null };
  const rows = await db().thread.findMany({
    where: { channelId: { in: channelIds }, ...visibleThreadsWhere(reader, false) },
    select: { id: true, title: true, replyCount: true, lastActivityAt: true, channelId: true },
    orderBy: [{ lastActivityAt: 'desc' }, { id: 'desc' }],
    ...keysetArgs(take, options.after),
  });
  const { page, nextAfter } = keysetPage(rows, take);
  const people = await participantsOf(page.map((t) => t.id));
  return { threads: page.map((t) => ({ ...t, participants: people.get(t.id) ?? [] })), nextAfter };
}

export type Participant = { id: string; displayName: string; status: string; avatarId: string | null };

/**
 * The most recent authors of shown posts in each thread (up to PARTICIPANTS): one grouped query
 * for the pairs and one for the people, however many threads.
 */
export async function participantsOf(threadIds: string[]): Promise<Map<string, Participant[]>> {
  const result = new Map<string, Participant[]>();
  if (!threadIds.length) return result;
  const pairs = await db().post.groupBy({
    by: ['threadId', 'authorId'],
    where: { threadId: { in: threadIds }, ...PUBLIC_POST },
    _max: { createdAt: true },
  });
  const users = await db().user.findMany({
    where: { id: { in: [...new Set(pairs.map((p) => p.authorId))] }, status: { not: 'deleted' } },
    select: personSelect,
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  const latestFirst = [...pairs].sort((a, b) => (b._max.createdAt?.getTime() ?? 0) - (a._max.createdAt?.getTime() ?? 0));
  for (const pair of latestFirst) {
    const person = byId.get(pair.authorId);
    const list = result.get(pair.threadId) ?? [];
    if (person && list.length < PARTICIPANTS) result.set(pair.threadId, [...list, person]);
  }
  return result;
}
