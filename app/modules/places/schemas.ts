import { z } from 'zod';
import { checkbox, email, localizedText, msg, optionalText, slug, text } from '~/lib/forms';
import { supportedLanguages } from '~/lib/i18n';
import { phone } from '~/modules/blockwatch/schemas';
import { accentContrast, HEX_COLOR } from './accent';

/** IANA time zones known to this runtime's Intl. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const CitySchema = z.object({
  name: text(100),
  // Stored in Intl's canonical spelling ("america/new_york" → "America/New_York").
  timeZone: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .refine(isTimeZone, msg('admin:errors.timeZone'))
    .transform((zone) => new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone),
  defaultLocale: z.enum(supportedLanguages),
  fiscalYearStartMonth: z.coerce.number().int().min(1).max(12),
  // Off by default: turning posts into requests is staff work unless the city widens it.
  moderatorsMayPromote: checkbox(),
  // The city's contact details, shown on /contact; each may be left empty.
  contactEmail: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), email().optional()),
  contactPhone: phone(),
  contactAddress: optionalText(300),
  openingHours: localizedText(300, 'none'),
  // Empty keeps the default colours; a colour must read well with white text and on both themes.
  accentColor: optionalText(7)
    .transform((v) => v?.toLowerCase())
    .refine((v) => v === undefined || HEX_COLOR.test(v), msg('admin:errors.accentFormat'))
    .superRefine((v, ctx) => {
      if (v === undefined || !HEX_COLOR.test(v)) return;
      const contrast = accentContrast(v);
      if (!contrast.ok)
        ctx.addIssue({ code: 'custom', message: msg('admin:errors.accentContrast', { text: contrast.text, page: contrast.page }) });
    }),
});

/** A neighborhood: its name in every language (its channel takes it), a description, its streets. */
export const NeighborhoodSchema = z.object({
  slug: slug('admin:errors.slug'),
  name: localizedText(100, 'all'),
  description: localizedText(1000, 'none'),
  streets: optionalText(2000),
});

export const DepartmentSchema = z.object({
  slug: slug('admin:errors.slug'),
  name: localizedText(100, 'all'),
  email: email(),
});

/** An edit page posts either its form ("save") or its delete button ("delete"): one schema. */
export const NeighborhoodActionSchema = z.discriminatedUnion('intent', [
  NeighborhoodSchema.extend({ intent: z.literal('save') }),
  z.object({ intent: z.literal('delete') }),
]);

export const DepartmentActionSchema = z.discriminatedUnion('intent', [
  DepartmentSchema.extend({ intent: z.literal('save') }),
  z.object({ intent: z.literal('delete') }),
]);

export type NeighborhoodInput = z.output<typeof NeighborhoodSchema>;
export type DepartmentInput = z.output<typeof DepartmentSchema>;
export type CityInput = z.output<typeof CitySchema>;

/** The city logo form (/admin/city/logo): upload a file, or remove the logo. */
export const LogoFormSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('upload'), logo: z.unknown().optional() }),
  z.object({ intent: z.literal('remove') }),
]);
