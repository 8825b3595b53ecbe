import { z } from 'zod';
import { checkbox, localizedText, optionalText, slug, text } from '~/lib/forms';
import { BodyFields, PictureFields } from '~/modules/content/body';
import { MENTION_QUERY_MAX } from '~/modules/content/mentions';
import { ThreadActionFields } from '~/modules/moderation/schemas';
import { ClosePollFormSchema, VoteFormSchema } from './polls/schemas';
import { FollowLevelSchema, ReactionSchema, VisibilitySchema } from './values';

const id = z.string().min(1).max(40);

export const NewThreadSchema = z.object({ title: text(150), ...BodyFields, ...PictureFields });
/** Editing a post: its body, and for a thread's opening post its title too (a reply has none). */
const EditReplySchema = NewThreadSchema.partial({ title: true });
export const editPostSchema = (isOpening: boolean) => (isOpening ? NewThreadSchema : EditReplySchema);

/** A confirmation page's form: nothing but the button (and the CSRF token readSubmission checks). */
export const ConfirmSchema = z.object({});

/** Follow, mute or neither (a channel's or a thread's follow form). */
export const FollowSchema = z.object({ level: FollowLevelSchema });

/** A post's reaction buttons (one form per post, each button names its kind). */
export const ReactFormSchema = z.object({ intent: z.literal('react'), postId: id, kind: ReactionSchema });

/**
 * Everything the thread page posts, an intent per form: reply (the default: a form without
 * JavaScript that lost its intent still replies), react to a post, vote in or close its poll,
 * follow the thread, and the moderators' thread tools. Moving needs the channel to move to.
 */
export const ThreadActionsSchema = z
  .discriminatedUnion('intent', [
    z.object({ intent: z.literal('reply'), quotedPostId: optionalText(40), ...BodyFields, ...PictureFields }),
    ReactFormSchema,
    VoteFormSchema,
    ClosePollFormSchema,
    FollowSchema.extend({ intent: z.literal('follow') }),
    z.object({ intent: z.literal('moderate'), ...ThreadActionFields }),
  ])
  .superRefine((v, ctx) => {
    if (v.intent === 'moderate' && v.action === 'move' && !v.channelId)
      ctx.addIssue({ code: 'custom', path: ['channelId'], message: 'forms:choose' });
  });
/** The same on the server, where a post without an intent is a reply. */
export const ThreadPageSchema = z.preprocess(
  (value) => (value && typeof value === 'object' && !('intent' in value) ? { ...value, intent: 'reply' } : value),
  ThreadActionsSchema,
);

/** GET /people/mentions: the channel (id or slug) and what was typed after "@" (no control characters). */
export const MentionLookupSchema = z.object({
  channel: z.string().trim().min(1).max(100),
  q: z
    .string()
    .trim()
    .min(1)
    .max(MENTION_QUERY_MAX)
    .regex(/^[^\p{Cc}]+$/u),
});

export const ChannelSettingsSchema = z.object({
  slug: slug('admin:errors.slug', 40),
  name: localizedText(80, 'all'),
  description: localizedText(500, 'none'),
  visibility: VisibilitySchema,
  holdFirstPosts: checkbox(),
});

/** /latest's query: one channel to narrow to (its slug) and the keyset cursor. */
export const LatestQuerySchema = z.object({ channel: z.string().max(64).optional(), after: id.optional() });
