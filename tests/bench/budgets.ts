/**
 * `npm run bench` (participatory budgets part): the count of a big city's vote on this machine,
 * beside a baseline measured in the same run. Prints, never asserts.
 *  - 100,000 approval ballots over 100 projects (1 to 5 projects each, popularity skewed, costs
 *    from $10,000 to $500,000 in cents, a budget of a fifth of all costs), counted by each rule
 *    (app/modules/budgets/tally), beside the least any rule must do: one pass counting approvals.
 * BENCH_BALLOTS (default 100000) and BENCH_PROJECTS (default 100) change the size.
 */
import { tally, type TallyRule } from '~/modules/budgets/tally/tally';

const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 100_000);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 100);

/** A small seeded generator (mulberry32), so every run counts the same election. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function election() {
  const next = random(2027);
  const projects = Array.from({ length: PROJECTS }, (_, i) => ({
    id: `p${String(i).padStart(3, '0')}`,
    cost: BigInt(Math.round(10_000 + next() * 490_000)) * 100n,
  }));
  const ballots = Array.from({ length: BALLOTS }, () => {
    const size = 1 + Math.floor(next() * 5);
    const chosen = new Set<string>();
    // Popular projects come first: the square skews choices toward low indexes.
    while (chosen.size < size) chosen.add(projects[Math.floor(next() * next() * PROJECTS)].id);
    return [...chosen];
  });
  const budget = projects.reduce((sum, p) => sum + p.cost, 0n) / 5n;
  return { budget, projects, ballots, currencyUnit: 100n };
}

function timed<T>(run: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, result };
}

const input = election();
const baseline = timed(() => {
  const votes = new Map<string, number>();
  for (const ballot of input.ballots) for (const id of ballot) votes.set(id, (votes.get(id) ?? 0) + 1);
  return votes.size;
});
const rows: [string, number, number][] = [['baseline: one pass counting approvals', baseline.ms, baseline.result]];
for (const rule of ['greedy', 'equal-shares'] as TallyRule[]) {
  const run = timed(() => tally(input, rule));
  rows.push([`${rule} (exact)`, run.ms, run.result.length]);
}
console.log(`\nCounting ${BALLOTS.toLocaleString('en')} approval ballots over ${PROJECTS} projects (one run each)`);
console.log('count'.padEnd(44), 'seconds'.padStart(9), 'projects'.padStart(9), '× baseline'.padStart(11));
for (const [label, ms, n] of rows)
  console.log(label.padEnd(44), (ms / 1000).toFixed(2).padStart(9), String(n).padStart(9), (ms / baseline.ms).toFixed(0).padStart(11));
