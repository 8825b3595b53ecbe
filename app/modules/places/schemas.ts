import { z } from 'zod';
import { checkbox, email, msg, optionalText, text } from '~/lib/forms';
import { supportedLanguages } from '~/lib/i18n';

/** IANA time zones known to this runtime's Intl. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const slug = () =>
  z.string().trim().toLowerCase().min(2).max(60).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, msg('admin:errors.slug'));

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
});

export const NeighborhoodSchema = z.object({
  slug: slug(),
  nameEn: text(100),
  nameEs: text(100),
  descriptionEn: optionalText(1000),
  descriptionEs: optionalText(1000),
  streets: optionalText(2000),
});

export const DepartmentSchema = z.object({
  slug: slug(),
  nameEn: text(100),
  nameEs: text(100),
  email: email(),
});

export const DeleteSchema = z.object({ id: z.string().min(1).max(64) });
/** Edit pages post either the form ("save") or its delete button ("delete"). */
export const IntentSchema = z.object({ intent: z.enum(['save', 'delete']) });
