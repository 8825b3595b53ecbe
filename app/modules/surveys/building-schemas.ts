import { z } from 'zod';
import { checkbox, filledLanguages, localizedText, msg, optionalText } from '~/lib/forms';
import type { LocalizedText } from '~/lib/i18n';
import { AUDIENCES } from './policy';
import {
  CONDITION_OPS,
  MAX_OPTIONS,
  MAX_ROWS,
  MAX_SECTIONS,
  OPTION_KINDS,
  QUESTION_KINDS,
  QuestionSchema,
  SCALE_KINDS,
  questionKey,
  type Question,
} from './questions';

/**
 * The builder's forms (staff, /staff/surveys): a survey's settings and status, its sections and
 * its questions. Shared by the browser and the server; messages are i18n keys. Every form that
 * changes a survey carries the `updatedAt` it was loaded with, so a change made meanwhile by
 * someone else is refused instead of overwritten (building.server.ts).
 */

const updatedAt = () => z.string().trim().min(1).max(40);
/** A datetime-local value (city time), or nothing. */
const wallTime = () =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, msg('surveys:builder.errors.dateTime'))
      .optional(),
  );
const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ invalid_type_error: msg('forms:invalid') })
      .int(msg('forms:invalid'))
      .min(min)
      .max(max)
      .optional(),
  );
const optionalNumber = (limit: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ invalid_type_error: msg('forms:invalid') })
      .finite()
      .min(-limit)
      .max(limit)
      .optional(),
  );
const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);

/** The new-survey form (list page): its title; everything else is set on the survey's page. */
export const NewSurveySchema = z.object({ title: localizedText(200) });

/** The settings form of a survey's page (`intent=save`). */
const SurveySettingsFields = z.object({
  updatedAt: updatedAt(),
  title: localizedText(200),
  intro: localizedText(4000, 'none'),
  thanks: localizedText(2000, 'none'),
  audience: z.enum(AUDIENCES),
  audienceNeighborhoods: z.preprocess(list, z.array(z.string().trim().min(1).max(40)).max(200)),
  audienceChannelId: optionalText(40),
  opensAt: wallTime(),
  closesAt: wallTime(),
  anonymous: checkbox(),
});
export type SurveySettingsInput = z.output<typeof SurveySettingsFields>;

/** The settings' checks across fields: the audience's choice, and a close after the opening. */
function checkSettings(s: SurveySettingsInput, ctx: z.RefinementCtx) {
  const issue = (path: string, key: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message: msg(key) });
  if (s.audience === 'neighborhoods' && s.audienceNeighborhoods.length === 0)
    issue('audienceNeighborhoods', 'surveys:builder.errors.neighborhoodsNeeded');
  if (s.audience === 'channel' && !s.audienceChannelId) issue('audienceChannelId', 'forms:choose');
  if (s.opensAt && s.closesAt && s.closesAt <= s.opensAt) issue('closesAt', 'surveys:builder.errors.closesBeforeOpens');
}

/** A survey's page: its settings form (`save`) and the buttons that change its status or copy it. */
export const SurveyPageActionSchema = z
  .discriminatedUnion('intent', [
    SurveySettingsFields.extend({ intent: z.literal('save') }),
    z.object({ intent: z.enum(['publish', 'unpublish', 'archive', 'newVersion', 'duplicate']) }),
  ])
  .superRefine((action, ctx) => (action.intent === 'save' ? checkSettings(action, ctx) : undefined));
export type SurveyPageAction = z.output<typeof SurveyPageActionSchema>;

const sectionIndex = () => z.coerce.number().int().min(1).max(MAX_SECTIONS);

/** The questions page: sections (add, rename, remove, move) and the small forms of each question (move, remove). */
export const QuestionsPageActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('addSection'), updatedAt: updatedAt(), title: localizedText(200, 'none') }),
  z.object({ intent: z.literal('renameSection'), updatedAt: updatedAt(), section: sectionIndex(), title: localizedText(200, 'none') }),
  z.object({ intent: z.enum(['removeSection', 'sectionUp', 'sectionDown']), updatedAt: updatedAt(), section: sectionIndex() }),
  z.object({ intent: z.enum(['questionUp', 'questionDown', 'removeQuestion']), updatedAt: updatedAt(), key: questionKey() }),
]);
export type QuestionsPageAction = z.output<typeof QuestionsPageActionSchema>;

/** A choice or matrix row of the question form: all blank (ignored) or all filled in (value and every language). */
const ChoiceRowSchema = z.preprocess(
  (v) => v ?? {},
  z.object({ value: optionalText(40), label: localizedText(200, 'none') }).superRefine((row, ctx) => {
    const { filled, missing } = filledLanguages(row.label);
    if (!row.value && filled.length === 0) return;
    if (!row.value) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: msg('forms:required') });
    for (const lang of missing) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['label', lang], message: msg('forms:required') });
    if (row.value && !questionKey().safeParse(row.value).success)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: msg('surveys:errors.key') });
  }),
);
type ChoiceRow = z.output<typeof ChoiceRowSchema>;
const filledRows = (rows: ChoiceRow[]) =>
  rows
    .filter((r) => r.value && filledLanguages(r.label).missing.length === 0)
    .map((r) => ({ value: r.value!.toLowerCase(), label: r.label }));
/** Optional texts (a hint, a scale's end label): every language or none. */
const optionalLocalized = (max: number) => localizedText(max, 'none');

/**
 * The question editor's fields, named like the stored question's own (`options[0].label.es`,
 * `scale.min`, `condition.question`), so the question schema's errors land on the field that
 * caused them. Blank choice rows are spare rows (adding a choice without JavaScript).
 */
const QuestionFormFields = z.object({
  updatedAt: updatedAt(),
  key: questionKey(),
  kind: z.enum(QUESTION_KINDS),
  section: sectionIndex(),
  required: checkbox(),
  label: localizedText(500),
  hint: optionalLocalized(500),
  options: z.preprocess((v) => (Array.isArray(v) ? v : []), z.array(ChoiceRowSchema).max(MAX_OPTIONS + 5)),
  rows: z.preprocess((v) => (Array.isArray(v) ? v : []), z.array(ChoiceRowSchema).max(MAX_ROWS + 5)),
  minChoices: optionalInt(0, MAX_OPTIONS),
  maxChoices: optionalInt(1, MAX_OPTIONS),
  scale: z.preprocess(
    (v) => v ?? {},
    z.object({
      min: optionalInt(0, 1),
      max: optionalInt(2, 10),
      minLabel: optionalLocalized(60),
      maxLabel: optionalLocalized(60),
    }),
  ),
  min: optionalNumber(1_000_000_000),
  max: optionalNumber(1_000_000_000),
  condition: z.preprocess(
    (v) => v ?? {},
    z.object({
      question: optionalText(40),
      op: z.preprocess((v) => (v === '' ? undefined : v), z.enum(CONDITION_OPS).optional()),
      value: optionalText(40),
    }),
  ),
});
type QuestionFormValues = z.output<typeof QuestionFormFields>;

/** The question a filled-in form describes (without its order: the use case places it). Fields that do not apply to the kind are dropped. */
export function questionOf(form: QuestionFormValues): Omit<Question, 'order'> {
  const { kind } = form;
  const some = (text: LocalizedText) => (Object.keys(text).length ? text : undefined);
  const scale = SCALE_KINDS.includes(kind)
    ? {
        min: form.scale.min ?? 1,
        max: form.scale.max ?? 5,
        ...(some(form.scale.minLabel) ? { minLabel: form.scale.minLabel } : {}),
        ...(some(form.scale.maxLabel) ? { maxLabel: form.scale.maxLabel } : {}),
      }
    : undefined;
  const c = form.condition;
  const question: Omit<Question, 'order'> = {
    key: form.key,
    kind,
    section: form.section,
    required: form.required,
    label: form.label,
    ...(some(form.hint) ? { hint: form.hint } : {}),
    ...(OPTION_KINDS.includes(kind) ? { options: filledRows(form.options) } : {}),
    ...(kind === 'matrix' ? { rows: filledRows(form.rows) } : {}),
    ...(kind === 'multipleChoice' && form.minChoices !== undefined ? { minChoices: form.minChoices } : {}),
    ...(kind === 'multipleChoice' && form.maxChoices !== undefined ? { maxChoices: form.maxChoices } : {}),
    ...(scale ? { scale } : {}),
    ...(kind === 'number' && form.min !== undefined ? { min: form.min } : {}),
    ...(kind === 'number' && form.max !== undefined ? { max: form.max } : {}),
    ...(c.question && c.op && c.value !== undefined ? { condition: { question: c.question, op: c.op, value: c.value } } : {}),
  };
  return question;
}

/** The question on its own: the stored question's rules (at least two choices, min ≤ max …), and a condition given in full or not at all. */
function checkQuestionForm(form: QuestionFormValues, ctx: z.RefinementCtx) {
  const hintLanguages = filledLanguages(form.hint);
  if (hintLanguages.filled.length > 0)
    for (const lang of hintLanguages.missing)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['hint', lang], message: msg('surveys:builder.errors.everyLanguage') });
  const c = form.condition;
  const parts = [c.question, c.op, c.value];
  if (parts.some(Boolean) && !parts.every(Boolean))
    for (const [name, value] of [
      ['question', c.question],
      ['op', c.op],
      ['value', c.value],
    ] as const)
      if (!value) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['condition', name], message: msg('forms:required') });
  if (c.question && c.question === form.key)
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['condition', 'question'], message: msg('surveys:errors.conditionEarlier') });
  const checked = QuestionSchema.safeParse({ ...questionOf(form), order: 1 });
  if (!checked.success)
    // The rules across fields only: each field's own range was checked by the form's schema.
    for (const issue of checked.error.issues)
      if (issue.code === z.ZodIssueCode.custom) ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.path, message: issue.message });
}

/** The question editor (add and edit): the survey version it was loaded with and the question. */
export const QuestionFormSchema = QuestionFormFields.superRefine(checkQuestionForm).transform((form) => ({
  updatedAt: form.updatedAt,
  question: questionOf(form),
}));
export type QuestionFormInput = z.output<typeof QuestionFormSchema>;

/** A stored question as the editor's values, with blank rows after the filled ones (adding without JavaScript). */
const SPARE_ROWS = 3;
export function questionFormValues(q: Partial<Question> & Pick<Question, 'section'>): Record<string, unknown> {
  const spare = <T>(rows: T[] | undefined, max: number) => [
    ...(rows ?? []),
    ...Array.from({ length: Math.min(SPARE_ROWS, max - (rows ?? []).length) }, () => ({})),
  ];
  return {
    key: q.key,
    kind: q.kind ?? 'singleChoice',
    section: String(q.section),
    required: q.required ? 'on' : undefined,
    label: q.label ?? {},
    hint: q.hint ?? {},
    options: spare(q.options, MAX_OPTIONS + 5),
    rows: spare(q.rows, MAX_ROWS + 5),
    minChoices: q.minChoices?.toString(),
    maxChoices: q.maxChoices?.toString(),
    scale: {
      min: String(q.scale?.min ?? 1),
      max: String(q.scale?.max ?? 5),
      minLabel: q.scale?.minLabel ?? {},
      maxLabel: q.scale?.maxLabel ?? {},
    },
    min: q.min?.toString(),
    max: q.max?.toString(),
    condition: q.condition ? { ...q.condition, value: String(q.condition.value) } : {},
  };
}
