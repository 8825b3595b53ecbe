/**
 * `npm run bench` (participatory budgets part): a big city's vote on this machine, each figure
 * beside a baseline measured in the same run. Prints, never asserts.
 *  1. Ballots cast through the real vote page's action (session, CSRF, eligibility, ballot rules,
 *     the sealed ballot and its receipt in one transaction) by 10 concurrent voters, each a
 *     verified resident casting a first ballot of one to three projects, from its own address
 *     (TRUST_PROXY=1); beside raw node:http reading a form post of the same size. The stored
 *     receipts and ballots are counted after the run: each accepted ballot once, none doubled.
 *  2. The count: 100,000 approval ballots over 100 projects (1 to 5 projects each, popularity
 *     skewed, costs from $10,000 to $500,000 in cents, a budget of a fifth of all costs), counted
 *     by each rule (app/modules/budgets/tally), beside the least any rule must do: one pass
 *     counting approvals.
 * BENCH_SECONDS (default 10) sets the ballots' measurement; BENCH_NODE_ARGS (e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof") profiles the measured server; BENCH_BALLOTS (default 100000) and
 * BENCH_PROJECTS (default 100) the count's size; BENCH_PART=ballots or count runs one part.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tally, type TallyRule } from '~/modules/budgets/tally/tally';
import { freePort } from '../support/server';
import { benchAccounts, csrfPair } from './accounts';
import { benchServerEnv, migrateAndSeed, stop, waitFor } from './processes';
import { printWrites, rawPostLoad, timedWrites } from './writes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
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

/** The demo's city-wide process in voting (prisma/seed-budgets.ts), and every project on its ballot. */
const VOTING = 'city-budget-2027';
/** Enough first-time voters for well over the target rate for SECONDS. */
const VOTERS = 600 * SECONDS;

/** `count` accounts whose residency is verified in a neighborhood of the city, as staff would verify them. */
function verifiedVoters(file: string, count: number) {
  const cookies = benchAccounts(file, count, 'benchvoter');
  const db = new Database(file);
  const hoods = (db.prepare(`SELECT id FROM "Neighborhood" ORDER BY slug`).all() as { id: string }[]).map((r) => r.id);
  const residency = db.prepare(`INSERT INTO "Residency" ("userId", "neighborhoodId", method, "verifiedAt") VALUES (?, ?, 'staff', ?)`);
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < count; i++) residency.run(`benchvoter${i}`, hoods[i % hoods.length], now);
  })();
  const projects = (
    db
      .prepare(
        `SELECT p.id FROM "Proposal" p JOIN "BudgetProcess" b ON b.id = p."processId"
         WHERE b.slug = ? AND p.status = 'published' AND p.feasibility = 'feasible' ORDER BY p.id`,
      )
      .all(VOTING) as { id: string }[]
  ).map((r) => r.id);
  db.close();
  return { cookies, projects };
}

/** What the run stored: receipts (who voted) and sealed ballots (what was chosen), apart. */
function stored(file: string) {
  const db = new Database(file, { readonly: true });
  const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const figures = {
    receipts: one(`SELECT count(*) AS n FROM "BallotReceipt" WHERE "userId" LIKE 'benchvoter%'`),
    voters: one(`SELECT count(DISTINCT "userId") AS n FROM "BallotReceipt" WHERE "userId" LIKE 'benchvoter%'`),
  };
  db.close();
  return figures;
}

/** 1. Ballots cast by 10 concurrent voters through the vote page, beside raw node:http. */
async function ballotBench() {
  const dataDir = mkdtempSync(join(tmpdir(), 'townsquare-bench-budgets-'));
  const file = join(dataDir, 'townsquare.db');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = benchServerEnv(port, dataDir);
  await migrateAndSeed(env, base);
  const { cookies, projects } = verifiedVoters(file, VOTERS);
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const app: ChildProcess = spawn(process.execPath, [...nodeArgs, 'build/server.js'], { env, stdio: 'inherit' });
  try {
    await waitFor(`${base}/healthz`);
    const url = `${base}/budgets/${VOTING}/vote`;
    // One CSRF pair serves every voter (it is bound to the cookie, not to the session), so the
    // setup does not load the page 6,000 times; each voter's page load is not part of the figure.
    const csrf = await csrfPair(url, { Cookie: cookies[0], 'X-Forwarded-For': '10.6.255.255' });
    const ballot = (n: number) => {
      const body = new URLSearchParams({ csrf: csrf.token, version: '0' });
      for (let k = 0; k <= n % 3; k++) body.append('choices', projects[(n + k * 7) % projects.length]);
      return body;
    };
    const before = stored(file);
    const raw = await rawPostLoad(ballot(2).toString().length, SECONDS);
    const cast = await timedWrites(SECONDS, app.pid, (n) =>
      fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          Cookie: `${cookies[n % VOTERS]}; ${csrf.cookie}`,
          Origin: base,
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Forwarded-For': `10.6.${(n >> 8) & 255}.${n & 255}`,
        },
        body: ballot(n),
      }),
    );
    const after = stored(file);
    printWrites(
      `Ballots cast through the vote page (10 concurrent voters, ${SECONDS} s, ${projects.length} projects)`,
      'CPU ms/ballot (main)',
      [
        [`raw node:http, a ${ballot(2).toString().length}-byte form post`, raw],
        ['first ballots of verified residents', cast],
      ],
    );
    console.log(
      `stored: ${after.receipts - before.receipts} receipts of ${after.voters - before.voters} voters for ${Math.round(cast.rps * SECONDS)} accepted ballots`,
    );
  } finally {
    await stop(app);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** 2. The count of 100,000 ballots by each rule, beside one pass counting approvals. */
function countBench() {
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
}

const runs = (part: 'ballots' | 'count') => !process.env.BENCH_PART || process.env.BENCH_PART === part;
if (runs('ballots')) await ballotBench();
if (runs('count')) countBench();
