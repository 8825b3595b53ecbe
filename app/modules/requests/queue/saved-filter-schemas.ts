import { z } from 'zod';
import { text } from '~/lib/forms';

/**
 * The queue page's forms for saved filters, shared by the page (browser) and its action (server):
 * save the current filter under a name, delete one. At most SAVED_FILTERS_MAX per person, so the
 * tabs stay one row and their counts a bounded number of queries.
 */
export const SAVED_FILTERS_MAX = 10;

const SaveFilterObject = z.object({
  intent: z.literal('saveFilter'),
  name: text(60),
  /** The filter's query string; normalized by the server before it is stored. */
  query: z.string().max(2000).optional(),
});

const DeleteFilterObject = z.object({
  intent: z.literal('deleteFilter'),
  id: z.string().min(1).max(40),
});

export const SavedFilterActionSchema = z.discriminatedUnion('intent', [SaveFilterObject, DeleteFilterObject]);
