import { z } from 'zod';
import { optionalText, text } from '~/lib/forms';
import { REACTIONS } from './reactions';

export const NewThreadSchema = z.object({ title: text(150) });
export const ReplySchema = z.object({ quotedPostId: optionalText(40) });
export const ReactSchema = z.object({ postId: z.string().min(1).max(40), kind: z.enum(REACTIONS) });
export const PostIdSchema = z.object({ postId: z.string().min(1).max(40) });
export const FollowSchema = z.object({ level: z.enum(['follow', 'mute', 'none']) });
