import { z } from 'zod';
import { msg, optionalText, text } from '~/lib/forms';
import { isIsoDate } from '~/lib/time';
import { NUMBER_LIMIT, scaleValues, TEXT_MAX, visibleQuestions, type Question } from './questions';

/**
 * Validating answers, for surveys and for a request type's custom fields (whose kinds are a subset).
 * Input comes from HTML forms (strings, repeated keys for multiple choice, `a.<key>.<row>` for a
 * matrix, `a.<key>.<option>` = rank for a ranking) or from Open311 (the same, plus
 * "true"/"false"); the output is typed JSON to store (see questions.ts). Unanswered optional
 * questions are left out, and keys that are not questions are dropped.
 */
export type AnswerValue = string | number | boolean | string[] | Record<string, number>;
export type Answers = Record<string, AnswerValue>;

/** What answerSchema needs of a question (a request type's field has no section or scale). */
type Answerable = Pick<Question, 'kind' | 'required'> &
  Partial<Pick<Question, 'options' | 'minChoices' | 'maxChoices' | 'scale' | 'min' | 'max' | 'rows'>>;

const blank = (v: unknown) =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.every(blank)) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every(blank));
const emptyToUndefined = (v: unknown) => (blank(v) ? undefined : v);

function numberAnswer(min = -NUMBER_LIMIT, max = NUMBER_LIMIT) {
  const digits = z
    .string()
    .trim()
    .regex(/^-?\d+(?:[.,]\d+)?$/, msg('forms:number'))
    .transform((s) => Number(s.replace(',', '.')))
    .pipe(z.number().min(min).max(max));
  return z.preprocess((v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v), digits);
}

/** A whole number on a scale, posted as a string ("4"). */
function scaleAnswer(values: number[]) {
  return z.preprocess(
    (v) => (typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v),
    z.number({ invalid_type_error: msg('forms:choose') }).refine((n) => values.includes(n), msg('forms:choose')),
  );
}

const YES = new Set(['yes', 'true', 'on', '1']);
const NO = new Set(['no', 'false', '0']);
function yesNoAnswer() {
  return z.preprocess(
    (v) =>
      typeof v === 'boolean'
        ? v
        : typeof v === 'string' && YES.has(v.trim().toLowerCase())
          ? true
          : typeof v === 'string' && NO.has(v.trim().toLowerCase())
            ? false
            : v,
    z.boolean({ invalid_type_error: msg('forms:choose') }),
  );
}

function dateAnswer() {
  return z.string().trim().refine(isIsoDate, msg('forms:date'));
}

function singleChoiceAnswer(values: [string, ...string[]]) {
  return z.string().trim().pipe(z.enum(values));
}

function multipleChoiceAnswer(values: [string, ...string[]], q: Answerable) {
  const min = Math.max(q.required ? 1 : 0, q.minChoices ?? 0);
  const max = q.maxChoices ?? values.length;
  return z
    .preprocess((v) => (Array.isArray(v) ? v : [v]).filter((x) => !blank(x)), z.array(z.string().trim().pipe(z.enum(values))))
    .transform((chosen) => values.filter((v) => chosen.includes(v)))
    .refine((chosen) => chosen.length === 0 || chosen.length >= min, msg('forms:chooseAtLeast', { count: min }))
    .refine((chosen) => chosen.length <= max, msg('forms:chooseAtMost', { count: max }));
}

/**
 * A ranking is posted as option → rank (1 = first), every option with a different rank; it is
 * stored as the options best first (read back as such).
 */
function rankingAnswer(values: [string, ...string[]]) {
  const rank = z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v), z.number().int());
  const asRanks = (v: unknown) => (Array.isArray(v) ? Object.fromEntries(v.map((option, i) => [String(option), i + 1])) : v);
  return z
    .preprocess(asRanks, z.record(rank))
    .refine((ranks) => Object.keys(ranks).every((k) => values.includes(k)), msg('forms:invalid'))
    .refine(
      (ranks) => {
        const given = values.map((v) => ranks[v]).sort((a, b) => a - b);
        return given.every((r, i) => r === i + 1);
      },
      msg('forms:rankAll', { count: values.length }),
    )
    .transform((ranks) => [...values].sort((a, b) => ranks[a] - ranks[b]));
}

/** A matrix is posted as row → scale value; every row is rated when required or when any is. */
function matrixAnswer(rows: [string, ...string[]], scale: number[]) {
  return z
    .record(z.preprocess(emptyToUndefined, scaleAnswer(scale).optional()))
    .refine((given) => Object.keys(given).every((k) => rows.includes(k)), msg('forms:invalid'))
    .refine((given) => rows.every((r) => given[r] !== undefined), msg('forms:rateAll'))
    .transform((given) => Object.fromEntries(rows.map((r) => [r, given[r] as number])));
}

/**
 * Validators are built once per question object and per list of them: a survey's parsed questions
 * are shared between requests (queries.server.ts getSurvey), and building zod schemas costs more
 * than using them.
 */
const byQuestion = new WeakMap<object, z.ZodTypeAny>();
const objectIds = new WeakMap<object, number>();
let lastObjectId = 0;
const objectId = (o: object) => {
  let id = objectIds.get(o);
  if (id === undefined) objectIds.set(o, (id = ++lastObjectId));
  return id;
};
const bySet = new Map<string, z.ZodTypeAny>();
const MAX_SETS = 1000;

/** The validator of one question's answer (required or optional). */
export function answerSchema(q: Answerable): z.ZodTypeAny {
  let schema = byQuestion.get(q);
  if (!schema) byQuestion.set(q, (schema = buildAnswerSchema(q)));
  return schema;
}

function buildAnswerSchema(q: Answerable): z.ZodTypeAny {
  const values = (q.options ?? []).map((o) => o.value) as [string, ...string[]];
  let schema: z.ZodTypeAny;
  switch (q.kind) {
    case 'text':
    case 'longText':
      return q.required ? text(TEXT_MAX[q.kind]) : optionalText(TEXT_MAX[q.kind]);
    case 'number':
      schema = numberAnswer(q.min, q.max);
      break;
    case 'rating':
      schema = scaleAnswer(scaleValues(q));
      break;
    case 'yesNo':
      schema = yesNoAnswer();
      break;
    case 'date':
      schema = dateAnswer();
      break;
    case 'singleChoice':
      schema = singleChoiceAnswer(values);
      break;
    case 'multipleChoice':
      schema = multipleChoiceAnswer(values, q);
      break;
    case 'ranking':
      schema = rankingAnswer(values);
      break;
    case 'matrix':
      schema = matrixAnswer((q.rows ?? []).map((r) => r.value) as [string, ...string[]], scaleValues(q));
      break;
  }
  if (q.required) {
    const missing = msg(q.kind === 'number' || q.kind === 'date' ? 'forms:required' : 'forms:choose');
    return z.preprocess(
      emptyToUndefined,
      z
        .any()
        .refine((v) => v !== undefined, missing)
        .pipe(schema),
    );
  }
  return z.preprocess(emptyToUndefined, schema.optional());
}

const dropUnanswered = (answers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined)) as Answers;

/**
 * The validator of answers to a list of questions: an object keyed by question key. Errors are
 * reported at the question's key, with i18n-key messages like the rest of the forms.
 */
export function answersSchema(questions: readonly (Answerable & { key: string })[]): z.ZodType<Answers, z.ZodTypeDef, unknown> {
  const key = questions.map(objectId).join(',');
  let schema = bySet.get(key);
  if (!schema) {
    const shape: Record<string, z.ZodTypeAny> = {};
    for (const q of questions) shape[q.key] = answerSchema(q);
    schema = z.object(shape).strip().transform(dropUnanswered);
    if (bySet.size >= MAX_SETS) bySet.delete(bySet.keys().next().value!);
    bySet.set(key, schema);
  }
  return schema;
}

/**
 * The validator of one survey page: the questions of `section` that are shown given the answers
 * of earlier pages (`earlier`) and of this page itself (a condition may depend on a question
 * above it on the same page). Answers to questions the conditions hide are dropped, never stored.
 */
export function sectionSchema(questions: readonly Question[], section: number, earlier: Answers) {
  return z.record(z.unknown()).transform((posted, ctx) => {
    // Conditions are decided on the raw answers first, then each shown question is validated.
    const raw = { ...earlier, ...roughValues(posted) };
    const shown = visibleQuestions(questions, raw).filter((q) => q.section === section);
    const result = answersSchema(shown).safeParse(posted);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue(issue);
    return z.NEVER;
  });
}

/**
 * Posted values read loosely for deciding conditions only ("4" → 4, "yes" → true, one choice →
 * itself); the answers stored are the validated ones.
 */
export function roughValues(posted: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(posted)) {
    if (typeof v !== 'string') out[key] = v;
    else if (/^-?\d+(?:\.\d+)?$/.test(v.trim())) out[key] = Number(v);
    else if (YES.has(v.trim().toLowerCase()) && v !== '1') out[key] = true;
    else if (NO.has(v.trim().toLowerCase()) && v !== '0') out[key] = false;
    else if (v.trim() !== '') out[key] = v.trim();
  }
  return out;
}

/**
 * The whole answer set of a survey checked again at submit: every page's answers, with the
 * conditions decided on the final answers (a change on page 1 may hide a page-2 answer, which is
 * then dropped), and required questions that are shown all answered.
 */
export function completeAnswers(questions: readonly Question[], answers: Answers) {
  const shown = visibleQuestions(questions, answers);
  return answersSchema(shown).safeParse(answers);
}
