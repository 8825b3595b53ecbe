import { z } from 'zod';
import { answerSchema, sectionSchema, type Answers } from './answers';
import type { Question } from './questions';

/**
 * The form of one survey page, shared by the page (Conform, conditions applied as you type) and
 * its action: the page's answers `a.<key>` checked with the answers of the earlier pages, the
 * fingerprint of the questions the page was built from (`stamp`), the answers so far (`carry`,
 * JSON: a visitor's only copy, since nothing is stored for them; a signed-in respondent's come from
 * their draft) and which button was pressed.
 */
export const MAX_CARRY = 200_000;

type PageSchema = ReturnType<typeof buildPageSchema>;
const pageSchemas = new WeakMap<readonly Question[], Map<string, PageSchema>>();
const MAX_PAGES = 200;

/**
 * Built once per survey's questions, page and earlier answers that matter (its conditions' only):
 * a new schema object per request would also rebuild its form coercion (lib/schema-parse.ts).
 */
export function pageSchema(questions: readonly Question[], section: number, earlier: Answers): PageSchema {
  const named = new Set(questions.flatMap((q) => (q.condition ? [q.condition.question] : [])));
  const relevant = Object.fromEntries(Object.entries(earlier).filter(([key]) => named.has(key)));
  const key = JSON.stringify([section, relevant]);
  let cache = pageSchemas.get(questions);
  if (!cache) pageSchemas.set(questions, (cache = new Map()));
  let schema = cache.get(key);
  if (!schema) {
    schema = buildPageSchema(questions, section, relevant);
    if (cache.size >= MAX_PAGES) cache.delete(cache.keys().next().value!);
    cache.set(key, schema);
  }
  return schema;
}

function buildPageSchema(questions: readonly Question[], section: number, earlier: Answers) {
  // `seen`: the questions hanging on a typed number that the page showed (page-conditions.ts postToReveal).
  const common = { stamp: z.string().max(64), carry: z.string().max(MAX_CARRY).optional(), seen: z.string().max(4000).optional() };
  return z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('next'), a: z.preprocess((v) => v ?? {}, sectionSchema(questions, section, earlier)), ...common }),
    // Back checks nothing: the page's answers are kept if they are valid (the action decides).
    z.object({ intent: z.literal('back'), a: z.record(z.unknown()).optional(), ...common }),
  ]);
}

/** Answers read back from a carry field: only those that still fit a question of the survey. */
export function readCarry(questions: readonly Question[], carry: string | undefined | null): Answers {
  if (!carry || carry.length > MAX_CARRY) return {};
  try {
    const parsed: unknown = JSON.parse(carry);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? fitting(questions, parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The answers that still fit the questions (a question changed or gone drops its answer). */
export function fitting(questions: readonly Question[], answers: Record<string, unknown>): Answers {
  const out: Answers = {};
  for (const q of questions) {
    if (answers[q.key] === undefined) continue;
    const checked = answerSchema({ ...q, required: false }).safeParse(answers[q.key]);
    if (checked.success && checked.data !== undefined) out[q.key] = checked.data as Answers[string];
  }
  return out;
}

/** The answers so far without this page's questions (replaced by what the page posts). */
export function withoutSection(questions: readonly Question[], section: number, answers: Answers): Answers {
  const here = new Set(questions.filter((q) => q.section === section).map((q) => q.key));
  return Object.fromEntries(Object.entries(answers).filter(([key]) => !here.has(key)));
}

/** Stored answers as the page's form values (`a.<key>`), to show them again. */
export function formValues(questions: readonly Question[], answers: Answers): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of questions) {
    const v = answers[q.key];
    if (v === undefined) continue;
    if (q.kind === 'ranking' && Array.isArray(v)) out[q.key] = Object.fromEntries(v.map((option, i) => [option, String(i + 1)]));
    else if (typeof v === 'boolean') out[q.key] = v ? 'yes' : 'no';
    else if (typeof v === 'number') out[q.key] = String(v);
    else if (typeof v === 'object' && !Array.isArray(v)) out[q.key] = Object.fromEntries(Object.entries(v).map(([k, n]) => [k, String(n)]));
    else out[q.key] = v;
  }
  return out;
}
