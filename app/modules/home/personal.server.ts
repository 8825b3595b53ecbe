import { db } from '~/lib/db.server';
import { localized, type LocalizedText } from '~/lib/i18n';
import { visibleThreadsWhere } from '~/modules/channels/policy';
import type { SessionUser } from '~/modules/identity/session.server';
import { moderatedChannelIds, moderatesAny, moderationQueueCount } from '~/modules/moderation/queries.server';
import { handledDepartments } from '~/modules/requests/policy';
import { OPEN_QUEUE } from '~/modules/requests/queue/queue-options';
import { countQueue } from '~/modules/requests/queue/queue.server';
import { HOME_ITEMS } from './happening.server';

/**
 * What the home page shows a signed-in person alone: what they follow that moved, and for staff
 * the counts of their queues. Never part of an anonymous page.
 */

/** How many follows are looked at (the newest), to keep the read bounded. */
const FOLLOWS_READ = 200;

/**
 * Threads they follow with activity since they last read them (only in channels they may still
 * read: `readableIds`), and the requests they follow, latest change first.
 */
export async function followedActivity(user: SessionUser, readableIds: string[], lng: string) {
  const follows = await db().follow.findMany({
    where: { userId: user.id, level: 'follow', targetKind: { in: ['thread', 'request'] } },
    select: { targetKind: true, targetId: true },
    orderBy: { createdAt: 'desc' },
    take: FOLLOWS_READ,
  });
  const idsOf = (kind: string) => follows.filter((f) => f.targetKind === kind).map((f) => f.targetId);
  const [threads, requests] = await Promise.all([
    db().thread.findMany({
      where: { id: { in: idsOf('thread') }, channelId: { in: readableIds }, ...visibleThreadsWhere(user, false) },
      select: {
        id: true,
        title: true,
        replyCount: true,
        lastActivityAt: true,
        channelId: true,
        readMarkers: { where: { userId: user.id }, select: { lastReadAt: true } },
      },
      orderBy: [{ lastActivityAt: 'desc' }, { id: 'desc' }],
      take: FOLLOWS_READ,
    }),
    db().serviceRequest.findMany({
      where: { id: { in: idsOf('request') } },
      select: { publicCode: true, status: true, updatedAt: true, type: { select: { name: true } } },
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      take: HOME_ITEMS,
    }),
  ]);
  return {
    threads: threads
      .filter((t) => !t.readMarkers[0] || t.readMarkers[0].lastReadAt < t.lastActivityAt)
      .slice(0, HOME_ITEMS)
      .map(({ readMarkers: _read, ...t }) => t),
    requests: requests.map((r) => ({
      code: r.publicCode,
      status: r.status,
      updatedAt: r.updatedAt.toISOString(),
      type: localized(r.type.name as LocalizedText, lng).text,
    })),
  };
}

export type QueueCounts = {
  requests: { open: number; overdue: number } | null;
  moderation: number | null;
};

/** Their queues' counts, each only for someone who works that queue (null otherwise). */
export async function queueCounts(user: SessionUser, now = new Date()): Promise<QueueCounts> {
  const departments = handledDepartments(user);
  const channels = await moderatedChannelIds(user);
  // The queue's own default view and its "overdue only" box: the counts match what the queue lists.
  const [openCount, overdue, moderation] = await Promise.all([
    departments ? countQueue(OPEN_QUEUE, departments, user.id, now) : null,
    departments ? countQueue({ ...OPEN_QUEUE, overdue: true }, departments, user.id, now) : null,
    moderatesAny(channels) ? moderationQueueCount(channels) : null,
  ]);
  return { requests: openCount === null || overdue === null ? null : { open: openCount, overdue }, moderation };
}
