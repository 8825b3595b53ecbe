import { z } from 'zod';
import { optionalText } from '~/lib/forms';

/** Following a request, or no longer (the follow page's one button). */
export const FollowRequestSchema = z.object({ intent: z.enum(['follow', 'unfollow']) });

/** "My requests" keyset pagination: ?after=<request id>. */
export const MyRequestsQuerySchema = z.object({ after: optionalText(64) });
