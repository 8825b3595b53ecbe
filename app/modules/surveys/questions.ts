import { z } from 'zod';
import { localizedText, msg } from '~/lib/forms';
import type { LocalizedText } from '~/lib/i18n';

/**
 * A survey's questions as stored in `Survey.questions` (and read by the builder, the answering
 * pages, the results and the CSV export). Shared by the browser and the server; messages are i18n
 * keys. The request follow-up's stored field set (requests/catalog/schemas.ts) is a valid question
 * set too: its kinds are a subset of these, and a question without `section` is on the first page.
 *
 * Answer values (answers.ts): singleChoice, text, longText, date → string; multipleChoice,
 * ranking (best first) → string[]; rating, number → number; yesNo → boolean; matrix → { row: n }.
 */
export const QUESTION_KINDS = [
  'singleChoice',
  'multipleChoice',
  'rating',
  'yesNo',
  'number',
  'date',
  'text',
  'longText',
  'ranking',
  'matrix',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Kinds answered by picking among `options`. */
export const OPTION_KINDS: readonly QuestionKind[] = ['singleChoice', 'multipleChoice', 'ranking'];
/** Kinds answered on a numeric scale (`scale`). */
export const SCALE_KINDS: readonly QuestionKind[] = ['rating', 'matrix'];
/** Kinds whose answers are free text (listed and searched in the results, never tallied). */
export const TEXT_KINDS: readonly QuestionKind[] = ['text', 'longText'];

export const MAX_QUESTIONS = 100;
export const MAX_SECTIONS = 20;
export const MAX_OPTIONS = 40;
export const MAX_ROWS = 20;
/** The widest rating scale (e.g. 0–10). */
export const MAX_SCALE_STEPS = 11;
export const TEXT_MAX = { text: 200, longText: 4000 } as const;
export const NUMBER_LIMIT = 1_000_000_000;

const SLUG = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** A question's key or an option's value: a short stable slug (q1, satisfied, very-likely). */
export const questionKey = () => z.string().trim().toLowerCase().min(1).max(40).regex(SLUG, msg('surveys:errors.key'));

/** Comparisons a display condition may make with an earlier answer. */
export const CONDITION_OPS = ['eq', 'ne', 'gte', 'lte', 'includes'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/**
 * "Show this question if the answer to `question` …": eq/ne compare a choice, yes/no ('yes' |
 * 'no') or number; gte/lte a rating or number; includes a choice among a multiple choice's.
 * A question whose condition's question is unanswered (or itself hidden) is hidden.
 */
export const ConditionSchema = z.object({
  question: questionKey(),
  op: z.enum(CONDITION_OPS),
  value: z.union([z.string().trim().min(1).max(40), z.number().finite()]),
});
export type Condition = z.infer<typeof ConditionSchema>;

/** Texts are written in every language; stored texts need only the default one (see catalog). */
type TextOf = (max: number) => z.ZodType<LocalizedText, z.ZodTypeDef, unknown>;
const written: TextOf = (max) => localizedText(max, 'all');
const stored: TextOf = (max) => localizedText(max, 'default');

function questionSchema(textOf: TextOf) {
  const choice = z.object({ value: questionKey(), label: textOf(200) });
  return z
    .object({
      key: questionKey(),
      kind: z.enum(QUESTION_KINDS),
      section: z.number().int().min(1).max(MAX_SECTIONS).default(1),
      order: z.number().int().min(1).max(10_000),
      required: z.boolean(),
      label: textOf(500),
      hint: textOf(500).optional(),
      options: z.array(choice).max(MAX_OPTIONS).optional(),
      /** multipleChoice: how many may (must) be chosen */
      minChoices: z.number().int().min(0).max(MAX_OPTIONS).optional(),
      maxChoices: z.number().int().min(1).max(MAX_OPTIONS).optional(),
      /** rating and matrix: the scale's ends, with optional labels for them */
      scale: z
        .object({
          min: z.number().int().min(0).max(1),
          max: z.number().int().min(2).max(10),
          minLabel: textOf(60).optional(),
          maxLabel: textOf(60).optional(),
        })
        .optional(),
      /** number: the accepted range */
      min: z.number().finite().min(-NUMBER_LIMIT).max(NUMBER_LIMIT).optional(),
      max: z.number().finite().min(-NUMBER_LIMIT).max(NUMBER_LIMIT).optional(),
      /** matrix: the rows, each rated on the scale */
      rows: z.array(choice).max(MAX_ROWS).optional(),
      condition: ConditionSchema.optional(),
    })
    .superRefine((q, ctx) => {
      const issue = (path: (string | number)[], key: string, values?: Record<string, unknown>) =>
        ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: msg(key, values) });
      const options = q.options ?? [];
      if (OPTION_KINDS.includes(q.kind) && options.length < 2) issue(['options'], 'surveys:errors.optionsNeeded');
      if (!OPTION_KINDS.includes(q.kind) && options.length > 0) issue(['options'], 'surveys:errors.optionsNotAllowed');
      if (SCALE_KINDS.includes(q.kind) && !q.scale) issue(['scale'], 'forms:required');
      if (q.kind === 'matrix' && (q.rows ?? []).length < 1) issue(['rows'], 'surveys:errors.rowsNeeded');
      if (q.kind !== 'matrix' && (q.rows ?? []).length > 0) issue(['rows'], 'surveys:errors.rowsNotAllowed');
      if (q.kind === 'multipleChoice') {
        const min = q.minChoices ?? 0;
        const max = q.maxChoices ?? options.length;
        if (max > options.length) issue(['maxChoices'], 'forms:tooBig', { max: options.length });
        if (min > max) issue(['minChoices'], 'forms:tooBig', { max });
      }
      if (q.min !== undefined && q.max !== undefined && q.min > q.max) issue(['min'], 'forms:tooBig', { max: q.max });
      for (const [list, name] of [
        [options, 'options'],
        [q.rows ?? [], 'rows'],
      ] as const) {
        const seen = new Set<string>();
        list.forEach((o, i) => {
          if (seen.has(o.value)) issue([name, i, 'value'], 'surveys:errors.valueTaken');
          seen.add(o.value);
        });
      }
    });
}

/** A question as the builder writes it (every language) and as stored (the default language at least). */
export const QuestionSchema = questionSchema(written);
const StoredQuestionSchema = questionSchema(stored);
export type Question = z.infer<typeof StoredQuestionSchema>;

/**
 * A whole question set, in display order (section, then order): unique keys, and conditions that
 * refer to an earlier question with a value that question can give.
 */
function questionSetSchema(question: z.ZodType<Question, z.ZodTypeDef, unknown>) {
  return z
    .array(question)
    .max(MAX_QUESTIONS, msg('surveys:errors.tooManyQuestions', { max: MAX_QUESTIONS }))
    .transform((questions) => [...questions].sort(byPosition))
    .superRefine((questions, ctx) => {
      const earlier = new Map<string, Question>();
      questions.forEach((q, i) => {
        if (earlier.has(q.key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, 'key'], message: msg('surveys:errors.keyTaken') });
        const problem = q.condition && conditionProblem(q.condition, earlier.get(q.condition.question));
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, 'condition'], message: msg(problem) });
        earlier.set(q.key, q);
      });
    });
}
export const QuestionSetSchema = questionSetSchema(QuestionSchema);
const StoredQuestionSetSchema = questionSetSchema(StoredQuestionSchema);

export function byPosition(a: Pick<Question, 'section' | 'order'>, b: Pick<Question, 'section' | 'order'>) {
  return a.section - b.section || a.order - b.order;
}

/** Reads a stored question set (throws on a corrupt one: it was validated when written). */
export function parseQuestions(stored: unknown): Question[] {
  return StoredQuestionSetSchema.parse(stored);
}

/** Why a condition cannot work on the question it names (an i18n key), or null when it can. */
export function conditionProblem(condition: Condition, on: Question | undefined): string | null {
  if (!on) return 'surveys:errors.conditionEarlier';
  const { op, value } = condition;
  const numeric = on.kind === 'rating' || on.kind === 'number';
  switch (on.kind) {
    case 'singleChoice':
    case 'multipleChoice': {
      const allowed = on.kind === 'multipleChoice' ? op === 'includes' : op === 'eq' || op === 'ne';
      if (!allowed) return 'surveys:errors.conditionOp';
      return (on.options ?? []).some((o) => o.value === value) ? null : 'surveys:errors.conditionValue';
    }
    case 'yesNo':
      if (op !== 'eq' && op !== 'ne') return 'surveys:errors.conditionOp';
      return value === 'yes' || value === 'no' ? null : 'surveys:errors.conditionValue';
    default:
      if (!numeric) return 'surveys:errors.conditionKind';
      if (op === 'includes') return 'surveys:errors.conditionOp';
      return typeof value === 'number' || /^-?\d+(\.\d+)?$/.test(String(value)) ? null : 'surveys:errors.conditionValue';
  }
}

/** Whether a condition holds for an answer (unanswered never satisfies it). */
export function conditionHolds(condition: Condition, answer: unknown): boolean {
  if (answer === undefined || answer === null) return false;
  const { op, value } = condition;
  if (op === 'includes') return Array.isArray(answer) ? answer.includes(String(value)) : answer === String(value);
  if (Array.isArray(answer)) return false;
  if (typeof answer === 'boolean') {
    const is = (answer ? 'yes' : 'no') === value;
    return op === 'eq' ? is : op === 'ne' ? !is : false;
  }
  if (typeof answer === 'number') {
    const n = Number(value);
    if (op === 'eq') return answer === n;
    if (op === 'ne') return answer !== n;
    if (op === 'gte') return answer >= n;
    if (op === 'lte') return answer <= n;
    return false;
  }
  if (op === 'eq') return answer === String(value);
  if (op === 'ne') return answer !== String(value);
  return false;
}

/**
 * The questions shown for the answers given so far, in order: a question with a condition is shown
 * when its condition holds on an earlier answer that is itself shown. Answers to hidden questions
 * never count (they are dropped when stored).
 */
export function visibleQuestions(questions: readonly Question[], answers: Record<string, unknown>): Question[] {
  const shown = new Set<string>();
  const result: Question[] = [];
  for (const q of [...questions].sort(byPosition)) {
    const c = q.condition;
    if (c && !(shown.has(c.question) && conditionHolds(c, answers[c.question]))) continue;
    shown.add(q.key);
    result.push(q);
  }
  return result;
}

/** The sections (pages) in use, in order: 1 … n (a survey without sections has one). */
export function sectionNumbers(questions: readonly Question[]): number[] {
  return [...new Set(questions.map((q) => q.section))].sort((a, b) => a - b);
}

/** The values a question's scale offers, low to high. */
export function scaleValues(q: Pick<Question, 'scale'>): number[] {
  const { min = 1, max = 5 } = q.scale ?? {};
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i).slice(0, MAX_SCALE_STEPS);
}
