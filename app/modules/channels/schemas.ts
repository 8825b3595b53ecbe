import { z } from 'zod';
import { checkbox, localizedText, optionalText, text } from '~/lib/forms';
import { MENTION_QUERY_MAX } from '~/modules/content/mentions';
import { REACTIONS } from './reactions';

export const NewThreadSchema = z.object({ title: text(150) });
export const ReplySchema = z.object({ quotedPostId: optionalText(40) });
export const ReactSchema = z.object({ postId: z.string().min(1).max(40), kind: z.enum(REACTIONS) });
export const PostIdSchema = z.object({ postId: z.string().min(1).max(40) });
export const FollowSchema = z.object({ level: z.enum(['follow', 'mute', 'none']) });
/** GET /people/mentions: the channel (id or slug) and what was typed after "@" (no control characters). */
export const MentionLookupSchema = z.object({
  channel: z.string().trim().min(1).max(100),
  q: z.string().trim().min(1).max(MENTION_QUERY_MAX).regex(/^[^\p{Cc}]+$/u),
});

export const ChannelSettingsSchema = z.object({
  slug: z.string().trim().toLowerCase().min(2).max(40).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'admin:errors.slug'),
  name: localizedText(80, 'all'),
  description: localizedText(500, 'none'),
  visibility: z.enum(['public', 'members']),
  holdFirstPosts: checkbox(),
});
