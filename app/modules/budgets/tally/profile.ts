import { compareIds } from './project-order';

/**
 * The input both rules share, checked once and turned into a compact profile: projects indexed in
 * tie-break order (so "smaller index" is "wins a tie"), and ballots grouped by approval set with
 * a weight, since a city's 100,000 ballots repeat the same few sets and every rule works per
 * distinct set. Money stays bigint; only counts of voters are JS numbers (safe integers).
 */

export interface TallyProject {
  id: string;
  /** In the same integer unit as the budget (whole currency units, or cents). */
  cost: bigint;
}

export interface TallyInput {
  budget: bigint;
  projects: readonly TallyProject[];
  /** One entry per voter: the ids of the projects they approve. */
  ballots: readonly (readonly string[])[];
  /**
   * How many of the budget's units make one currency unit (100n when amounts are cents): the step
   * by which equal shares raises every voter's share in its completion. Defaults to 1n.
   */
  currencyUnit?: bigint;
}

/** A tally input that cannot be counted (a caller's bug or a tampered import): nothing is selected. */
export class TallyInputError extends Error {
  override name = 'TallyInputError';
}

export interface Profile {
  budget: bigint;
  currencyUnit: bigint;
  /** Number of ballots, empty ones included (they still get a share in equal shares). */
  voters: number;
  /** Project ids by index, in tie-break order. */
  ids: string[];
  costs: bigint[];
  /** Approvals per project. */
  votes: number[];
  /** Voters per distinct non-empty approval set. */
  groupWeights: Int32Array;
  /** Per project, the groups approving it, ascending. */
  supporters: Int32Array[];
}

export function prepareProfile(input: TallyInput): Profile {
  const { budget, projects, ballots } = input;
  const currencyUnit = input.currencyUnit ?? 1n;
  if (typeof budget !== 'bigint' || budget < 0n) throw new TallyInputError('the budget must be a non-negative bigint');
  if (typeof currencyUnit !== 'bigint' || currencyUnit <= 0n) throw new TallyInputError('the currency unit must be a positive bigint');

  const sorted = [...projects].sort((a, b) => compareIds(a.id, b.id));
  const index = new Map<string, number>();
  sorted.forEach((project, i) => {
    if (typeof project.id !== 'string' || project.id === '') throw new TallyInputError('a project has an empty id');
    if (index.has(project.id)) throw new TallyInputError(`project id ${project.id} appears twice`);
    if (typeof project.cost !== 'bigint' || project.cost < 0n)
      throw new TallyInputError(`project ${project.id}: the cost must be a non-negative bigint`);
    index.set(project.id, i);
  });

  const groupOf = new Map<string, number>();
  const weights: number[] = [];
  const members: number[][] = [];
  const seen = new Int32Array(sorted.length).fill(-1);
  ballots.forEach((ballot, voter) => {
    const approved: number[] = [];
    for (const id of ballot) {
      const i = index.get(id);
      if (i === undefined) throw new TallyInputError(`ballot ${voter + 1} approves unknown project ${id}`);
      if (seen[i] === voter) continue; // an approval set: the same id twice is one approval
      seen[i] = voter;
      approved.push(i);
    }
    if (!approved.length) return;
    approved.sort((a, b) => a - b);
    const key = approved.join(',');
    const group = groupOf.get(key);
    if (group !== undefined) weights[group] += 1;
    else {
      groupOf.set(key, weights.length);
      weights.push(1);
      members.push(approved);
    }
  });

  const votes: number[] = Array.from({ length: sorted.length }, () => 0);
  const counts = new Int32Array(sorted.length);
  members.forEach((approved, g) => {
    for (const i of approved) {
      votes[i] += weights[g];
      counts[i] += 1;
    }
  });
  const supporters = sorted.map((_, i) => new Int32Array(counts[i]));
  const filled = new Int32Array(sorted.length);
  members.forEach((approved, g) => {
    for (const i of approved) supporters[i][filled[i]++] = g;
  });

  return {
    budget,
    currencyUnit,
    voters: ballots.length,
    ids: sorted.map((p) => p.id),
    costs: sorted.map((p) => p.cost),
    votes,
    groupWeights: Int32Array.from(weights),
    supporters,
  };
}

export function totalCost(profile: Profile, selected: readonly number[]): bigint {
  let sum = 0n;
  for (const i of selected) sum += profile.costs[i];
  return sum;
}
