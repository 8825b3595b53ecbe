import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { equalShares, equalSharesDetails, equalSharesRun } from '~/modules/budgets/tally/equal-shares';
import { greedy } from '~/modules/budgets/tally/greedy';
import { parsePabulibOrThrow, toTallyInput } from '~/modules/budgets/tally/pabulib';
import { TallyInputError, type TallyInput } from '~/modules/budgets/tally/profile';
import { compareIds } from '~/modules/budgets/tally/project-order';
import { gcd, rational, Rational } from '~/modules/budgets/tally/rational';
import { isTallyRule, tally, tallyRuleNamed } from '~/modules/budgets/tally/tally';
import { PABULIB_DIR, PABULIB_FILES } from '../support/pabulib';

/**
 * The participatory-budgeting tally: the exact arithmetic, both rules on examples worked out by
 * hand, and the six real Pabulib elections kept in ../shared (the repository's sibling in CI).
 */
const PABULIB = PABULIB_DIR;
const FILES = PABULIB_FILES;
const elections = new Map(FILES.map((file) => [file, parsePabulibOrThrow(readFileSync(resolve(PABULIB, file), 'utf8'))]));
const inputOf = (file: (typeof FILES)[number]) => toTallyInput(elections.get(file)!);

/** Shorthand: costs as numbers, ballots as strings of ids ('A,C'; '' is an empty ballot). */
function election(budget: number, costs: Record<string, number>, ballots: string[]): TallyInput {
  return {
    budget: BigInt(budget),
    projects: Object.entries(costs).map(([id, cost]) => ({ id, cost: BigInt(cost) })),
    ballots: ballots.map((b) => (b === '' ? [] : b.split(','))),
  };
}

function costOf(input: TallyInput, ids: string[]): bigint {
  const cost = new Map(input.projects.map((p) => [p.id, p.cost]));
  return ids.reduce((sum, id) => sum + cost.get(id)!, 0n);
}

function votesOf(input: TallyInput): Map<string, number> {
  const votes = new Map(input.projects.map((p) => [p.id, 0]));
  for (const ballot of input.ballots) for (const id of new Set(ballot)) votes.set(id, votes.get(id)! + 1);
  return votes;
}

/** Within the budget, no project without votes, and nothing with votes left that still fits. */
function expectValidOutcome(input: TallyInput, selected: string[]) {
  const spent = costOf(input, selected);
  expect(spent).toBeLessThanOrEqual(input.budget);
  expect(new Set(selected).size).toBe(selected.length);
  const votes = votesOf(input);
  for (const id of selected) expect(votes.get(id), `${id} has votes`).toBeGreaterThan(0);
  const left = input.budget - spent;
  for (const p of input.projects) {
    if (!selected.includes(p.id) && votes.get(p.id)! > 0) expect(p.cost, `${p.id} would still fit`).toBeGreaterThan(left);
  }
}

describe('exact rationals', () => {
  it('are kept in lowest terms with a positive denominator', () => {
    expect(rational(6n, -4n)).toMatchObject({ num: -3n, den: 2n });
    expect(rational(0n, 5n)).toMatchObject({ num: 0n, den: 1n });
    expect(gcd(-12n, 18n)).toBe(6n);
    expect(() => rational(1n, 0n)).toThrow(RangeError);
  });

  it('add, subtract, multiply, divide and compare without rounding', () => {
    const third = rational(1n, 3n);
    const sixth = rational(1n, 6n);
    expect(third.add(sixth).toString()).toBe('1/2');
    expect(third.sub(sixth).toString()).toBe('1/6');
    expect(third.mul(sixth).toString()).toBe('1/18');
    expect(third.div(sixth).toString()).toBe('2');
    expect(third.compare(sixth)).toBe(1);
    expect(sixth.lt(third)).toBe(true);
    expect(rational(2n, 6n).equals(third)).toBe(true);
    // 0.1 + 0.2 is 0.3 here, unlike with floats.
    expect(rational(1n, 10n).add(rational(2n, 10n)).equals(rational(3n, 10n))).toBe(true);
    expect(() => third.div(Rational.ZERO)).toThrow(RangeError);
  });

  it('refuse to be used as a number (that would round through a float)', () => {
    const half = rational(1n, 2n);
    expect(`${half}`).toBe('1/2');
    expect(() => Number(half)).toThrow(TypeError);
    expect(() => (half as unknown as number) < 1).toThrow(TypeError);
  });
});

describe('tie-break order', () => {
  it('compares ids as text, by code point as pabutools (Python) does', () => {
    expect(compareIds('P10', 'P9')).toBeLessThan(0);
    expect(compareIds('10', '9')).toBeLessThan(0);
    expect(compareIds('P1', 'P10')).toBeLessThan(0);
    expect(compareIds('B', 'a')).toBeLessThan(0);
    expect(compareIds('x', 'x')).toBe(0);
    // U+1F600 is above U+FFFF as a code point, though its first UTF-16 unit (0xD83D) is below.
    expect(compareIds('\u{1F600}', '\uFFFF')).toBeGreaterThan(0);
    const [emoji, last] = ['\u{1F600}', '\uFFFF'];
    expect(emoji < last).toBe(true);
  });
});

describe('the greedy rule', () => {
  // Votes: P9 3, P10 3, P2 2, P3 1, P7 0; budget 10.
  // P10 and P9 tie on 3 votes: 'P10' < 'P9' as text, so P10 (4) first → 6 left; P9 (4) → 2 left;
  // P2 (5) no longer fits: skipped; P3 (1) still fits → 1 left; P7 (1) would fit but has no vote.
  const input = election(10, { P9: 4, P10: 4, P2: 5, P3: 1, P7: 1 }, ['P9,P10,P2', 'P9,P10,P2', 'P9,P10,P3']);

  it('funds by votes, ties by id as text, skips what no longer fits, never a project without votes', () => {
    expect(greedy(input)).toEqual(['P10', 'P9', 'P3']);
  });

  it('does not depend on the order of projects or ballots, nor on an id approved twice', () => {
    const shuffled: TallyInput = {
      budget: input.budget,
      projects: [...input.projects].reverse(),
      ballots: [
        ['P3', 'P10', 'P9', 'P9'],
        ['P2', 'P10', 'P9'],
        ['P10', 'P2', 'P9'],
      ],
    };
    expect(greedy(shuffled)).toEqual(['P10', 'P9', 'P3']);
  });

  it('funds a free project with votes, in its place by votes', () => {
    // F costs nothing but has 2 votes: after P10 and P9 (3 votes each), before P2.
    const withFree = election(8, { P9: 4, P10: 4, P2: 5, F: 0 }, ['P9,P10,F', 'P9,P10,F', 'P9,P10,P2']);
    expect(greedy(withFree)).toEqual(['P10', 'P9', 'F']);
  });

  it('funds nothing without ballots or budget', () => {
    expect(greedy(election(10, { A: 1 }, []))).toEqual([]);
    expect(greedy(election(0, { A: 1 }, ['A']))).toEqual([]);
  });
});

describe('the method of equal shares', () => {
  it('breaks a tie on affordability by id as text', () => {
    // Budget 20, two voters with 10 each, both approving P9 and P10 (cost 10 each).
    // Round 1: either costs 5 a voter, affordability 5/10 = 1/2 for both: 'P10' < 'P9', so P10;
    // each voter has 5 left. Round 2: P9 at 5 each, 1/2 again. Exhaustive at once.
    const input = election(20, { P9: 10, P10: 10 }, ['P9,P10', 'P9,P10']);
    expect(equalSharesDetails(input)).toMatchObject({ selected: ['P10', 'P9'], increments: 0n, runs: 1 });
  });

  it('lets a supporter short of the price pay all they have, the others the rest', () => {
    // Budget 50, five voters with 10 each. A (24) by v1–v4, B (10) by v1 and v5, C (9) by v2 and v3,
    // D (5) by v5 alone. Round 1: A costs 6 a voter (6/24 = 1/4), B 5 (1/2), C 4.5 (1/2), D 5
    // (1): A, and v1–v4 keep 4. Round 2: B at 5 each is too much for v1 (4), who pays 4; v5 pays
    // the other 6: 6/10 = 3/5. C: v2 and v3 have 8 < 9, out. D: 5/5 = 1. B; v5 keeps 4.
    // Round 3: D needs 5 from v5 who has 4 (had v1 paid half of B, v5 would have 5): out. [A, B].
    const input = election(50, { A: 24, B: 10, C: 9, D: 5 }, ['A,B', 'A,C', 'A,C', 'A', 'B,D']);
    expect(equalSharesRun(input)).toEqual(['A', 'B']);
    // [A, B] spends 34 of 50 and C (9) or D (5) would fit: the completion raises every share by
    // one unit. At 11: A at 6 each leaves v1–v4 with 5 and v5 with 11. B at 5 each (v1 can pay
    // now): 5/10 = 1/2, tied with C at 4.5 each (4.5/9 = 1/2): 'B' < 'C', B; then C (1/2), then D
    // (5/5 = 1, v5 has 6). 48 of 50 spent and nothing left to fund: exhaustive, kept.
    expect(equalSharesRun(input, 1n)).toEqual(['A', 'B', 'C', 'D']);
    expect(equalSharesDetails(input)).toEqual({
      selected: ['A', 'B', 'C', 'D'],
      equalShares: ['A', 'B', 'C', 'D'],
      completion: [],
      share: rational(11n),
      increments: 1n,
      runs: 2,
    });
  });

  it('raises the shares while the outcome fits, keeps the last that fits, then fills greedily', () => {
    // Budget 10, two voters with 5 each. A (6) by v1, B (6) by v2, C (3) by both.
    // Share 5: C at 1.5 each (1/2); then A and B need 6 from a voter with 3.5: [C], 7 left, A fits.
    // Share 6 and 7: the same [C] (voters keep 4.5, then 5.5 < 6).
    // Share 8: C, voters keep 6.5; A and B both at 6 (affordability 1): 'A' < 'B', A, then B:
    // [C, A, B] costs 15 > 10. So the run at share 7 is kept, [C], 2 increments.
    // The greedy fill: C taken; A and B have a vote each, A first as text: 6 ≤ 7 left, A; B no longer fits.
    const input = election(10, { A: 6, B: 6, C: 3 }, ['A,C', 'B,C']);
    expect(equalSharesRun(input, 2n)).toEqual(['C']);
    expect(equalSharesRun(input, 3n)).toEqual(['C', 'A', 'B']);
    expect(equalSharesDetails(input)).toEqual({
      selected: ['C', 'A'],
      equalShares: ['C'],
      completion: ['A'],
      share: rational(7n),
      increments: 2n,
      runs: 4,
    });
    expect(greedy(input)).toEqual(['C', 'A']);
  });

  it('never funds a project without votes, even when it would fit', () => {
    // A (4) by both voters, 2 each; Z (3) nobody wants: 6 left, but no vote, no money.
    const input = election(10, { A: 4, Z: 3 }, ['A', 'A']);
    expect(equalShares(input)).toEqual(['A']);
    expect(greedy(input)).toEqual(['A']);
  });

  it('leaves a free project to the greedy fill, and shares the budget among empty ballots too', () => {
    // Four ballots, two empty: shares of 2.5. A (4) by v1 and v2 at 2 each; F costs nothing
    // (no utility under cost utilities): funded by the fill, after A.
    const input = election(10, { A: 4, F: 0 }, ['A,F', 'A', '', '']);
    const details = equalSharesDetails(input);
    expect(details.equalShares).toEqual(['A']);
    expect(details.completion).toEqual(['F']);
    expect(details.share?.toString()).toBe('5/2');
  });

  it('counts cents with a currency unit of 100', () => {
    // The budget 10.50 and costs 6.00 / 4.50 in cents; shares grow by 1.00 (100 cents).
    const input: TallyInput = { ...election(1050, { A: 600, B: 450 }, ['A', 'B', 'A,B']), currencyUnit: 100n };
    const details = equalSharesDetails(input);
    expectValidOutcome(input, details.selected);
    expect(details.share?.den).toBe(1n); // 3.50 a voter, then whole units more
    expect(details.share!.compare(rational(350n))).toBeGreaterThanOrEqual(0);
  });

  it('returns nothing without ballots', () => {
    expect(equalSharesDetails(election(10, { A: 1 }, []))).toMatchObject({ selected: [], share: null, runs: 0 });
  });
});

describe('tally input checks', () => {
  it('refuses unknown projects, duplicate ids and negative amounts', () => {
    expect(() => tally(election(10, { A: 1 }, ['B']), 'greedy')).toThrow(TallyInputError);
    expect(() => tally(election(10, { A: -1 }, ['A']), 'equal-shares')).toThrow(/non-negative/);
    expect(() =>
      greedy({
        budget: 10n,
        projects: [
          { id: 'A', cost: 1n },
          { id: 'A', cost: 2n },
        ],
        ballots: [],
      }),
    ).toThrow(/twice/);
    expect(() => greedy({ budget: -1n, projects: [], ballots: [] })).toThrow(TallyInputError);
    expect(() => equalShares({ ...election(10, { A: 1 }, ['A']), currencyUnit: 0n })).toThrow(TallyInputError);
  });

  it('names its rules', () => {
    expect(isTallyRule('greedy')).toBe(true);
    expect(isTallyRule('equal-shares')).toBe(true);
    expect(isTallyRule('mes')).toBe(false);
    expect(tallyRuleNamed('equal_shares')).toBe('equal-shares');
    expect(tallyRuleNamed(' EqualShares/Add1 ')).toBe('equal-shares');
    expect(tallyRuleNamed('greedy')).toBe('greedy');
    expect(tallyRuleNamed('greedy-threshold')).toBeNull();
  });
});

/**
 * Equal shares on the six files, as computed here and, independently, by pabutools 1.2.3
 * (COMSOC-Community/pabutools at 33b8575: method_of_equal_shares with Cost_Sat and
 * voter_budget_increment=1, then completion_by_rule_combination with greedy_utilitarian_welfare),
 * which publishes no expected outcomes for these files. The two agree on every file, except that
 * pabutools' greedy completion also funds Zandka's P0055, which has no votes.
 */
const EQUAL_SHARES: Record<(typeof FILES)[number], { equalShares: string[]; completion: string[]; increments: bigint; runs: number }> = {
  'poland_warszawa_2017_kamionek.pb': {
    equalShares: ['2542', '959', '2577', '699', '81', '2028'],
    completion: [],
    increments: 203n,
    runs: 204,
  },
  'poland_warszawa_2018_rejon-3.pb': {
    equalShares: [
      '2109',
      '1801',
      '2118',
      '2112',
      '2766',
      '2099',
      '1671',
      '2090',
      '2222',
      '1303',
      '1733',
      '2115',
      '2125',
      '2223',
      '2159',
      '1408',
      '2080',
      '1411',
      '2769',
      '2039',
      '2130',
      '1713',
      '1584',
    ],
    completion: ['2122', '2119'],
    increments: 389n,
    runs: 391,
  },
  'poland_warszawa_2019_okecie.pb': {
    equalShares: [
      '2234',
      '1108',
      '1520',
      '2373',
      '730',
      '736',
      '1682',
      '1518',
      '741',
      '620',
      '1015',
      '1464',
      '475',
      '1934',
      '2278',
      '1332',
      '560',
      '1868',
      '1283',
      '1344',
      '769',
    ],
    completion: [],
    increments: 818n,
    runs: 819,
  },
  'poland_warszawa_2023_rembertow.pb': {
    equalShares: ['1639', '839', '1090', '840', '874', '1569', '849', '1260', '950', '1324', '1899', '782', '1384', '1258', '1883', '1910'],
    completion: ['1907'],
    increments: 223n,
    runs: 225,
  },
  'poland_warszawa_2023_targowek.pb': {
    equalShares: [
      '104',
      '650',
      '467',
      '152',
      '1566',
      '994',
      '970',
      '990',
      '986',
      '914',
      '472',
      '87',
      '1166',
      '97',
      '1029',
      '41',
      '1392',
      '854',
      '58',
      '1162',
      '974',
      '662',
      '1394',
      '1397',
      '971',
      '1347',
      '989',
      '1171',
      '966',
      '159',
      '1172',
      '972',
      '973',
      '1391',
      '827',
      '814',
      '1576',
      '988',
      '1164',
      '101',
      '485',
      '484',
      '1508',
      '1580',
      '483',
      '1901',
      '489',
      '968',
    ],
    completion: ['1654'],
    increments: 482n,
    runs: 484,
  },
  'poland_zabrze_2020_zandka.pb': { equalShares: ['P0097', 'P0015'], completion: [], increments: 561n, runs: 562 },
};

describe('the six Pabulib elections', () => {
  it.each(FILES.filter((file) => file !== 'poland_zabrze_2020_zandka.pb'))('greedy reproduces the selected column of %s', (file) => {
    const funded = elections
      .get(file)!
      .projects.filter((p) => p.selected)
      .map((p) => p.id);
    expect(greedy(inputOf(file)).sort()).toEqual(funded.sort());
  });

  it('greedy breaks the Okęcie tie on votes by id as text, as the city did', () => {
    // 1286 (31,300) and 744 (40,000) both have 123 votes when 49,915 are left. As text '1286' <
    // '744': 1286 is funded and 744 no longer fits, as in the city's selected column (by number,
    // 744 would have been funded instead). 2368 and 475 also tie (161 votes); both fit.
    const input = inputOf('poland_warszawa_2019_okecie.pb');
    const votes = votesOf(input);
    expect([votes.get('1286'), votes.get('744'), votes.get('2368'), votes.get('475')]).toEqual([123, 123, 161, 161]);
    const order = greedy(input);
    expect(order).toContain('1286');
    expect(order).not.toContain('744');
    expect(order.indexOf('2368')).toBe(order.indexOf('475') - 1);
    const okecie = elections.get('poland_warszawa_2019_okecie.pb')!;
    expect(okecie.projects.find((p) => p.id === '1286')?.selected).toBe(true);
    expect(okecie.projects.find((p) => p.id === '744')?.selected).toBe(false);
  });

  it('greedy on Zandka (no selected column) skips the project nobody voted for', () => {
    // P0097 74 votes (50,000), P0016 45 (129,000: no longer fits), P0015 36 (55,000); P0055 has
    // no vote: 45,000 are left and it costs 41,000, yet it is not funded.
    expect(greedy(inputOf('poland_zabrze_2020_zandka.pb'))).toEqual(['P0097', 'P0015']);
  });

  it.each(FILES)(
    'equal shares on %s: pabutools outcome, within budget, exhaustive, no project without votes',
    (file) => {
      const input = inputOf(file);
      const details = equalSharesDetails(input);
      const expected = EQUAL_SHARES[file];
      expect(details).toMatchObject({ ...expected, selected: [...expected.equalShares, ...expected.completion] });
      expectValidOutcome(input, details.selected);
      expectValidOutcome(input, greedy(input));
    },
    120_000,
  );

  it('equal shares is replayable: the same result again, and whatever the order of projects and ballots', () => {
    const input = inputOf('poland_warszawa_2017_kamionek.pb');
    const once = equalSharesDetails(input);
    expect(equalSharesDetails(input)).toEqual(once);
    const reordered: TallyInput = {
      ...input,
      projects: [...input.projects].reverse(),
      ballots: [...input.ballots].reverse().map((b) => [...b].reverse()),
    };
    expect(equalSharesDetails(reordered)).toEqual(once);
  });
});

/** A seeded xorshift32: the same "random" ballots on every run. */
function randomIntegers(seed: number) {
  let x = seed >>> 0 || 1;
  return (below: number) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % below;
  };
}

describe('a city-sized vote', () => {
  it('counts 100,000 random ballots over 100 projects with both rules', { timeout: 300_000 }, () => {
    const next = randomIntegers(7);
    const projects = Array.from({ length: 100 }, (_, i) => ({ id: `P${i + 1}`, cost: BigInt(50_000 + next(950_001)) }));
    const popularity = projects.map(() => 1 + next(100));
    const total = popularity.reduce((a, b) => a + b, 0);
    const ballots = Array.from({ length: 100_000 }, () => {
      const approved = new Set<number>();
      const length = 1 + next(15);
      while (approved.size < length) {
        let r = next(total);
        let i = 0;
        while (r >= popularity[i]) r -= popularity[i++];
        approved.add(i);
      }
      return [...approved].map((i) => projects[i].id);
    });
    const input: TallyInput = { budget: 10_000_000n, projects, ballots };
    expectValidOutcome(input, greedy(input));
    const details = equalSharesDetails(input);
    expectValidOutcome(input, details.selected);
    expect(details.equalShares.length).toBeGreaterThan(0);
  });
});
