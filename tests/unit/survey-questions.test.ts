import { describe, expect, it } from 'vitest';
import { completeAnswers, sectionSchema } from '~/modules/surveys/answers';
import { parseQuestions, QuestionSetSchema, visibleQuestions, type Question } from '~/modules/surveys/questions';
import { tallyBuckets, textAnswers } from '~/modules/surveys/tally';

const L = (en: string) => ({ en, es: `${en} (es)` });
const options = (...values: string[]) => values.map((value) => ({ value, label: L(value) }));

const QUESTIONS = parseQuestions([
  { key: 'likes', kind: 'yesNo', section: 1, order: 1, required: true, label: L('Do you like the park?') },
  {
    key: 'why',
    kind: 'longText',
    section: 1,
    order: 2,
    required: false,
    label: L('Why?'),
    condition: { question: 'likes', op: 'eq', value: 'yes' },
  },
  { key: 'score', kind: 'rating', section: 1, order: 3, required: true, label: L('Score'), scale: { min: 1, max: 5 } },
  {
    key: 'fix',
    kind: 'multipleChoice',
    section: 2,
    order: 1,
    required: true,
    label: L('What to fix'),
    options: options('lights', 'paths', 'toilets'),
    minChoices: 1,
    maxChoices: 2,
  },
  {
    key: 'best',
    kind: 'text',
    section: 2,
    order: 2,
    required: true,
    label: L('Best thing'),
    condition: { question: 'score', op: 'gte', value: 4 },
  },
  { key: 'order', kind: 'ranking', section: 2, order: 3, required: false, label: L('Rank'), options: options('a', 'b', 'c') },
  {
    key: 'grid',
    kind: 'matrix',
    section: 2,
    order: 4,
    required: true,
    label: L('Rate'),
    rows: options('safety', 'clean'),
    scale: { min: 1, max: 3 },
  },
  { key: 'age', kind: 'number', section: 2, order: 5, required: false, label: L('Age'), min: 16, max: 120 },
]);

describe('survey question sets', () => {
  it('refuses a condition on a later question, a value the question cannot give, and taken keys', () => {
    const bad = QuestionSetSchema.safeParse([
      { key: 'a', kind: 'yesNo', order: 1, required: true, label: L('A'), condition: { question: 'b', op: 'eq', value: 'yes' } },
      { key: 'b', kind: 'yesNo', order: 2, required: true, label: L('B'), condition: { question: 'a', op: 'eq', value: 'maybe' } },
      { key: 'b', kind: 'singleChoice', order: 3, required: true, label: L('C'), options: options('x', 'y') },
    ]);
    const messages = bad.error?.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    expect(messages).toEqual([
      '0.condition surveys:errors.conditionEarlier',
      '1.condition surveys:errors.conditionValue',
      '2.key surveys:errors.keyTaken',
    ]);
    const oneOption = QuestionSetSchema.safeParse([
      { key: 'c', kind: 'singleChoice', order: 1, required: true, label: L('C'), options: options('x') },
    ]);
    expect(oneOption.error?.issues.map((i) => `${i.path.join('.')} ${i.message}`)).toEqual(['0.options surveys:errors.optionsNeeded']);
  });

  it('shows a conditional question only when its condition holds on a shown answer', () => {
    const keys = (answers: Record<string, unknown>) => visibleQuestions(QUESTIONS, answers).map((q) => q.key);
    expect(keys({ likes: false, score: 3 })).toEqual(['likes', 'score', 'fix', 'order', 'grid', 'age']);
    expect(keys({ likes: true, score: 4 })).toEqual(['likes', 'why', 'score', 'fix', 'best', 'order', 'grid', 'age']);
  });
});

describe('answering a page', () => {
  it('validates each kind and reports errors at the question', () => {
    const page2 = sectionSchema(QUESTIONS, 2, { likes: true, score: 5 });
    const result = page2.safeParse({
      fix: ['lights', 'paths', 'toilets'],
      order: { a: '1', b: '1', c: '2' },
      grid: { safety: '2' },
      age: '7',
    });
    expect(result.success).toBe(false);
    const errors = Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]));
    expect(errors).toEqual({
      fix: 'forms:chooseAtMost|{"count":2}',
      best: 'forms:required',
      order: 'forms:rankAll|{"count":3}',
      grid: 'forms:rateAll',
      age: 'forms:tooSmall|{"min":16}',
    });
  });

  it('stores typed answers and drops answers to hidden questions and unknown keys', () => {
    const page1 = sectionSchema(QUESTIONS, 1, {});
    expect(page1.parse({ likes: 'no', why: 'hidden text', score: '3', extra: 'x' })).toEqual({ likes: false, score: 3 });
    const page2 = sectionSchema(QUESTIONS, 2, { likes: false, score: 3 });
    expect(page2.parse({ fix: 'paths', best: 'not shown', order: { a: '2', b: '3', c: '1' }, grid: { safety: '1', clean: '3' } })).toEqual({
      fix: ['paths'],
      order: ['c', 'a', 'b'],
      grid: { safety: 1, clean: 3 },
    });
  });

  it('checks the whole set again at submit, with the conditions of the final answers', () => {
    const stored = {
      likes: true,
      why: 'shade',
      score: 5,
      fix: ['lights'],
      best: 'trees',
      order: ['c', 'a', 'b'],
      grid: { safety: 1, clean: 3 },
    };
    expect(completeAnswers(QUESTIONS, stored)).toMatchObject({ success: true, data: stored });
    // The answer to page 1 changed: "why" is hidden now, and dropped.
    expect(completeAnswers(QUESTIONS, { ...stored, likes: false })).toMatchObject({ success: true, data: { likes: false, score: 5 } });
    expect(completeAnswers(QUESTIONS, { likes: true, score: 2 }).success).toBe(false);
  });
});

describe('tallies', () => {
  it('counts an answer set, each answered question, and each bucket', () => {
    const answers = {
      likes: true,
      why: 'shade',
      score: 5,
      fix: ['lights', 'paths'],
      order: ['c', 'a', 'b'],
      grid: { safety: 1, clean: 3 },
    };
    const buckets = tallyBuckets(QUESTIONS as Question[], answers).map((b) => `${b.questionKey}:${b.bucket}`);
    expect(buckets).toEqual([
      ':',
      'likes:',
      'likes:yes',
      'why:',
      'score:',
      'score:5',
      'fix:',
      'fix:lights',
      'fix:paths',
      'order:',
      'order:c@1',
      'order:a@2',
      'order:b@3',
      'grid:',
      'grid:safety=1',
      'grid:clean=3',
    ]);
    expect(textAnswers(QUESTIONS, answers)).toEqual([{ questionKey: 'why', text: 'shade' }]);
  });
});
