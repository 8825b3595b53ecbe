import { z } from 'zod';

/** The forms of a group's page, one intent each (app/routes/groups.$slug.tsx). */
export const GroupPageActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('join') }),
  z.object({ intent: z.literal('leave') }),
  z.object({ intent: z.literal('approve'), membershipId: z.string().min(1).max(40) }),
  z.object({ intent: z.literal('decline'), membershipId: z.string().min(1).max(40) }),
]);
export type GroupPageAction = z.infer<typeof GroupPageActionSchema>;
