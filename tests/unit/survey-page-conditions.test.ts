import { describe, expect, it } from 'vitest';
import {
  checkedSelector,
  conditionStyles,
  cssString,
  pageQuestions,
  postToReveal,
  revealingNumbers,
} from '~/modules/surveys/page-conditions';
import { parseQuestions, type Question } from '~/modules/surveys/questions';

const L = (en: string) => ({ en, es: `${en} (es)` });
const options = (...values: string[]) => values.map((value) => ({ value, label: L(value) }));
const ask = (key: string, kind: string, order: number, extra: Record<string, unknown> = {}) => ({
  key,
  kind,
  section: 1,
  order,
  required: false,
  label: L(key),
  ...extra,
});

/** One page of every condition CSS can apply, a chain (dog → breed → walks), and a number's. */
const QUESTIONS = parseQuestions([
  ask('dog', 'yesNo', 1),
  ask('breed', 'singleChoice', 2, { options: options('terrier', 'poodle'), condition: { question: 'dog', op: 'eq', value: 'yes' } }),
  ask('walks', 'text', 3, { condition: { question: 'breed', op: 'ne', value: 'poodle' } }),
  ask('fix', 'multipleChoice', 4, { options: options('lights', 'paths') }),
  ask('where', 'text', 5, { condition: { question: 'fix', op: 'includes', value: 'paths' } }),
  ask('score', 'rating', 6, { scale: { min: 1, max: 5 } }),
  ask('best', 'text', 7, { condition: { question: 'score', op: 'gte', value: 4 } }),
  ask('worst', 'text', 8, { condition: { question: 'score', op: 'lte', value: 2 } }),
  ask('kids', 'number', 9),
  ask('ages', 'yesNo', 10, { condition: { question: 'kids', op: 'gte', value: 1 } }),
  ask('school', 'yesNo', 11, { condition: { question: 'ages', op: 'eq', value: 'yes' } }),
  ask('later', 'yesNo', 1, { section: 2, condition: { question: 'dog', op: 'eq', value: 'no' } }),
  ask('later2', 'yesNo', 2, { section: 2, condition: { question: 'later', op: 'ne', value: 'no' } }),
  ask('later3', 'text', 3, { section: 2, condition: { question: 'later2', op: 'eq', value: 'yes' } }),
]);
const byKey = new Map(QUESTIONS.map((q) => [q.key, q]));
const q = (key: string) => byKey.get(key)!;

describe('the CSS of same-page conditions', () => {
  it('reads each kind and op as the ticked input that satisfies it', () => {
    expect(checkedSelector(q('breed').condition!, q('dog'))).toBe('input[name="a.dog"][value="yes"]:checked');
    expect(checkedSelector(q('walks').condition!, q('breed'))).toBe('input[name="a.breed"]:checked:not([value="poodle"])');
    expect(checkedSelector(q('where').condition!, q('fix'))).toBe('input[name="a.fix"][value="paths"]:checked');
    expect(checkedSelector(q('best').condition!, q('score'))).toBe(
      'input[name="a.score"][value="4"]:checked, input[name="a.score"][value="5"]:checked',
    );
    expect(checkedSelector(q('worst').condition!, q('score'))).toBe(
      'input[name="a.score"][value="1"]:checked, input[name="a.score"][value="2"]:checked',
    );
    expect(checkedSelector({ question: 'score', op: 'gte', value: 9 }, q('score'))).toBe('input[name="a.score"]:not(*)');
    expect(checkedSelector({ question: 'score', op: 'ne', value: 3 }, q('score'))).toContain('[value="2"]:checked, input');
    // A typed number cannot be compared in CSS.
    expect(checkedSelector(q('ages').condition!, q('kids'))).toBeNull();
  });

  it('hides a question unless its whole chain on the page holds, and shows it when CSS can tell', () => {
    const css = conditionStyles(QUESTIONS).split('\n');
    const dogYes = ':has(input[name="a.dog"][value="yes"]:checked)';
    const notPoodle = ':has(input[name="a.breed"]:checked:not([value="poodle"]))';
    expect(css).toContain(`form:not(${dogYes}) [data-survey-question="breed"] { display: none; }`);
    expect(css).toContain(`form${dogYes} [data-survey-question="breed"] { display: block; }`);
    // walks needs breed ≠ poodle AND breed shown (dog = yes): a ticked breed under a No is not enough.
    expect(css).toContain(`form:not(${notPoodle}${dogYes}) [data-survey-question="walks"] { display: none; }`);
    expect(css).toContain(`form${notPoodle}${dogYes} [data-survey-question="walks"] { display: block; }`);
    expect(css.filter((r) => r.includes('"where"'))).toHaveLength(2);
    expect(css.filter((r) => r.includes('"best"'))).toHaveLength(2);
    // A number's dependants: nothing CSS could decide (post to reveal); through one, hide only.
    expect(css.filter((r) => r.includes('"ages"'))).toEqual([]);
    expect(css.filter((r) => r.includes('"school"'))).toEqual([
      'form:not(:has(input[name="a.ages"][value="yes"]:checked)) [data-survey-question="school"] { display: none; }',
    ]);
    // Conditions on an earlier page were decided by the server; the chain stops there.
    expect(css.filter((r) => r.includes('"later"'))).toEqual([]);
    const later = ':has(input[name="a.later2"][value="yes"]:checked):has(input[name="a.later"]:checked:not([value="no"]))';
    expect(css).toContain(`form${later} [data-survey-question="later3"] { display: block; }`);
    expect(css.filter((r) => r.includes('"dog"]'))).toEqual([]);
  });

  it('hides what follows a number on the page, shows only through the part CSS can tell', () => {
    const mixed: Question[] = parseQuestions([
      ask('kids', 'number', 1),
      ask('pet', 'yesNo', 2, { condition: { question: 'kids', op: 'gte', value: 1 } }),
      ask('name', 'text', 3, { condition: { question: 'pet', op: 'eq', value: 'yes' } }),
    ]);
    expect(conditionStyles(mixed)).toBe(
      'form:not(:has(input[name="a.pet"][value="yes"]:checked)) [data-survey-question="name"] { display: none; }',
    );
    expect([...postToReveal(mixed, 1)]).toEqual(['pet', 'name']);
    expect([...postToReveal(QUESTIONS, 1)]).toEqual(['ages', 'school']);
    expect([...postToReveal(QUESTIONS, 2)]).toEqual([]);
    expect([...revealingNumbers(mixed, 1)]).toEqual(['kids']);
    expect([...revealingNumbers(QUESTIONS, 1)]).toEqual(['kids']);
    expect([...revealingNumbers(QUESTIONS, 2)]).toEqual([]);
  });

  it('escapes what it quotes', () => {
    expect(cssString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\a d"');
    expect(cssString('</style>')).toBe('"</style>"');
  });
});

describe('the questions a page renders', () => {
  it('are those the earlier pages allow, same-page conditions left to the page', () => {
    expect(pageQuestions(QUESTIONS, 1, {}).map((x) => x.key)).toEqual(QUESTIONS.filter((x) => x.section === 1).map((x) => x.key));
    expect(pageQuestions(QUESTIONS, 2, { dog: false }).map((x) => x.key)).toEqual(['later', 'later2', 'later3']);
    expect(pageQuestions(QUESTIONS, 2, { dog: true }).map((x) => x.key)).toEqual([]);
    expect(pageQuestions(QUESTIONS, 2, {}).map((x) => x.key)).toEqual([]);
  });
});
