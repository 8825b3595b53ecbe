import { z } from 'zod';
import { checkbox, filledLanguages, localizedText, msg, optionalText } from '~/lib/forms';
import type { LocalizedText } from '~/lib/i18n';
import { PUBLIC_VISIBILITIES, REQUEST_PRIORITIES } from '../values';

/**
 * The service-request catalog's shapes: what is stored (field definitions, a version's field set)
 * and what the admin forms post. Shared by the browser and the server; messages are i18n keys.
 */

/** Headings of the request-type picker (a keyword, translated in locales/<lng>/requests.json). */
export const REQUEST_GROUPS = [
  'streets',
  'trash',
  'property',
  'vehicles',
  'nuisance',
  'animals',
  'water',
  'business',
  'parks',
  'other',
] as const;
export type RequestGroup = (typeof REQUEST_GROUPS)[number];

export const FIELD_KINDS = ['text', 'longText', 'number', 'yesNo', 'date', 'singleChoice', 'multipleChoice'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];
const CHOICE_KINDS: readonly FieldKind[] = ['singleChoice', 'multipleChoice'];
const isChoiceKind = (kind: FieldKind) => CHOICE_KINDS.includes(kind);

/** At most this many custom fields per type, and options per choice field. */
const MAX_FIELDS = 30;
export const MAX_OPTIONS = 40;

const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** A request type's code: a short, stable slug (Open311's service_code), e.g. street-light-out. */
export const requestCode = () => z.string().trim().toLowerCase().min(2).max(40).regex(SLUG, msg('requests:errors.code'));
/** A field's key or an option's value: a stable slug, e.g. surface-type. */
const fieldKey = () => z.string().trim().toLowerCase().min(1).max(40).regex(SLUG, msg('requests:errors.key'));

/**
 * Text stored per locale. What a form writes has every supported language (`localizedText(max)`);
 * what is read back needs only the default one, so a language added later (its texts not yet
 * written) never makes a stored field set unreadable: readers fall back with a visible note.
 */
const LocalizedTextSchema = (max = 200) => localizedText(max, 'all');
const StoredTextSchema = (max = 200) => localizedText(max, 'default');

/** A custom field's shape, with the text schema of its labels (written or stored). */
function fieldDefinition(textOf: (max: number) => z.ZodType<LocalizedText, z.ZodTypeDef, unknown>) {
  return z
    .object({
      key: fieldKey(),
      kind: z.enum(FIELD_KINDS),
      required: z.boolean(),
      label: textOf(200),
      hint: textOf(300).optional(),
      options: z
        .array(z.object({ value: fieldKey(), label: textOf(100) }))
        .max(MAX_OPTIONS)
        .optional(),
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
        if (seen.has(o.value))
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options', i, 'value'], message: msg('requests:errors.optionTaken') });
        seen.add(o.value);
      });
    });
}

/** One custom field as written (every language) and as stored in a RequestTypeVersion's `fields`. */
export const FieldDefinitionSchema = fieldDefinition(LocalizedTextSchema);
const StoredFieldDefinitionSchema = fieldDefinition(StoredTextSchema);
export type FieldDefinition = z.infer<typeof FieldDefinitionSchema>;

/** A version's whole field set (as stored): unique keys, returned in display order. */
export const FieldSetSchema = z
  .array(StoredFieldDefinitionSchema)
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
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ invalid_type_error: msg('forms:invalid') })
      .int(msg('requests:errors.wholeHours'))
      .min(1)
      .max(8760),
  );

/** The request type's settings (the edit form; the code is fixed once created). */
export const RequestTypeSchema = z.object({
  name: localizedText(100),
  description: localizedText(1000),
  /** What "resolved" means for this type (stored as resolutionDefinition). */
  resolution: localizedText(1000),
  /** Words people use for it, comma-separated, per language (optional). */
  keywords: localizedText(500, 'none'),
  group: z.enum(REQUEST_GROUPS),
  departmentId: z.string().trim().min(1, msg('forms:choose')).max(64),
  defaultPriority: z.enum(REQUEST_PRIORITIES),
  targetHours: hours(),
  locationRequired: checkbox(),
  photosAllowed: checkbox(),
  /** What the public sees of its requests (../visibility.ts). */
  publicVisibility: z.enum(PUBLIC_VISIBILITIES),
});
export type RequestTypeInput = z.infer<typeof RequestTypeSchema>;

/** The new-type form: the settings and the code. */
export const NewRequestTypeSchema = RequestTypeSchema.extend({ code: requestCode() });
export type NewRequestTypeInput = z.infer<typeof NewRequestTypeSchema>;

/** The edit page posts its settings form ("save") or the activate/deactivate button. */
export const RequestTypeActionSchema = z.discriminatedUnion('intent', [
  RequestTypeSchema.extend({ intent: z.literal('save') }),
  z.object({ intent: z.literal('activate') }),
  z.object({ intent: z.literal('deactivate') }),
]);

/** The list's filters, from the query string. */
export const CatalogFilterSchema = z.object({
  q: optionalText(100),
  department: optionalText(64),
  status: z.preprocess((v) => (v === '' || v === undefined ? 'all' : v), z.enum(['all', 'active', 'inactive'])),
});
export type CatalogFilter = z.infer<typeof CatalogFilterSchema>;

/** Every form on the fields pages carries the version it was shown with (concurrent edits). */
const version = () => z.coerce.number().int().min(1).max(1_000_000);

/** An option row of the field form: all blank (ignored) or all filled in (value and every language). */
const OptionRowSchema = z.preprocess(
  (v) => v ?? {},
  z.object({ value: optionalText(40), label: localizedText(100, 'none') }).superRefine((row, ctx) => {
    const { filled, missing } = filledLanguages(row.label);
    if (!row.value && filled.length === 0) return;
    if (!row.value) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: msg('forms:required') });
    for (const lang of missing) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['label', lang], message: msg('forms:required') });
    if (row.value && !fieldKey().safeParse(row.value).success) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: msg('requests:errors.key') });
    }
  }),
);
const isFilledOption = (o: { value?: string; label: LocalizedText }) => !!o.value && filledLanguages(o.label).missing.length === 0;

/** The fields of the add-field and edit-field form; option rows arrive as options[n].value and options[n].label.<lang>. */
const FieldFormFields = z.object({
  version: version(),
  key: fieldKey(),
  kind: z.enum(FIELD_KINDS),
  required: checkbox(),
  label: localizedText(200),
  hint: localizedText(300, 'none'),
  options: z.preprocess((v) => (Array.isArray(v) ? v : []), z.array(OptionRowSchema).max(MAX_OPTIONS + 5)),
});

type FieldFormValues = z.output<typeof FieldFormFields>;

/** Checks across the field form's parts: hints in every language or none, enough distinct options. */
function checkFieldForm(form: FieldFormValues, ctx: z.RefinementCtx) {
  const hint = filledLanguages(form.hint);
  if (hint.filled.length > 0) {
    for (const lang of hint.missing)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['hint', lang], message: msg('requests:errors.hintBoth') });
  }
  if (!isChoiceKind(form.kind)) return;
  const filled = form.options.filter(isFilledOption);
  if (filled.length < 2) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options'], message: msg('requests:errors.optionsNeeded') });
  if (filled.length > MAX_OPTIONS)
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options'], message: msg('requests:errors.tooManyOptions', { max: MAX_OPTIONS }) });
  const seen = new Set<string>();
  form.options.forEach((o, i) => {
    const value = o.value?.toLowerCase();
    if (!value) return;
    if (seen.has(value))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['options', i, 'value'], message: msg('requests:errors.optionTaken') });
    seen.add(value);
  });
}

/** The version the form was based on and the field it describes (blank option rows dropped). */
function fieldOf(form: FieldFormValues): { version: number; field: Omit<FieldDefinition, 'order'> } {
  const field: Omit<FieldDefinition, 'order'> = {
    key: form.key,
    kind: form.kind,
    required: form.required,
    label: form.label,
    ...(Object.keys(form.hint).length ? { hint: form.hint } : {}),
    // Options apply to choice fields only; rows left on another kind are dropped.
    ...(isChoiceKind(form.kind)
      ? { options: form.options.filter(isFilledOption).map((o) => ({ value: o.value!.toLowerCase(), label: o.label })) }
      : {}),
  };
  return { version: form.version, field };
}

/** The edit-field form. */
export const FieldFormSchema = FieldFormFields.superRefine(checkFieldForm).transform(fieldOf);

/** The fields list page posts the add-field form or one of its small forms (move a field up or down, remove it). */
export const FieldListActionSchema = z
  .discriminatedUnion('intent', [
    FieldFormFields.extend({ intent: z.literal('add') }),
    z.object({ intent: z.enum(['up', 'down', 'remove']), version: version(), key: fieldKey() }),
  ])
  .superRefine((action, ctx) => (action.intent === 'add' ? checkFieldForm(action, ctx) : undefined))
  .transform((action) => (action.intent === 'add' ? { intent: action.intent, ...fieldOf(action) } : action));
