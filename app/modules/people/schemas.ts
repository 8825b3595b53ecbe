import { z } from 'zod';

/** The avatar page's two forms: upload a picture (multipart, its file read apart) or go back to initials. */
export const AvatarFormSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('upload'), avatar: z.unknown().optional() }),
  z.object({ intent: z.literal('remove') }),
]);
