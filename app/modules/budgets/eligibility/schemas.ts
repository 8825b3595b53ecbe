import { z } from 'zod';
import { email, text } from '~/lib/forms';
import { ADDRESS_MAX } from './census-file';

/** The forms of residency verification (browser and server). */
const id = () => z.string().min(1).max(40);

/** A resident's page (app/routes/account.residency.tsx): one intent per form. */
export const ResidencyActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('address'), address: text(ADDRESS_MAX) }),
  z.object({ intent: z.literal('letter'), neighborhoodId: id(), postalAddress: text(400) }),
  z.object({ intent: z.literal('code'), code: text(40) }),
]);
export type ResidencyAction = z.infer<typeof ResidencyActionSchema>;

/** Staff's residents page (app/routes/staff_.budgets_.residents.tsx). */
export const ResidentsActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('verify'), email: email(), neighborhoodId: id() }),
  z.object({ intent: z.literal('revoke'), userId: id(), neighborhoodId: id() }),
]);

/** The residents page's filters (GET): a person by e-mail, the list by neighborhood and page. */
const blank = (v: unknown) => (v === '' ? undefined : v);
export const ResidentsFilterSchema = z.object({
  email: z.preprocess(blank, email().optional()),
  neighborhood: z.preprocess(blank, id().optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).optional()),
});

/** Census files up to this size (an address list of a large city fits). */
export const CENSUS_MAX_BYTES = 10 * 1024 * 1024;

/** The letters page: print the pending letters. */
export const PrintLettersSchema = z.object({ intent: z.literal('print') });
