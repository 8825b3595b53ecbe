import { z } from 'zod';
import { optionalText, text } from '~/lib/forms';

export const FLAG_REASONS = ['spam', 'abusive', 'off_topic', 'personal_info', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export const FlagSchema = z
  .object({ reason: z.enum(FLAG_REASONS), note: optionalText(500) })
  .refine((v) => v.reason !== 'other' || !!v.note, { path: ['note'], message: 'moderation:errors.noteNeeded' });

export const POST_ACTIONS = ['approve', 'hide', 'restore', 'delete', 'dismiss'] as const;
export const PostActionSchema = z
  .object({ action: z.enum(POST_ACTIONS), postId: z.string().min(1).max(40), reason: optionalText(300) })
  .refine((v) => v.action !== 'hide' || !!v.reason, { path: ['reason'], message: 'moderation:errors.reasonNeeded' });

export const THREAD_ACTIONS = ['lock', 'unlock', 'pin', 'unpin', 'move'] as const;
export const ThreadActionSchema = z
  .object({ action: z.enum(THREAD_ACTIONS), threadId: z.string().min(1).max(40), channelId: optionalText(40) })
  .refine((v) => v.action !== 'move' || !!v.channelId, { path: ['channelId'], message: 'forms:choose' });

export const USER_ACTIONS = ['warn', 'suspend', 'ban', 'reinstate'] as const;
export const UserActionSchema = z
  .object({
    action: z.enum(USER_ACTIONS),
    userId: z.string().min(1).max(40),
    message: text(500),
    days: z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().int().min(1).max(365).optional()),
  })
  .refine((v) => v.action !== 'suspend' || v.days !== undefined, { path: ['days'], message: 'forms:required' });
