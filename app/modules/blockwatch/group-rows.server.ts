import type { Tx } from '~/lib/db.server';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import type { LocalizedText } from '~/lib/i18n';

/**
 * The rows behind a block-watch group (docs/decisions/0023-block-watch-design.md), written the
 * same way by the seed, staff and the membership use cases: a group is made with its board (a
 * members-only channel of kind group), and an active member is also a member of that channel,
 * so the board's reads, search and notifications use the channel's own membership check.
 */
export type NewGroup = {
  slug: string;
  name: string;
  description: Partial<LocalizedText> | null;
  neighborhoodId: string | null;
  streets: string[];
};

export async function insertGroup(tx: Tx, group: NewGroup): Promise<{ id: string; channelId: string }> {
  const channel = await tx.channel.create({
    data: {
      slug: `group-${group.slug}`,
      kind: 'group',
      // A group's name is a proper name: the same in every language.
      name: { en: group.name, es: group.name },
      visibility: 'members',
      neighborhoodId: group.neighborhoodId,
    },
    select: { id: true },
  });
  const row = await tx.blockWatchGroup.create({
    data: { ...group, description: group.description ?? undefined, channelId: channel.id },
    select: { id: true },
  });
  return { id: row.id, channelId: channel.id };
}

/** Makes `userId` an active member of the group (and of its board), whatever their membership was. */
export async function activateMember(
  tx: Tx,
  group: { id: string; channelId: string },
  userId: string,
  how: { via: 'request' | 'invite' | 'staff'; decidedById: string | null; sharedName: string | null },
): Promise<void> {
  const now = new Date();
  const decided = { decidedById: how.decidedById, decidedAt: how.decidedById ? now : null };
  await tx.groupMembership.upsert({
    where: { groupId_userId: { groupId: group.id, userId } },
    create: { groupId: group.id, userId, status: 'active', via: how.via, sharedName: how.sharedName, ...decided },
    update: { status: 'active', ...decided },
  });
  await tx.channelMember.upsert({
    where: { channelId_userId: { channelId: group.channelId, userId } },
    create: { channelId: group.channelId, userId },
    update: {},
  });
}

/**
 * Those who lead a group (its captains and active co-captains) moderate its board: a
 * `groupLeader` grant scoped to the board's channel, so the forum's moderation (pinning
 * announcements, hiding, locking, the flag queue) works there unchanged. A role of its own: a
 * moderator grant an admin gave is never touched, and co-captains get no staff permission. Called in the transaction of every change of who
 * leads (through leadersChanged; the seed, which tells no socket, calls it directly).
 */
/** The where-clause of the captains' grants of a group (a `captain` role scoped to it). */
export const captainGrant = (groupId: string) => ({ role: 'captain', scopeKind: 'group', scopeId: groupId });

export async function syncBoardModerator(tx: Tx, group: { id: string; channelId: string }, userId: string): Promise<void> {
  const board = { userId, role: 'groupLeader', scopeKind: 'channel', scopeId: group.channelId };
  const captain = await tx.roleGrant.count({ where: { userId, ...captainGrant(group.id) } });
  const coCaptain = await tx.groupMembership.count({ where: { groupId: group.id, userId, status: 'active', role: 'coCaptain' } });
  const granted = await tx.roleGrant.count({ where: board });
  const leads = captain + coCaptain > 0;
  if (leads && !granted) await tx.roleGrant.create({ data: board });
  if (!leads && granted) await tx.roleGrant.deleteMany({ where: board });
}

/**
 * After a change of who leads or who is in the group: each person's board moderation follows
 * their place (syncBoardModerator), and their sockets re-check which rooms they may be in (a
 * removed member leaves the board's room, a new co-captain gets its moderators' one).
 */
export async function leadersChanged(tx: Tx, group: { id: string; channelId: string }, userIds: string[]): Promise<void> {
  for (const userId of userIds) await syncBoardModerator(tx, group, userId);
  await publishAfterCommit(
    tx,
    userIds.map((id) => ({ room: `user:${id}`, type: 'roles.changed', payload: {} })),
  );
}

/**
 * A captain's grant given or taken on the admin roles page: a new captain joins
 * the group (and its board) as a member, and board moderation follows. The group pages do the
 * same in their own use cases (leadership.server.ts).
 */
export async function captaincyChanged(tx: Tx, groupId: string, userId: string, decidedById: string): Promise<void> {
  const group = await tx.blockWatchGroup.findUnique({ where: { id: groupId }, select: { id: true, channelId: true } });
  if (!group) return;
  const captain = await tx.roleGrant.count({ where: { userId, ...captainGrant(groupId) } });
  if (captain) await activateMember(tx, group, userId, { via: 'staff', decidedById, sharedName: null });
  await leadersChanged(tx, group, [userId]);
}

/** True if someone other than `userId` is a captain of the group (a group keeps one). */
export async function otherCaptainRemains(tx: Tx, groupId: string, userId: string): Promise<boolean> {
  return (await tx.roleGrant.count({ where: { ...captainGrant(groupId), userId: { not: userId } } })) > 0;
}

/**
 * Serializes the transactions that change who is in or leads a group: writing the group's row
 * holds its lock until commit on PostgreSQL (SQLite writes one transaction at a time anyway), so
 * "a group keeps a captain" and "a request is decided once" are checked against what a
 * concurrent transaction wrote. Called first in each such transaction.
 */
export async function lockGroup(tx: Tx, groupId: string): Promise<void> {
  await tx.blockWatchGroup.updateMany({ where: { id: groupId }, data: { updatedAt: new Date() } });
}
