import { z } from 'zod';
import { msg } from '~/lib/forms';
import { MAX_QUERY, MIN_QUERY, searchTerms } from './terms';

export const SEARCH_PAGE = 20;
/** Results are paged with a bounded OFFSET: at most this many pages (docs/decisions/0008-search.md). */
export const MAX_PAGES = 10;

export const SearchSchema = z.object({
  q: z
    .string()
    .trim()
    .min(MIN_QUERY, msg('search:errors.tooShort', { min: MIN_QUERY }))
    .max(MAX_QUERY, msg('search:errors.tooLong', { max: MAX_QUERY }))
    .refine((q) => searchTerms(q).length > 0, msg('search:errors.noWords')),
  channel: z.preprocess((v) => (v === '' ? undefined : v), z.string().max(100).optional()),
  page: z.coerce.number().int().min(1).max(MAX_PAGES).catch(1),
});
