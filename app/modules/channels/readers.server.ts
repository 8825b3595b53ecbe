import type { Prisma } from '~/generated/sqlite/client';
import type { ChannelRef } from './policy';

/**
 * canRead() (policy.ts) as a condition on User rows, for the set-based statements that decide
 * who hears about a post (mentions, thread followers): checked when the notice is written, so a
 * follower who has since lost access (the channel made members-only, their membership or
 * moderator role removed, their account banned or deleted) hears nothing. Keep the two in step.
 *  - public channel: any account not banned or deleted;
 *  - members-only: its members (not banned or deleted), and active accounts that may moderate
 *    it (admins, staff, its moderators: canModerate needs an active account).
 */
export function channelReaders(channel: ChannelRef): Prisma.UserWhereInput {
  const standing = { status: { notIn: ['banned', 'deleted'] }, deletedAt: null };
  if (channel.visibility === 'public') return standing;
  return {
    ...standing,
    OR: [
      { channels: { some: { channelId: channel.id } } },
      {
        status: 'active',
        roleGrants: {
          some: {
            role: { in: ['admin', 'staff', 'moderator'] },
            OR: [{ scopeKind: null }, { scopeKind: 'channel', scopeId: channel.id }],
          },
        },
      },
    ],
  };
}
