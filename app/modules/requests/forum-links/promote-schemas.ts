import { z } from 'zod';
import { typedPublicCode } from '../public-code';

/** The promote page's forms: a new request, a link to an existing one, the removal of a link. */
export const PromoteIntentSchema = z.object({ intent: z.enum(['create', 'link', 'unlink']) });

/** The promote page: a link to an existing request by its public code, or the removal of one. */
export const LinkCodeSchema = z.object({ code: typedPublicCode() });
