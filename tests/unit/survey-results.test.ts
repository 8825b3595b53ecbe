import { describe, expect, it } from 'vitest';
import { MIN_GROUP } from '~/modules/surveys/policy';
import { parseQuestions } from '~/modules/surveys/questions';
import { bucketStats, countsOf, groupShown, questionResult, share, surveyResults } from '~/modules/surveys/results';
import { tallyBuckets } from '~/modules/surveys/tally';
import type { Answers } from '~/modules/surveys/answers';

const L = (en: string) => ({ en, es: `${en} (es)` });
const options = (...values: string[]) => values.map((value) => ({ value, label: L(value) }));

const QUESTIONS = parseQuestions([
  { key: 'pick', kind: 'singleChoice', order: 1, required: true, label: L('Pick'), options: options('a', 'b', 'c') },
  { key: 'many', kind: 'multipleChoice', order: 2, required: false, label: L('Many'), options: options('x', 'y') },
  { key: 'score', kind: 'rating', order: 3, required: false, label: L('Score'), scale: { min: 1, max: 5 } },
  { key: 'ok', kind: 'yesNo', order: 4, required: false, label: L('OK?') },
  { key: 'count', kind: 'number', order: 5, required: false, label: L('How many') },
  { key: 'when', kind: 'date', order: 6, required: false, label: L('When') },
  { key: 'order', kind: 'ranking', order: 7, required: false, label: L('Order'), options: options('p', 'q', 'r') },
  {
    key: 'grid',
    kind: 'matrix',
    order: 8,
    required: false,
    label: L('Grid'),
    scale: { min: 1, max: 3 },
    rows: options('clean', 'safe'),
  },
  { key: 'say', kind: 'text', order: 9, required: false, label: L('Say') },
]);

const ANSWERS: Answers[] = [
  {
    pick: 'a',
    many: ['x', 'y'],
    score: 5,
    ok: true,
    count: 2,
    when: '2026-05-02',
    order: ['p', 'q', 'r'],
    grid: { clean: 3, safe: 1 },
    say: 'hi',
  },
  { pick: 'a', many: ['x'], score: 4, ok: false, count: 10, when: '2026-05-01', order: ['q', 'p', 'r'], grid: { clean: 2 } },
  { pick: 'b', score: 1, ok: true, count: 2.5, when: '2026-05-02', order: ['p', 'r', 'q'], grid: { clean: 3, safe: 2 } },
  { pick: 'a', score: 4 },
];

/** The tallies answering writes (tallyBuckets, one +1 per bucket), summed as the results read them. */
const counts = countsOf(ANSWERS.flatMap((a) => tallyBuckets(QUESTIONS, a)).map((b) => ({ ...b, count: 1 })));
const results = new Map(surveyResults(QUESTIONS, counts).map((r) => [r.key, r]));

describe('survey results from tallies', () => {
  it('counts each option with its share of those who answered the question', () => {
    const pick = results.get('pick')!;
    expect(pick.answered).toBe(4);
    expect(pick.bars).toEqual([
      { value: 'a', count: 3, share: 0.75 },
      { value: 'b', count: 1, share: 0.25 },
      { value: 'c', count: 0, share: 0 },
    ]);
    // Multiple choice: shares of respondents, so they may add up past 100 %.
    expect(results.get('many')!.bars.map((b) => [b.value, b.count, b.share])).toEqual([
      ['x', 2, 1],
      ['y', 1, 0.5],
    ]);
    expect(results.get('ok')!.bars.map((b) => [b.value, b.count])).toEqual([
      ['yes', 2],
      ['no', 1],
    ]);
    expect(share(1, 0)).toBe(0);
  });

  it('gives mean and median of ratings and numbers from bucket counts (even and odd counts)', () => {
    // Ratings 5, 4, 1, 4: mean 3.5, median of the middle two (4, 4) = 4; every scale value has a bar.
    expect(results.get('score')!.stats).toEqual({ mean: 3.5, median: 4 });
    expect(results.get('score')!.bars.map((b) => b.count)).toEqual([1, 0, 0, 2, 1]);
    // Numbers 2, 10, 2.5 (odd): the median is the middle one; bars in numeric order.
    expect(results.get('count')!.stats).toEqual({ mean: 14.5 / 3, median: 2.5 });
    expect(results.get('count')!.bars.map((b) => b.value)).toEqual(['2', '2.5', '10']);
    expect(
      bucketStats([
        { value: 1, count: 1 },
        { value: 3, count: 1 },
      ]),
    ).toEqual({ mean: 2, median: 2, n: 2 });
    expect(
      bucketStats([
        { value: 7, count: 3 },
        { value: 1, count: 2 },
      ]),
    ).toEqual({ mean: 4.6, median: 7, n: 5 });
    expect(bucketStats([])).toBeNull();
  });

  it('lists dates by day', () => {
    expect(results.get('when')!.bars.map((b) => [b.value, b.count])).toEqual([
      ['2026-05-01', 1],
      ['2026-05-02', 2],
    ]);
  });

  it('gives each ranked option its average place and the share placing it first', () => {
    const ranking = results.get('order')!.ranking;
    expect(ranking.map((o) => [o.value, o.averagePlace, o.firstShare])).toEqual([
      ['p', 4 / 3, 2 / 3],
      ['q', 2, 1 / 3],
      ['r', 8 / 3, 0],
    ]);
  });

  it('gives each matrix row its distribution over the scale and its mean', () => {
    const [clean, safe] = results.get('grid')!.rows;
    expect(clean).toMatchObject({ value: 'clean', answered: 3, mean: 8 / 3 });
    expect(clean.bars.map((b) => [b.value, b.count])).toEqual([
      ['1', 0],
      ['2', 1],
      ['3', 2],
    ]);
    expect(safe).toMatchObject({ value: 'safe', answered: 2, mean: 1.5 });
  });

  it('counts free-text answers without tallying their words', () => {
    expect(results.get('say')).toMatchObject({ answered: 1, bars: [], stats: null });
    expect(questionResult(QUESTIONS[0]).answered).toBe(0);
  });

  it('never shows a group of fewer than five answer sets of an anonymous survey', () => {
    expect(MIN_GROUP).toBe(5);
    expect(groupShown(true, 4)).toBe(false);
    expect(groupShown(true, 0)).toBe(false);
    expect(groupShown(true, 5)).toBe(true);
    expect(groupShown(false, 1)).toBe(true);
  });
});
