import type { Answers } from './answers';
import { byPosition, conditionHolds, scaleValues, visibleQuestions, type Condition, type Question } from './questions';

/**
 * Conditions on a question of the same page, applied without JavaScript: the page renders every
 * question its earlier pages allow (`pageQuestions`), those hidden for the answers so far with the
 * `hidden` attribute, and a stylesheet (`conditionStyles`, served by /surveys/:id/conditions.css)
 * shows and hides them with `form:has(… :checked)` as radios and checkboxes are ticked. A number
 * answer cannot be compared in CSS: what depends on one is decided when the page is posted
 * (`postToReveal`). Hidden (display: none) questions are out of sight, focus order and the
 * accessibility tree; the server drops their answers (answers.ts sectionSchema).
 */

/** The questions of `section` that the answers of the earlier pages allow, in order. */
export function pageQuestions(questions: readonly Question[], section: number, earlier: Answers): Question[] {
  const sectionOf = new Map(questions.map((q) => [q.key, q.section]));
  const shownBefore = new Set(visibleQuestions(questions, earlier).map((q) => q.key));
  const possible = new Set<string>();
  return [...questions].sort(byPosition).filter((q) => {
    if (q.section !== section) return false;
    const c = q.condition;
    const allowed =
      !c ||
      (sectionOf.get(c.question) === section
        ? possible.has(c.question)
        : shownBefore.has(c.question) && conditionHolds(c, earlier[c.question]));
    if (allowed) possible.add(q.key);
    return allowed;
  });
}

/** A string in CSS, quoted and escaped (values are slugs already; this keeps any other text inert). */
export function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

const input = (key: string, value?: string) =>
  `input[name=${cssString(`a.${key}`)}]${value === undefined ? '' : `[value=${cssString(value)}]`}`;

/**
 * The selector (inside `:has()`) of the ticked control that satisfies a condition on question
 * `on`, or null when CSS cannot tell (a number typed in).
 */
export function checkedSelector(condition: Condition, on: Question): string | null {
  const value = String(condition.value);
  switch (on.kind) {
    case 'yesNo':
    case 'singleChoice':
    case 'multipleChoice':
      if (condition.op === 'eq' || condition.op === 'includes') return `${input(on.key, value)}:checked`;
      if (condition.op === 'ne') return `${input(on.key)}:checked:not([value=${cssString(value)}])`;
      return null;
    case 'rating': {
      const values = scaleValues(on).filter((v) => conditionHolds(condition, v));
      // No value of the scale satisfies it: a selector that matches nothing.
      if (values.length === 0) return `${input(on.key)}:not(*)`;
      return values.map((v) => `${input(on.key, String(v))}:checked`).join(', ');
    }
    default:
      return null;
  }
}

/**
 * How a page question's conditions on the same page read in CSS: the selectors that must all
 * match (`has`), and whether they are all of it (`decided`: no number in the chain). Empty when
 * the question has no condition on its page (the server decided it).
 */
function chainOf(q: Question, byKey: Map<string, Question>): { has: string[]; decided: boolean } {
  const has: string[] = [];
  let decided = true;
  for (let at = q; at.condition;) {
    const on = byKey.get(at.condition.question);
    if (!on || on.section !== q.section) break;
    const selector = checkedSelector(at.condition, on);
    if (selector) has.push(`:has(${selector})`);
    else decided = false;
    at = on;
  }
  return { has, decided };
}

/**
 * The stylesheet of a survey's same-page conditions: a question is hidden unless every condition
 * of its chain on its page holds, and, when CSS can decide them all, shown when they do (over the
 * `hidden` the page was rendered with). Browsers without `:has()` drop these rules and keep the
 * server's decision, as before.
 */
export function conditionStyles(questions: readonly Question[]): string {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const rules: string[] = [];
  for (const q of [...questions].sort(byPosition)) {
    const { has, decided } = chainOf(q, byKey);
    if (has.length === 0) continue;
    const target = `[data-survey-question=${cssString(q.key)}]`;
    rules.push(`form:not(${has.join('')}) ${target} { display: none; }`);
    if (decided) rules.push(`form${has.join('')} ${target} { display: block; }`);
  }
  return rules.join('\n');
}

/** Whether a survey has same-page conditions CSS can apply (the page then links the stylesheet). */
export function hasConditionStyles(questions: readonly Question[]): boolean {
  return conditionStyles(questions) !== '';
}

/**
 * The questions of a page whose condition depends on a number typed on that page (directly or
 * through another question): CSS cannot show them, so they appear once the page is posted.
 */
export function postToReveal(questions: readonly Question[], section: number): Set<string> {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  return new Set(questions.filter((q) => q.section === section && !chainOf(q, byKey).decided).map((q) => q.key));
}

/** The numbers of a page that questions of the same page depend on (their hint says more may follow). */
export function revealingNumbers(questions: readonly Question[], section: number): Set<string> {
  const numbers = new Set(questions.filter((q) => q.section === section && q.kind === 'number').map((q) => q.key));
  return new Set(
    questions.filter((q) => q.section === section && q.condition && numbers.has(q.condition.question)).map((q) => q.condition!.question),
  );
}
