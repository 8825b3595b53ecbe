import { equalShares } from './equal-shares';
import { greedy } from './greedy';
import type { TallyInput } from './profile';

/**
 * The rules a process can be counted with, one entry point for all of them: the results page, the
 * Pabulib import and `npm run pb:tally` count through tally(), so they cannot disagree.
 */
export const TALLY_RULES = ['greedy', 'equal-shares'] as const;
export type TallyRule = (typeof TALLY_RULES)[number];

export function isTallyRule(value: string): value is TallyRule {
  return (TALLY_RULES as readonly string[]).includes(value);
}

/**
 * Our rule under the other names it goes by: `equal_shares` as a process stores it, and Pabulib's
 * `equalshares/add1` (equal shares completed by adding one unit to every share at a time). Null
 * for any other rule (Pabulib's greedy-threshold, unknown…).
 */
export function tallyRuleNamed(name: string): TallyRule | null {
  const rule = name.trim().toLowerCase();
  if (rule === 'greedy') return 'greedy';
  if (rule === 'equal-shares' || rule === 'equal_shares' || rule === 'equalshares/add1') return 'equal-shares';
  return null;
}

/** Ids of the funded projects, in selection order; the same input always gives the same list. */
export function tally(input: TallyInput, rule: TallyRule): string[] {
  return rule === 'greedy' ? greedy(input) : equalShares(input);
}
