import { z } from 'zod';
import { msg, optionalText } from '~/lib/forms';
import { REQUEST_STATUSES } from '../values';

/** The public list's status filter: any open request, or one status. */
export const PUBLIC_STATUS_FILTERS = ['open', ...REQUEST_STATUSES] as const;
export type PublicStatusFilter = (typeof PUBLIC_STATUS_FILTERS)[number];

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** /requests?neighborhood=<slug>&type=<code>&status=<status>&page=<n> (a GET form). */
export const PublicListFilterSchema = z.object({
  neighborhood: optionalText(80),
  type: optionalText(80),
  status: z.preprocess(blankToUndefined, z.enum(PUBLIC_STATUS_FILTERS, { errorMap: () => ({ message: msg('forms:choose') }) }).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).optional()),
});
export type PublicListFilter = z.output<typeof PublicListFilterSchema>;

/** "Follow it / me too" on a published request (a POST, signed in). */
export const MeTooSchema = z.object({ intent: z.literal('metoo') });

/** The filing form's "Already reported?" query (GET /requests/nearby). */
export const NearbyQuerySchema = z.object({
  type: z.string().trim().min(1).max(80),
  neighborhood: optionalText(64),
  address: optionalText(300),
});
