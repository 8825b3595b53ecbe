import { z } from 'zod';
import { checkbox, formValues, msg, optionalText, parseObject, text } from '~/lib/forms';
import { PUBLIC_VISIBILITIES, REQUEST_PRIORITIES } from './values';

/**
 * The service-request catalog's shapes: what is stored (field definitions, a version's field set)
 * and what the admin forms post. Shared by the browser and the server; messages are i18n keys.
 */
export { REQUEST_PRIORITIES, type RequestPriority } from './values';

/** Headings of the request-type picker (a keyword, translated in locales/<lng>/requests.json). */
export const REQUEST_GROUPS = ['streets', 'trash', 'property', 'vehicles', 'nuisance', 'animals', 'water', 'business', 'parks', 'other'] as const;
export type RequestGroup = (typeof REQUEST_GROUPS)[number];

export const FIELD_KINDS = ['text', 'longText', 'number', 'yesNo', 'date', 'singleChoice', 'multipleChoice'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];
export const CHOICE_KINDS: readonly FieldKind[] = ['singleChoice', 'multipleChoice'];
export const isChoiceKind = (kind: FieldKind) => CHOICE_KINDS.includes(kind);

/** At most this many custom fields per type, and options per choice field. */
export const MAX_FIELDS = 30;
export const MAX_OPTIONS = 40;

const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** A request type's code: a short, stable slug (Open311's service_code), e.g. street-light-out. */
export const requestCode = () => z.string().trim().toLowerCase().min(2).max(40).regex(SLUG, msg('requests:errors.code'));
/** A field's key or an option's value: a stable slug, e.g. surface-type. */
export const fieldKey = () => z.string().trim().toLowerCase().min(1).max(40).regex(SLUG, msg('requests:errors.key'));

/** Text stored per locale; every supported language is required. */
export const LocalizedTextSchema = (max = 200) => z.object({ en: text(max), es: text(max) });
export type Localized = { en: string; es: string };

export const FieldOptionSchema = z.object({ value: fieldKey(), label: LocalizedTextSchema(100) });
export type FieldOption = z.infer<typeof FieldOptionSchema>;

/** One custom field as stored in a RequestTypeVersion's `fields`. */
export const FieldDefinitionSchema = z
  .object({
    key: fieldKey(),
    kind: z.enum(FIELD_KINDS),
    required: z.boolean(),
    label: LocalizedTextSchema(200),
    hint: LocalizedTextSchema(300).optional(),
    options: z.array(FieldOptionSchema).max(MAX_OPTIONS).optional(),
    order: z.number().int().min(1).max(1000),
  })
  .superRefine((field, ctx) => {
    const options = field.options ?? [];
    if (isChoiceKind(field.kind) && options.length < 2) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options'], message: msg('requests:errors.optionsNeeded') });
    }
    if (!isChoiceKind(field.kind) && options.length > 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options'], message: msg('requests:errors.optionsNotAllowed') });
    }
    const seen = new Set<string>();
    options.forEach((o, i) => {
      if (seen.has(o.value)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options', i, 'value'], message: msg('requests:errors.optionTaken') });
      seen.add(o.value);
    });
  });
export type FieldDefinition = z.infer<typeof FieldDefinitionSchema>;

/** A version's whole field set: unique keys, returned in display order. */
export const FieldSetSchema = z
  .array(FieldDefinitionSchema)
  .max(MAX_FIELDS, msg('requests:errors.tooManyFields', { max: MAX_FIELDS }))
  .superRefine((fields, ctx) => {
    const keys = new Set<string>();
    const orders = new Set<number>();
    fields.forEach((f, i) => {
      if (keys.has(f.key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, 'key'], message: msg('requests:errors.keyTaken') });
      if (orders.has(f.order)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, 'order'], message: msg('forms:invalid') });
      keys.add(f.key);
      orders.add(f.order);
    });
  })
  .transform((fields) => [...fields].sort((a, b) => a.order - b.order));
export type FieldSet = z.output<typeof FieldSetSchema>;

/** Reads a stored field set (JSON from the database); a corrupt row is an error, not an empty form. */
export function parseFieldSet(json: unknown): FieldSet {
  return FieldSetSchema.parse(json);
}

// ---------------------------------------------------------------------------------------------
// Admin forms

const hours = () =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number({ invalid_type_error: msg('forms:invalid') }).int(msg('requests:errors.wholeHours')).min(1).max(8760));

/** The request type's settings (the edit form; the code is fixed once created). */
export const RequestTypeSchema = z.object({
  nameEn: text(100),
  nameEs: text(100),
  descriptionEn: text(1000),
  descriptionEs: text(1000),
  resolutionEn: text(1000),
  resolutionEs: text(1000),
  group: z.enum(REQUEST_GROUPS),
  departmentId: z.string().trim().min(1, msg('forms:choose')).max(64),
  defaultPriority: z.enum(REQUEST_PRIORITIES),
  targetHours: hours(),
  locationRequired: checkbox(),
  photosAllowed: checkbox(),
  /** What the public sees of its requests (./visibility.ts). */
  publicVisibility: z.enum(PUBLIC_VISIBILITIES),
});
export type RequestTypeInput = z.infer<typeof RequestTypeSchema>;

/** The new-type form: the settings and the code. */
export const NewRequestTypeSchema = RequestTypeSchema.extend({ code: requestCode() });
export type NewRequestTypeInput = z.infer<typeof NewRequestTypeSchema>;

/** The edit page posts its settings form ("save") or the activate/deactivate button. */
export const TypeIntentSchema = z.object({ intent: z.enum(['save', 'activate', 'deactivate']) });

/** The list's filters, from the query string. */
export const CatalogFilterSchema = z.object({
  q: optionalText(100),
  department: optionalText(64),
  status: z.preprocess((v) => (v === '' || v === undefined ? 'all' : v), z.enum(['all', 'active', 'inactive'])),
});
export type CatalogFilter = z.infer<typeof CatalogFilterSchema>;

/** Every form on the fields pages carries the version it was shown with (concurrent edits). */
const version = () => z.coerce.number().int().min(1).max(1_000_000);

/** An option row of the field form: all blank (ignored) or all filled in. */
const OptionRowSchema = z
  .object({ value: optionalText(40), en: optionalText(100), es: optionalText(100) })
  .superRefine((row, ctx) => {
    const filled = [row.value, row.en, row.es].filter(Boolean).length;
    if (filled === 0) return;
    for (const part of ['value', 'en', 'es'] as const) {
      if (!row[part]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [part], message: msg('forms:required') });
    }
    if (row.value && !fieldKey().safeParse(row.value).success) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: msg('requests:errors.key') });
    }
  });

/** The add-field and edit-field form; option rows arrive as options.<n>.value|en|es. */
export const FieldFormSchema = z
  .object({
    version: version(),
    key: fieldKey(),
    kind: z.enum(FIELD_KINDS),
    required: checkbox(),
    labelEn: text(200),
    labelEs: text(200),
    hintEn: optionalText(300),
    hintEs: optionalText(300),
    options: z.array(OptionRowSchema).max(MAX_OPTIONS + 5).default([]),
  })
  .superRefine((form, ctx) => {
    if (Boolean(form.hintEn) !== Boolean(form.hintEs)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [form.hintEn ? 'hintEs' : 'hintEn'], message: msg('requests:errors.hintBoth') });
    }
    if (!isChoiceKind(form.kind)) return;
    const filled = form.options.filter((o) => o.value && o.en && o.es);
    if (filled.length < 2) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options'], message: msg('requests:errors.optionsNeeded') });
    if (filled.length > MAX_OPTIONS) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options'], message: msg('requests:errors.tooManyOptions', { max: MAX_OPTIONS }) });
    const seen = new Set<string>();
    form.options.forEach((o, i) => {
      const value = o.value?.toLowerCase();
      if (!value) return;
      if (seen.has(value)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options', i, 'value'], message: msg('requests:errors.optionTaken') });
      seen.add(value);
    });
  })
  .transform((form) => {
    const field: Omit<FieldDefinition, 'order'> = {
      key: form.key,
      kind: form.kind,
      required: form.required,
      label: { en: form.labelEn, es: form.labelEs },
      ...(form.hintEn && form.hintEs ? { hint: { en: form.hintEn, es: form.hintEs } } : {}),
      // Options apply to choice fields only; rows left on another kind are dropped.
      ...(isChoiceKind(form.kind)
        ? { options: form.options.filter((o) => o.value && o.en && o.es).map((o) => ({ value: o.value!.toLowerCase(), label: { en: o.en!, es: o.es! } })) }
        : {}),
    };
    return { version: form.version, field };
  });
export type FieldFormInput = z.output<typeof FieldFormSchema>;

/** The small forms of the fields list: move a field up or down, or remove it. */
export const FieldListActionSchema = z.object({
  version: version(),
  intent: z.enum(['up', 'down', 'remove']),
  key: fieldKey(),
});

/** The form's posted option rows (options.<n>.<part>) as an array, for FieldFormSchema. */
export function optionRows(formData: FormData): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const rows: Record<string, string>[] = [];
  for (const [name, value] of formData.entries()) {
    if (typeof value !== 'string') continue;
    const m = /^options\.(\d{1,2})\.(value|en|es)$/.exec(name);
    if (m) (rows[Number(m[1])] ??= {})[m[2]] = value;
    else if (!(name in raw)) raw[name] = value;
  }
  raw.options = Array.from(rows, (row) => row ?? {});
  return raw;
}

/** Validates the add-field or edit-field form (option rows included). */
export function parseFieldForm(formData: FormData) {
  const result = parseObject(FieldFormSchema, optionRows(formData));
  return result.ok ? result : { ...result, values: formValues(formData) };
}
