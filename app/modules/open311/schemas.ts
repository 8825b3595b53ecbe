import { z } from 'zod';
import { text } from '~/lib/forms';

/** The admin API-keys page posts one of two forms: create (a name) or revoke (a key's id). */
export const ApiKeyIntentSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('create'), name: text(100) }),
  z.object({ intent: z.literal('revoke'), id: z.string().trim().min(1).max(64) }),
]);
