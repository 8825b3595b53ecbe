import { z } from 'zod';
import { optionalText } from '~/lib/forms';

/** Following a request, or no longer (the follow page's one button): one schema, on `intent`. */
export const FollowRequestSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('follow') }),
  z.object({ intent: z.literal('unfollow') }),
]);

/** "My requests" keyset pagination: ?after=<request id>. */
export const MyRequestsQuerySchema = z.object({ after: optionalText(64) });
