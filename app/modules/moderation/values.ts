import { z } from 'zod';

/** Moderation's domain values in one place: each a checked list, its type and its zod enum. */

/** Why a reader flags a post. */
export const FLAG_REASONS = ['spam', 'abusive', 'off_topic', 'personal_info', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const FlagReasonSchema = z.enum(FLAG_REASONS);

/** What a channel's moderators do to one post (the moderation queue, a post's tools). */
const POST_ACTIONS = ['approve', 'hide', 'restore', 'delete', 'dismiss'] as const;
export type PostAction = (typeof POST_ACTIONS)[number];

/** What they do to a thread. */
export const THREAD_ACTIONS = ['lock', 'unlock', 'pin', 'unpin', 'move'] as const;
export type ThreadAction = (typeof THREAD_ACTIONS)[number];

/** What staff do to an account. */
export const USER_ACTIONS = ['warn', 'suspend', 'ban', 'reinstate'] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/** How a flag was closed (written on the flag rows by the post action that closed them). */
export const FLAG_RESOLUTIONS = ['approved', 'hidden', 'deleted', 'dismissed'] as const;
export type FlagResolution = (typeof FLAG_RESOLUTIONS)[number];
