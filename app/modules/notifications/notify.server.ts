import { transaction, type Tx } from '~/lib/db.server';
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
};

export async function notify(tx: Tx, items: NotificationInput[]) {
  // One notification per person, kind and target; a handful of queries however many recipients.
  const unique = [...new Map(items.map((i) => [`${i.userId}:${i.kind}:${i.targetId}`, i])).values()];
  if (!unique.length) return;
  const userIds = [...new Set(unique.map((i) => i.userId))];
  const rows = await tx.notification.createManyAndReturn({
    data: unique.map((i) => ({ ...i, data: i.data as never })),
    select: { id: true, userId: true, kind: true, targetId: true },
  });
  const rowFor = new Map(rows.map((r) => [`${r.userId}:${r.kind}:${r.targetId}`, r.id]));
  const recipients = new Map(
    (
      await tx.user.findMany({
        where: { id: { in: userIds } },
        select: { id: true, email: true, emailVerifiedAt: true, locale: true, notifyEmail: true, status: true },
      })
    ).map((u) => [u.id, u]),
  );
  const emailed: string[] = [];
  for (const item of unique) {
    const recipient = recipients.get(item.userId);
    if (recipient && (await emailNow(tx, recipient, item))) emailed.push(rowFor.get(`${item.userId}:${item.kind}:${item.targetId}`)!);
  }
  if (emailed.length) await tx.notification.updateMany({ where: { id: { in: emailed } }, data: { emailedAt: new Date() } });
  const counts = await tx.notification.groupBy({ by: ['userId'], where: { userId: { in: userIds }, readAt: null }, _count: { _all: true } });
  const unread = new Map(counts.map((c) => [c.userId, c._count._all]));
  await publishAfterCommit(
    tx,
    rows.map((row) => ({ room: `user:${row.userId}`, type: 'notification.created', payload: { id: row.id, kind: row.kind, unread: unread.get(row.userId) ?? 0 } })),
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
