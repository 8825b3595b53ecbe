import type { Tx } from '~/lib/db.server';
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
