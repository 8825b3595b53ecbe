import { prepareProfile, totalCost, type Profile, type TallyInput } from './profile';

/**
 * The greedy rule as the cities count it (Pabulib's `rule;greedy`, their `selected` columns, and
 * pabutools' greedy_utilitarian_welfare with cost satisfaction): projects by votes, most first,
 * ties by id as text; a project that no longer fits the remaining budget is skipped and the next
 * ones are still tried. Unlike pabutools, a project nobody approved is never funded, even when
 * it would fit: no vote, no money. Equal shares completes its outcome with the same fill.
 */

/** Projects with at least one vote, in greedy order (indices into the profile). */
export function greedyOrder(profile: Profile): number[] {
  const order: number[] = [];
  profile.votes.forEach((votes, i) => {
    if (votes > 0) order.push(i);
  });
  return order.sort((a, b) => profile.votes[b] - profile.votes[a] || a - b);
}

/** `selected` followed by the projects the greedy order adds within what is left of the budget. */
export function greedyFill(profile: Profile, selected: readonly number[]): number[] {
  const taken = new Set(selected);
  const result = [...selected];
  let remaining = profile.budget - totalCost(profile, selected);
  for (const i of greedyOrder(profile)) {
    if (taken.has(i) || profile.costs[i] > remaining) continue;
    result.push(i);
    remaining -= profile.costs[i];
  }
  return result;
}

/** Ids of the funded projects, in selection order. */
export function greedy(input: TallyInput): string[] {
  const profile = prepareProfile(input);
  return greedyFill(profile, []).map((i) => profile.ids[i]);
}
