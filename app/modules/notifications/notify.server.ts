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
  const seen = new Set<string>();
  const events = [];
  for (const item of items) {
    const key = `${item.userId}:${item.kind}:${item.targetId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const row = await tx.notification.create({ data: { ...item, data: item.data as never } });
    const recipient = await tx.user.findUnique({
      where: { id: item.userId },
      select: { id: true, email: true, emailVerifiedAt: true, locale: true, notifyEmail: true, status: true },
    });
    if (recipient && (await emailNow(tx, recipient, item))) await tx.notification.update({ where: { id: row.id }, data: { emailedAt: new Date() } });
    const unread = await tx.notification.count({ where: { userId: item.userId, readAt: null } });
    events.push({ room: `user:${item.userId}`, type: 'notification.created', payload: { id: row.id, kind: item.kind, unread } });
  }
  if (events.length) await publishAfterCommit(tx, events);
}

/** Marks some (or all) of a person's notifications read and updates their live count. */
export async function markNotificationsRead(userId: string, ids: string[] | 'all') {
  await transaction(async (tx) => {
    await tx.notification.updateMany({ where: { userId, readAt: null, ...(ids === 'all' ? {} : { id: { in: ids } }) }, data: { readAt: new Date() } });
    const unread = await tx.notification.count({ where: { userId, readAt: null } });
    await publishAfterCommit(tx, [{ room: `user:${userId}`, type: 'notification.read', payload: { unread } }]);
  });
}
