import { db } from '~/lib/db.server';
import { keysetArgs, keysetPage } from '~/lib/keyset';

const NOTIFICATIONS_PAGE = 30;

export async function unreadCount(userId: string) {
  return db().notification.count({ where: { userId, readAt: null } });
}

/** A person's notifications, newest first, keyset-paginated. */
export async function listNotifications(userId: string, after?: string) {
  const rows = await db().notification.findMany({
    where: { userId },
    select: { id: true, kind: true, targetKind: true, targetId: true, data: true, count: true, readAt: true, createdAt: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...keysetArgs(NOTIFICATIONS_PAGE, after),
  });
  const { page, nextAfter } = keysetPage(rows, NOTIFICATIONS_PAGE);
  return { notifications: page.map((n) => ({ ...n, data: n.data as Record<string, string | number | null> })), nextAfter };
}
