import { z } from 'zod';

/**
 * The forum's domain values, in one place: each as a checked list, its type and its zod enum
 * (forms, payloads). The database stores them as text (prisma/schema.prisma names the same lists).
 */

/** neighborhood (one per neighborhood, always public), topic (city-wide, by staff), group, budget, proposal. */
export const CHANNEL_KINDS = ['neighborhood', 'topic', 'group', 'budget', 'proposal'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Who reads a channel: everyone, or its members (and its moderators). */
const VISIBILITIES = ['public', 'members'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const VisibilitySchema = z.enum(VISIBILITIES);

/** published, or pending: held for review (a new account's first post where the channel asks). */
export const POST_STATUSES = ['published', 'pending'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** The small fixed set of reactions; one of each per person per post. */
export const REACTIONS = ['thanks', 'agree', 'helpful', 'same'] as const;
export type ReactionKind = (typeof REACTIONS)[number];
export const ReactionSchema = z.enum(REACTIONS);
export const REACTION_EMOJI: Record<ReactionKind, string> = { thanks: '🙏', agree: '👍', helpful: '💡', same: '✋' };

/** Following a thread or channel (notices), muting it, or neither ('none' removes the row). */
export const FOLLOW_LEVELS = ['follow', 'mute', 'none'] as const;
export type FollowLevel = (typeof FOLLOW_LEVELS)[number];
export const FollowLevelSchema = z.enum(FOLLOW_LEVELS);

/** What the forum's follows point at (requests keep their own follow rows). */
export const FOLLOW_TARGETS = ['thread', 'channel'] as const;
export type FollowTarget = (typeof FOLLOW_TARGETS)[number];
