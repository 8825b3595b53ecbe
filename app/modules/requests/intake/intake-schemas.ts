import { z } from 'zod';
import { checkbox, msg, optionalText, text } from '~/lib/forms';
import { supportedLanguages } from '~/lib/i18n';
import { answersSchema } from '~/modules/surveys/answers';
import type { FieldDefinition } from '~/modules/requests/catalog/schemas';
import { REQUEST_PRIORITIES, STAFF_SOURCES } from '../values';

/** The intake form's shape (shared by browser and server); the values it offers are in ../values.ts. */

/** Photos: at most this many per request (their size and types: ~/lib/pictures). */
export const MAX_PHOTOS = 3;

/** The form's name for a custom field's answer (kept apart from the fixed fields). */
export const answerName = (key: string) => `a.${key}`;

const coordinate = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().replace(',', '.')) : v),
    z.coerce
      .number({ invalid_type_error: msg('requests:errors.coordinate') })
      .min(min, msg('requests:errors.coordinate'))
      .max(max, msg('requests:errors.coordinate'))
      .optional(),
  );

const phone = () =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .max(40)
      .regex(/^\+?[0-9 ().\-/]{5,40}$/, msg('requests:errors.phone'))
      .optional(),
  );

const optionalEmail = () =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().toLowerCase().max(254).email().optional(),
  );

/**
 * The fixed part of the intake form (the type's own fields are validated by answersSchema).
 * `locationRequired` comes from the request type; with `pointCounts` (staff promoting a forum
 * post) a latitude/longitude pair satisfies it as well as an address.
 */
export type LocationOptions = { locationRequired: boolean; pointCounts?: boolean };

export function intakeObject(options: LocationOptions) {
  const addressRequired = options.locationRequired && !options.pointCounts;
  return z.object({
    description: text(4000),
    address: addressRequired ? text(300) : optionalText(300),
    latitude: coordinate(-90, 90),
    longitude: coordinate(-180, 180),
    neighborhoodId: optionalText(64),
    anonymous: checkbox(),
    contactName: optionalText(100),
    contactEmail: optionalEmail(),
    contactPhone: phone(),
    version: z.coerce.number().int().min(1).max(1_000_000).optional(),
    submissionKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,64}$/)
      .optional(),
  });
}

/** Both coordinates or neither; and, with `pointCounts`, an address or a point when one is required. */
function checkLocation(options: LocationOptions) {
  return (form: { address?: string; latitude?: number; longitude?: number }, ctx: z.RefinementCtx) => {
    if ((form.latitude === undefined) !== (form.longitude === undefined)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [form.latitude === undefined ? 'latitude' : 'longitude'],
        message: msg('requests:errors.bothCoordinates'),
      });
    }
    if (options.locationRequired && options.pointCounts && !form.address && (form.latitude === undefined || form.longitude === undefined)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['address'], message: msg('requests:promote.errors.locationRequired') });
    }
  };
}

/**
 * The form's parts, checked side by side (an intersection reports every part's errors at once):
 * the fixed fields, the answers to the type's own fields (posted as `a.<key>`, answerName, which
 * Conform reads as `a`), and the location's cross-field check on what was filled in, so a wrong
 * answer or an empty description never hides it.
 */
const filled = (v: unknown) => (typeof v === 'string' ? v.trim() !== '' : v !== undefined && v !== null);
export const locationCheck = (options: LocationOptions, applies: (raw: Record<string, unknown>) => boolean = () => true) =>
  z
    .object({})
    .passthrough()
    .superRefine((raw, ctx) => {
      const v = raw as Record<string, unknown>;
      if (!applies(v)) return;
      checkLocation(options)(
        {
          address: filled(v.address) ? String(v.address) : undefined,
          latitude: filled(v.latitude) ? 0 : undefined,
          longitude: filled(v.longitude) ? 0 : undefined,
        },
        ctx,
      );
    })
    .transform(() => ({}));
const intakeParts = <T extends z.ZodTypeAny>(fixed: T, fields: readonly FieldDefinition[], options: LocationOptions) =>
  z.intersection(z.intersection(fixed, z.object({ a: z.preprocess((v) => v ?? {}, answersSchema(fields)) })), locationCheck(options));

/**
 * The resident's intake form (and, with `pointCounts`, the promote page's): the fixed fields and
 * the answers to `fields`, the field version the form showed.
 */
export function intakeSchema(options: LocationOptions, fields: readonly FieldDefinition[] = []) {
  return intakeParts(intakeObject(options), fields, options);
}

/** Open311's media_url: an http or https address, at most this long. */
const MAX_MEDIA_URL = 2000;
const httpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

/**
 * Filing through Open311 (docs/decisions/0014-open311.md): the same fields, no location required
 * by the schema (a position, an address or an `address_id` satisfies a type that needs one: the
 * caller checks), a description that may be left out (stored empty; the specification requires
 * it only when no attribute and no media are given: the caller checks), and the API's own
 * `media_url` and `address_id`.
 */
export function apiIntakeSchema() {
  const options = { locationRequired: false };
  return intakeObject(options)
    .extend({
      description: optionalText(4000).transform((v) => v ?? ''),
      mediaUrl: z.preprocess(
        (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
        z.string().trim().max(MAX_MEDIA_URL).refine(httpUrl, msg('forms:url')).optional(),
      ),
      addressId: optionalText(100),
    })
    .superRefine(checkLocation(options));
}
type ApiIntakeInput = z.output<ReturnType<typeof apiIntakeSchema>>;

/** What `fileRequest` stores: the form's fixed fields, and those only Open311 sends. */
export type IntakeInput = z.output<ReturnType<typeof intakeObject>> & Partial<Pick<ApiIntakeInput, 'mediaUrl' | 'addressId'>>;

/**
 * Staff recording a request on someone's behalf: the resident's form plus the source, the priority
 * (the type's default preselected), the caller's language (their mail) and, when the caller has an
 * account, its e-mail address (the request is then theirs).
 */
export function staffIntakeSchema(options: { locationRequired: boolean }, fields: readonly FieldDefinition[] = []) {
  const fixed = intakeObject(options).extend({
    source: z.enum(STAFF_SOURCES, { errorMap: () => ({ message: msg('forms:choose') }) }),
    priority: z.enum(REQUEST_PRIORITIES, { errorMap: () => ({ message: msg('forms:choose') }) }),
    contactLocale: z.enum(supportedLanguages, { errorMap: () => ({ message: msg('forms:choose') }) }),
    accountEmail: optionalEmail(),
  });
  return intakeParts(fixed, fields, options);
}
export type StaffIntakeInput = z.output<ReturnType<typeof staffIntakeSchema>>;

/** The type picker's search box (GET ?q=). */
export const PickerSearchSchema = z.object({ q: optionalText(100) });
