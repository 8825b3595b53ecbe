import { z } from 'zod';
import { localizedText, msg, optionalText, slug, text } from '~/lib/forms';
import { isIsoDate } from '~/lib/time';
import { isCurrency } from './money';
import { BodyFields } from '~/modules/content/body';
import { MAX_PHOTOS } from '~/modules/requests/intake/intake-schemas';
import { FEASIBILITY, PHASES, PROGRESS, PROPOSAL_SORTS, RULES, SCOPES, VOTING_METHODS } from './values';

/** A calendar day (YYYY-MM-DD), read in the city's zone by the use case. */
const day = () =>
  z
    .string()
    .trim()
    .refine(isIsoDate, { message: msg('budgets:errors.date') });

/** A count of projects on a ballot: empty is none. */
const optionalCount = () =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().int().min(1).max(500).optional());

/** Categories, one per line, "English | Español" (or one name for both); blank lines dropped. */
const categoryLines = () =>
  z
    .string()
    .max(4000)
    .optional()
    .transform((v) =>
      (v ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
          const [en, es] = line.split('|').map((part) => part.trim());
          return { en, es: es || en };
        }),
    )
    .refine((list) => list.length <= 30, { message: msg('budgets:errors.tooManyCategories') })
    .refine((list) => list.every((c) => c.en.length <= 80 && c.es.length <= 80), { message: msg('budgets:errors.categoryTooLong') });

/**
 * A new process as staff describe it on /staff/budgets/new: amounts are decimal text (the use
 * case reads them in the currency's minor units), phases are days in the city's zone.
 */
export const ProcessSchema = z.object({
  slug: slug('budgets:errors.slug', 60, 3),
  title: localizedText(120, 'default'),
  description: localizedText(4000, 'default'),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCurrency, { message: msg('budgets:errors.currency') }),
  total: text(24),
  scope: z.enum(SCOPES),
  neighborhoods: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(40)).max(100)),
  /** Each chosen neighborhood's own amount, by id (empty: none of its own) */
  amounts: z.record(z.string().max(40), optionalText(24)).optional(),
  votingMethod: z.enum(VOTING_METHODS),
  minChoices: optionalCount(),
  maxChoices: optionalCount(),
  rule: z.enum(RULES),
  categories: categoryLines(),
  phases: z.object(
    Object.fromEntries(PHASES.map((p) => [p, z.object({ starts: day(), ends: day() })])) as Record<
      (typeof PHASES)[number],
      z.ZodObject<{ starts: ReturnType<typeof day>; ends: ReturnType<typeof day> }>
    >,
  ),
});
export type ProcessInput = z.infer<typeof ProcessSchema>;

/** Moving a process to its next phase (/staff/budgets/<slug>). */
export const PhaseActionSchema = z.object({ intent: z.literal('advance'), from: z.enum(PHASES) });

/** A proposal as its author writes it (/budgets/<slug>/proposals/new and its edit page). */
export const ProposalSchema = z.object({
  title: text(150),
  ...BodyFields,
  cost: text(24),
  neighborhoodId: optionalText(40),
  categoryId: optionalText(40),
  address: optionalText(200),
  /** On the edit form: the ids of photos already there to remove (the new ones are files, read apart). */
  removePhotos: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(40)).max(MAX_PHOTOS)),
});
export type ProposalInput = z.infer<typeof ProposalSchema>;

/** What a resident does on a proposal's page: support it, take the support back, or (its author) withdraw it. */
export const ProposalActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('support') }),
  z.object({ intent: z.literal('unsupport') }),
  z.object({ intent: z.literal('withdraw') }),
  z.object({
    intent: z.literal('review'),
    feasibility: z.enum(FEASIBILITY),
    note: localizedText(2000, 'none'),
    cost: text(24),
  }),
  z.object({ intent: z.literal('merge'), into: text(40) }),
  z.object({ intent: z.literal('update'), progress: z.enum(PROGRESS), body: localizedText(4000, 'default') }),
]);

/** The proposal list's filter on a process page (`?category=&neighborhood=&sort=`), a GET form. */
export const ProposalFilterSchema = z.object({
  category: optionalText(40),
  neighborhood: optionalText(40),
  sort: z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.enum(PROPOSAL_SORTS).default('supports')),
});

/** A ballot as posted: the chosen projects, and the version of the ballot the form was built on (0: none yet). */
export const BallotSchema = z.object({
  choices: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(40)).max(500)),
  version: z.coerce.number().int().min(0).max(1_000_000),
});

/** A paper ballot as staff type it in: the voter's neighborhood and the chosen projects. */
export const PaperBallotSchema = z.object({
  neighborhoodId: text(40),
  choices: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(40)).max(500)),
});

/** The Pabulib import form (/staff/budgets/import): the .pb file, the new process's slug and title. */
export const PabulibImportSchema = z.object({
  file: z.unknown().optional(),
  slug: slug('budgets:errors.slug', 60, 3),
  title: localizedText(120, 'default'),
});
