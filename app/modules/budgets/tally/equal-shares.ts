import { greedyFill } from './greedy';
import { prepareProfile, totalCost, type Profile, type TallyInput } from './profile';
import { gcd, Rational } from './rational';

/**
 * The Method of Equal Shares for approval ballots with cost utilities, completed as it is used in
 * practice and as pabutools computes it (method_of_equal_shares with voter_budget_increment=1,
 * then completion_by_rule_combination with the greedy rule):
 *
 * 1. Every voter gets an equal share of the budget. Each round funds the project whose supporters
 *    can pay its cost at the lowest price per unit of utility (a voter's utility for a project is
 *    its cost), the ones short of the price paying all they have left; a tie goes to the smaller
 *    id as text.
 * 2. If the outcome leaves a project with votes that still fits the real budget, every share grows
 *    by one currency unit and MES runs again from scratch, until an outcome is exhaustive (kept)
 *    or overspends the real budget (the previous outcome is kept).
 * 3. What is left is filled greedily by votes (greedy.ts). A project with no votes is never
 *    funded; one of cost 0 brings no utility, so only the fill can fund it.
 *
 * Exact and fast enough for 100,000 ballots over 100 projects, re-run at every increment:
 * - ballots are grouped by approval set (profile.ts); groups whose budgets are equal because they
 *   paid for the same projects share a class, so a price is found over a project's classes,
 *   poorest first, with only the classes short of the price needing arithmetic;
 * - as in pabutools, a project's last affordability is a lower bound on its next one (budgets only
 *   go down), so a round only prices the projects whose bound beats the best price so far, the
 *   previous run's winner of the round first, since it usually wins again;
 * - unaffordable projects leave the run, and so do voters with nothing left to pay for;
 * - budgets are integer numerators over one common denominator per run (a rational with a shared
 *   denominator), so the loops multiply and compare bigints and never reduce a fraction.
 */

/** An affordability (the price per unit of utility), r / m with m > 0. */
interface Ratio {
  r: bigint;
  m: bigint;
}

function compareRatios(x: Ratio, y: Ratio): number {
  const left = x.r * y.m;
  const right = y.r * x.m;
  return left < right ? -1 : left > right ? 1 : 0;
}

interface Price {
  alpha: Ratio;
  /** The cost minus what the supporters short of the price pay, over the run's denominator. */
  rest: bigint;
  /** Number of voters paying the full price, rest / (payers · denominator) each. */
  payers: bigint;
  /** Classes whose supporters cannot pay the price: they pay all they have. */
  poor: number[];
}

/** What every run starts from: the projects MES may fund, and how many of them each group approves. */
interface Setup {
  candidates: number[];
  approvedCandidates: Int32Array;
}

const UNSET = -2;

/** One run of MES with the share shareNum / shareDen per voter: the funded projects, in order. */
function runEqualShares(p: Profile, setup: Setup, shareNum: bigint, shareDen: bigint, hint: readonly number[]): number[] {
  const groups = p.groupWeights.length;
  const reduce = gcd(shareNum, shareDen);
  let denominator = shareDen / reduce;

  // A group takes part while it approves a project still in play; classOf[g] = -1 once it has
  // no budget left or nothing left to pay for.
  const inPlay = new Uint8Array(p.ids.length);
  for (const j of setup.candidates) inPlay[j] = 1;
  const left = setup.approvedCandidates.slice();
  const classOf = new Int32Array(groups);
  let initialSize = 0;
  for (let g = 0; g < groups; g++) {
    if (left[g] > 0) initialSize += 1;
    else classOf[g] = -1;
  }

  // Class c: groups with the budget budget[c] / denominator each. `order` lists the classes with
  // members, poorest first; rank[c] is the position of c in it.
  const budget: bigint[] = [shareNum / reduce];
  const size: number[] = [initialSize];
  const weightIn: number[] = [0];
  const poorMark: number[] = [0];
  const movedTo: number[] = [UNSET];
  let order: number[] = initialSize ? [0] : [];
  let rank = new Int32Array(16);
  // Scratch space: ranks of the classes a project touches, sorted to visit them poorest first.
  let ranks = new Uint32Array(16);

  function newClass(value: bigint): number {
    budget.push(value);
    size.push(0);
    weightIn.push(0);
    poorMark.push(0);
    movedTo.push(UNSET);
    return budget.length - 1;
  }

  function price(j: number): Price | null {
    const supporters = p.supporters[j];
    let count = 0;
    let payers = 0;
    for (let k = 0; k < supporters.length; k++) {
      const g = supporters[k];
      const c = classOf[g];
      if (c < 0) continue;
      if (weightIn[c] === 0) ranks[count++] = rank[c];
      weightIn[c] += p.groupWeights[g];
      payers += p.groupWeights[g];
    }
    // Poorest first: by sorting the ranks of the classes touched, or by walking all the classes
    // when that is cheaper (count · log2(count) against all of them, in integers).
    const touched =
      count * (32 - Math.clz32(count)) > order.length
        ? order.filter((c) => weightIn[c] > 0)
        : Array.from(ranks.subarray(0, count).sort(), (r) => order[r]);
    // A class that cannot pay (cost left) / (payers left) pays all it has. The price is at least
    // the one the project's bound gives, so a budget below that needs no multiplication to tell.
    let rest = p.costs[j] * denominator;
    const surelyShort = (bound[j].r * rest) / bound[j].m;
    let poorCount = 0;
    for (; poorCount < touched.length; poorCount++) {
      const c = touched[poorCount];
      if (budget[c] >= surelyShort && budget[c] * BigInt(payers) >= rest) break;
      rest -= BigInt(weightIn[c]) * budget[c];
      payers -= weightIn[c];
    }
    for (const c of touched) weightIn[c] = 0;
    if (poorCount === touched.length) return null;
    const k = BigInt(payers);
    return { alpha: { r: rest, m: k * denominator * p.costs[j] }, rest, payers: k, poor: touched.slice(0, poorCount) };
  }

  /** A project leaves play (funded or unaffordable): groups with nothing left to pay for leave too. */
  function retire(j: number) {
    inPlay[j] = 0;
    for (const g of p.supporters[j]) {
      left[g] -= 1;
      if (left[g] === 0 && classOf[g] >= 0) {
        size[classOf[g]] -= 1;
        classOf[g] = -1;
      }
    }
  }

  function pay(j: number, chosen: Price) {
    // Each paying voter pays rest / (payers · denominator): rescale every budget to the new
    // common denominator, then move the supporters of each class to the class of its new budget.
    const common = gcd(chosen.rest, chosen.payers);
    const scale = chosen.payers / common;
    const each = chosen.rest / common;
    if (scale !== 1n) {
      for (const c of order) budget[c] *= scale;
      denominator *= scale;
    }
    for (const c of chosen.poor) poorMark[c] = 1;
    const origins: number[] = [];
    const supporters = p.supporters[j];
    for (let k = 0; k < supporters.length; k++) {
      const g = supporters[k];
      const c = classOf[g];
      if (c < 0) continue;
      size[c] -= 1;
      // Spent, or nothing left to pay for once j is funded: out of the run.
      if (poorMark[c] || left[g] === 1) {
        classOf[g] = -1;
        continue;
      }
      let next = movedTo[c];
      if (next === UNSET) {
        const value = budget[c] - each;
        next = value > 0n ? newClass(value) : -1;
        movedTo[c] = next;
        origins.push(c);
      }
      classOf[g] = next;
      if (next >= 0) size[next] += 1;
    }
    for (const c of chosen.poor) poorMark[c] = 0;
    // The new classes keep the order of the classes they came from (they all paid the same
    // price): merge them with the classes that did not move.
    for (let k = 0; k < origins.length; k++) ranks[k] = rank[origins[k]];
    const moved: number[] = [];
    for (const r of ranks.subarray(0, origins.length).sort()) {
      const c = order[r];
      if (movedTo[c] >= 0) moved.push(movedTo[c]);
      movedTo[c] = UNSET;
    }
    const stayed = order.filter((c) => size[c] > 0);
    const merged: number[] = [];
    let x = 0;
    let y = 0;
    while (x < stayed.length || y < moved.length) {
      if (y === moved.length || (x < stayed.length && budget[stayed[x]] <= budget[moved[y]])) merged.push(stayed[x++]);
      else merged.push(moved[y++]);
    }
    order = merged;
    if (rank.length < budget.length) {
      rank = new Int32Array(Math.max(budget.length, rank.length * 2));
      ranks = new Uint32Array(rank.length);
    }
    order.forEach((c, i) => (rank[c] = i));
  }

  const bound: Ratio[] = [];
  for (const j of setup.candidates) bound[j] = { r: 1n, m: BigInt(p.votes[j]) };
  const byBound = (x: number, y: number) => compareRatios(bound[x], bound[y]) || x - y;
  // Projects in play by lower bound, then index; kept sorted as bounds rise.
  let remaining = [...setup.candidates].sort(byBound);
  const selected: number[] = [];
  for (;;) {
    // The previous run's winner of this round first: it usually wins again, and the sooner the
    // best price is known, the fewer projects need pricing. The order of pricing does not change
    // the winner: a project left unpriced has a lower bound, hence a price, above the best one.
    const expected = hint[selected.length];
    const queue = expected !== undefined && inPlay[expected] ? [expected, ...remaining.filter((j) => j !== expected)] : remaining;
    const dropped: number[] = [];
    const priced: number[] = [];
    let best: Price | null = null;
    let winner = -1;
    for (const j of queue) {
      if (best && compareRatios(bound[j], best.alpha) > 0) break;
      const found = price(j);
      if (!found) {
        dropped.push(j);
        continue;
      }
      priced.push(j);
      bound[j] = found.alpha;
      const versus = best ? compareRatios(found.alpha, best.alpha) : -1;
      if (versus < 0 || (versus === 0 && j < winner)) {
        best = found;
        winner = j;
      }
    }
    // Unaffordable now is unaffordable for the rest of the run.
    for (const j of dropped) retire(j);
    if (!best) return selected;
    pay(winner, best);
    retire(winner);
    selected.push(winner);
    const moved = new Set(priced);
    remaining = remaining.filter((j) => inPlay[j] && !moved.has(j));
    for (const j of priced) {
      if (!inPlay[j]) continue;
      let lo = 0;
      let hi = remaining.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (byBound(remaining[mid], j) < 0) lo = mid + 1;
        else hi = mid;
      }
      remaining.splice(lo, 0, j);
    }
  }
}

export interface EqualSharesDetails {
  /** Ids of the funded projects in selection order: the equal-shares part, then the completion. */
  selected: string[];
  /** The part funded by equal shares (in the run kept), in its order. */
  equalShares: string[];
  /** What the greedy fill added after it. */
  completion: string[];
  /** Every voter's share in the run kept, in budget units (null when there are no ballots). */
  share: Rational | null;
  /** How many currency units were added to the initial share for the run kept. */
  increments: bigint;
  /** How many runs of MES the completion computed. */
  runs: number;
}

function setupOf(p: Profile): Setup {
  const candidates: number[] = [];
  p.votes.forEach((votes, j) => {
    if (votes > 0 && p.costs[j] > 0n) candidates.push(j);
  });
  const approvedCandidates = new Int32Array(p.groupWeights.length);
  for (const j of candidates) for (const g of p.supporters[j]) approvedCandidates[g] += 1;
  return { candidates, approvedCandidates };
}

/**
 * One run of MES alone, without the completion, every share raised by `increments` currency
 * units (0: the plain rule): for analyses and tests of a single run.
 */
export function equalSharesRun(input: TallyInput, increments = 0n): string[] {
  const p = prepareProfile(input);
  if (p.voters === 0) return [];
  const voters = BigInt(p.voters);
  const outcome = runEqualShares(p, setupOf(p), p.budget + increments * p.currencyUnit * voters, voters, []);
  return outcome.map((j) => p.ids[j]);
}

export function equalSharesDetails(input: TallyInput): EqualSharesDetails {
  const p = prepareProfile(input);
  const { budget, currencyUnit } = p;
  const setup = setupOf(p);
  const { candidates } = setup;
  const voters = BigInt(p.voters);

  let kept: number[] = [];
  let keptStep = 0n;
  let runs = 0;
  if (voters > 0n) {
    let previous: number[] = [];
    // Terminates: with a large enough share every candidate is funded, which is exhaustive or
    // over the budget.
    for (let step = 0n; ; step += 1n) {
      const outcome = runEqualShares(p, setup, budget + step * currencyUnit * voters, voters, previous);
      runs += 1;
      const spent = totalCost(p, outcome);
      if (spent > budget) {
        kept = previous;
        keptStep = step > 0n ? step - 1n : 0n;
        break;
      }
      const taken = new Set(outcome);
      if (candidates.every((j) => taken.has(j) || p.costs[j] > budget - spent)) {
        kept = outcome;
        keptStep = step;
        break;
      }
      previous = outcome;
    }
  }
  const selected = greedyFill(p, kept);
  const ids = (list: number[]) => list.map((j) => p.ids[j]);
  return {
    selected: ids(selected),
    equalShares: ids(kept),
    completion: ids(selected.slice(kept.length)),
    share: voters > 0n ? new Rational(budget + keptStep * currencyUnit * voters, voters) : null,
    increments: keptStep,
    runs,
  };
}

/** Ids of the funded projects, in selection order. */
export function equalShares(input: TallyInput): string[] {
  return equalSharesDetails(input).selected;
}
