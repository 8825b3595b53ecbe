import { createRows, transaction, type Tx } from '~/lib/db.server';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { emailNow } from './email.server';

/**
 * In-app notifications, written in the transaction of the change they report. The header's
 * count updates live through the person's `user:<id>` room.
 */
export type NotificationInput = {
  userId: string;
  kind: 'reply' | 'mention' | 'moderation';
  targetKind: 'post' | 'thread' | 'user';
  targetId: string;
  data: Record<string, string | number | null>;
  /**
   * Unread notifications with the same key stay one: a new occurrence counts up the existing one
   * (and moves it to the top) instead of adding a row, so a busy thread says "12 new replies"
   * once rather than twelve times. It still leads to the first unread occurrence.
   */
  groupKey?: string;
};

type Row = { id: string; userId: string; kind: string; targetId: string };

export async function notify(tx: Tx, items: NotificationInput[]) {
  // One notification per person, kind and target; a handful of queries however many recipients.
  const unique = [...new Map(items.map((i) => [`${i.userId}:${i.kind}:${i.targetId}`, i])).values()];
  if (!unique.length) return;
  const now = new Date();
  const select = { id: true, userId: true, kind: true, targetId: true } as const;
  const rowFor = new Map<NotificationInput, Row>();
  for (const groupKey of new Set(unique.map((i) => i.groupKey).filter((k): k is string => !!k))) {
    const members = unique.filter((i) => i.groupKey === groupKey);
    // emailedAt is cleared so a daily digest mentions the group again.
    const grown = await tx.notification.updateManyAndReturn({
      where: { groupKey, readAt: null, userId: { in: members.map((i) => i.userId) } },
      data: { count: { increment: 1 }, createdAt: now, emailedAt: null },
      select,
    });
    const byUser = new Map(grown.map((r) => [r.userId, r]));
    for (const item of members) if (byUser.has(item.userId)) rowFor.set(item, byUser.get(item.userId)!);
  }
  const fresh = unique.filter((i) => !rowFor.has(i));
  const created = await createRows(
    fresh.map((i) => ({ ...i, data: i.data as never, createdAt: now })),
    (data) => tx.notification.create({ data, select }),
    (data) => tx.notification.createManyAndReturn({ data, select }),
  );
  fresh.forEach((item, n) => rowFor.set(item, created[n]));
  const userIds = [...new Set(unique.map((i) => i.userId))];
  const recipients = new Map(
    (
      await tx.user.findMany({
        // Only those who may get a mail now (emailNow checks again).
        where: { id: { in: userIds }, notifyEmail: 'immediate', email: { not: null }, emailVerifiedAt: { not: null } },
        select: { id: true, email: true, emailVerifiedAt: true, locale: true, notifyEmail: true, status: true },
      })
    ).map((u) => [u.id, u]),
  );
  const emailed: string[] = [];
  for (const item of unique) {
    const recipient = recipients.get(item.userId);
    if (recipient && (await emailNow(tx, recipient, item))) emailed.push(rowFor.get(item)!.id);
  }
  if (emailed.length) await tx.notification.updateMany({ where: { id: { in: emailed } }, data: { emailedAt: now } });
  if (!created.length) return;
  // Only new rows change a header's unread count; a grown group keeps it.
  const newFor = [...new Set(created.map((r) => r.userId))];
  const counts = await tx.notification.groupBy({ by: ['userId'], where: { userId: { in: newFor }, readAt: null }, _count: { _all: true } });
  const unread = new Map(counts.map((c) => [c.userId, c._count._all]));
  await publishAfterCommit(
    tx,
    created.map((row) => ({ room: `user:${row.userId}`, type: 'notification.created', payload: { id: row.id, kind: row.kind, unread: unread.get(row.userId) ?? 0 } })),
  );
}

/** Marks some (or all) of a person's notifications read and updates their live count. */
export async function markNotificationsRead(userId: string, ids: string[] | 'all') {
  await transaction(async (tx) => {
    await tx.notification.updateMany({ where: { userId, readAt: null, ...(ids === 'all' ? {} : { id: { in: ids } }) }, data: { readAt: new Date() } });
    const unread = await tx.notification.count({ where: { userId, readAt: null } });
    await publishAfterCommit(tx, [{ room: `user:${userId}`, type: 'notification.read', payload: { unread } }]);
  });
}
