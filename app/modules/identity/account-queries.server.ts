import { db } from '~/lib/db.server';

/** Reads for the signed-in person's own account pages (never another person's data). */

export async function getProfile(userId: string) {
  return db().user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      displayName: true,
      email: true,
      emailVerifiedAt: true,
      locale: true,
      neighborhoodId: true,
      notifyEmail: true,
      createdAt: true,
    },
  });
}

/** The person's active (unexpired) sessions, most recently used first. */
export async function listSessions(userId: string, currentSessionId: string) {
  const rows = await db().session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    select: { id: true, createdAt: true, lastSeenAt: true },
    orderBy: [{ lastSeenAt: 'desc' }, { createdAt: 'desc' }],
  });
  // The session id is the hash of a cookie token: it never leaves the server.
  return rows.map((s) => ({ createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, current: s.id === currentSessionId }));
}
