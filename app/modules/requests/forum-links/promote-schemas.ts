import { z } from 'zod';
import type { FieldDefinition } from '../catalog/schemas';
import { answersSchema } from '~/modules/surveys/answers';
import { intakeObject, locationCheck } from '../intake/intake-schemas';
import { typedPublicCode } from '../public-code';

/** The request type the promote page shows (none while the type is being picked). */
export type PromoteType = { locationRequired: boolean; fields: readonly FieldDefinition[] };

/**
 * The promote page's three forms, one schema: a new request of `type` (the intake form, where a
 * point alone is location enough: staff may have coordinates but no address), a link to an
 * existing request by its public code, the removal of a link. The location's cross-field check
 * runs beside the union, so a wrong answer or an empty description never hides it.
 */
export function promoteSchema(type: PromoteType | null = null) {
  const options = { locationRequired: type?.locationRequired ?? false, pointCounts: true };
  return z.intersection(
    z.discriminatedUnion('intent', [
      intakeObject(options).extend({
        intent: z.literal('create'),
        type: z.string().trim().max(60).optional(),
        a: z.preprocess((v) => v ?? {}, answersSchema(type?.fields ?? [])),
      }),
      z.object({ intent: z.literal('link'), code: typedPublicCode() }),
      z.object({ intent: z.literal('unlink'), code: typedPublicCode() }),
    ]),
    locationCheck(options, (raw) => raw.intent === 'create'),
  );
}
