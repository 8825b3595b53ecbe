import { db } from '~/lib/db.server';

export const NOTIFICATIONS_PAGE = 30;

export async function unreadCount(userId: string) {
  return db().notification.count({ where: { userId, readAt: null } });
}

/** A person's notifications, newest first, keyset-paginated. */
export async function listNotifications(userId: string, after?: string) {
  const rows = await db().notification.findMany({
    where: { userId },
    select: { id: true, kind: true, targetKind: true, targetId: true, data: true, count: true, readAt: true, createdAt: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: NOTIFICATIONS_PAGE + 1,
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
  });
  const more = rows.length > NOTIFICATIONS_PAGE;
  const page = more ? rows.slice(0, NOTIFICATIONS_PAGE) : rows;
  return {
    notifications: page.map((n) => ({ ...n, data: n.data as Record<string, string | number | null> })),
    nextAfter: more ? page[page.length - 1].id : null,
  };
}
