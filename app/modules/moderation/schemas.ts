import { z } from 'zod';
import { optionalText, text } from '~/lib/forms';
import { FlagReasonSchema, THREAD_ACTIONS, USER_ACTIONS } from './values';

export const FlagSchema = z
  .object({ reason: FlagReasonSchema, note: optionalText(500) })
  .refine((v) => v.reason !== 'other' || !!v.note, { path: ['note'], message: 'moderation:errors.noteNeeded' });

const REASON_NEEDED = 'moderation:errors.reasonNeeded';
const blankAsMissing = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const postId = z.string().min(1).max(40);
/** Where a post action taken from a thread page goes back to (checked: same site only). */
const redirectTo = optionalText(500);

/**
 * The moderation queue's (and a post's tools') one form, an intent per action: hiding needs a
 * reason; approving, restoring, deleting and dismissing the flags need only the post.
 */
export const PostActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('hide'),
    postId,
    reason: z.preprocess(blankAsMissing, z.string({ required_error: REASON_NEEDED }).trim().min(1, REASON_NEEDED).max(300)),
    redirectTo,
  }),
  z.object({ intent: z.enum(['approve', 'restore', 'delete', 'dismiss']), postId, redirectTo }),
]);
export type PostActionInput = z.output<typeof PostActionSchema>;

/** lock | unlock | pin | unpin | move (to a channel): the thread page's moderator tools. */
export const ThreadActionFields = {
  action: z.enum(THREAD_ACTIONS),
  threadId: z.string().min(1).max(40),
  channelId: optionalText(40),
};
export type ThreadActionInput = { action: (typeof THREAD_ACTIONS)[number]; threadId: string; channelId?: string };

export const UserActionSchema = z
  .object({
    action: z.enum(USER_ACTIONS),
    userId: z.string().min(1).max(40),
    message: text(500),
    days: z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().int().min(1).max(365).optional()),
  })
  .refine((v) => v.action !== 'suspend' || v.days !== undefined, { path: ['days'], message: 'forms:required' });
export type UserActionInput = z.output<typeof UserActionSchema>;

/**
 * The moderation queue's filter (GET): a channel among the moderator's own and the page to start
 * after. A value that does not fit is read as no filter (the whole queue, from the start).
 */
export const QueueFilterSchema = z.object({
  channel: optionalText(40).catch(undefined),
  after: optionalText(40).catch(undefined),
});
