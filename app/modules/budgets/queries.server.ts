import { LRUCache } from 'lru-cache';
import { db } from '~/lib/db.server';
import { dialect } from '~/lib/dialect/index.server';
import type { LocalizedText } from '~/lib/i18n';
import { PHASES, type Phase } from './values';

/**
 * Reading participatory budget processes for their pages (docs/decisions/0024-participatory-budgeting.md).
 * Amounts leave as decimal strings of minor units (JSON has no bigint); pages format them with money.ts.
 */

const processSelect = {
  id: true,
  slug: true,
  title: true,
  description: true,
  currency: true,
  total: true,
  scope: true,
  votingMethod: true,
  minChoices: true,
  maxChoices: true,
  rule: true,
  phase: true,
  closedAt: true,
  countedAt: true,
  origin: true,
} as const;

export type ProcessSummary = {
  id: string;
  slug: string;
  title: LocalizedText;
  description: LocalizedText;
  currency: string;
  total: string;
  scope: string;
  votingMethod: string;
  minChoices: number;
  maxChoices: number | null;
  rule: string;
  phase: Phase;
  closedAt: string | null;
  countedAt: string | null;
  origin: string;
  channelSlug: string;
};

type ProcessRow = {
  id: string;
  slug: string;
  title: unknown;
  description: unknown;
  currency: string;
  total: bigint;
  scope: string;
  votingMethod: string;
  minChoices: number;
  maxChoices: number | null;
  rule: string;
  phase: string;
  closedAt: Date | null;
  countedAt: Date | null;
  origin: string;
};

function summary(row: ProcessRow): ProcessSummary {
  return {
    ...row,
    title: row.title as LocalizedText,
    description: row.description as LocalizedText,
    total: row.total.toString(),
    phase: row.phase as Phase,
    closedAt: row.closedAt?.toISOString() ?? null,
    countedAt: row.countedAt?.toISOString() ?? null,
    // Every process's forum is named after it (processes.server.ts).
    channelSlug: `budget-${row.slug}`,
  };
}

/** Every process, newest first, with its proposal count (processes are public: /budgets and staff's list). */
export async function listProcesses() {
  const rows = await db().budgetProcess.findMany({
    select: { ...processSelect, _count: { select: { proposals: { where: { status: 'published' } }, receipts: true } } },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
  return rows.map((row) => ({ ...summary(row), proposalCount: row._count.proposals, voterCount: row._count.receipts }));
}

/** A process with its timeline, scope and categories, as stored. */
async function readProcess(slug: string) {
  const row = await db().budgetProcess.findUnique({
    where: { slug },
    select: {
      ...processSelect,
      updatedAt: true,
      phases: { select: { phase: true, startsAt: true, endsAt: true } },
      scopes: { select: { amount: true, neighborhood: { select: { id: true, slug: true, name: true } } } },
      categories: { select: { id: true, name: true }, orderBy: { position: 'asc' } },
    },
  });
  if (!row) return null;
  const { updatedAt, ...process } = row;
  return {
    updatedAt,
    detail: {
      ...summary(process),
      // Timeline order is the phase order, whatever the storage order.
      phases: [...row.phases]
        .sort((a, b) => PHASES.indexOf(a.phase as Phase) - PHASES.indexOf(b.phase as Phase))
        .map((p) => ({ phase: p.phase as Phase, startsAt: p.startsAt.toISOString(), endsAt: p.endsAt.toISOString() })),
      scopes: row.scopes
        .map((s) => ({ ...s.neighborhood, name: s.neighborhood.name as LocalizedText, amount: s.amount?.toString() ?? null }))
        .sort((a, b) => a.slug.localeCompare(b.slug)),
      categories: row.categories.map((c) => ({ id: c.id, name: c.name as LocalizedText })),
    },
  };
}
type Read = NonNullable<Awaited<ReturnType<typeof readProcess>>>;

/**
 * Processes as last read, by slug: every page and every ballot of a process reads it, with its
 * timeline, scope and categories (four queries). Each use still reads, in one statement, the
 * columns that move without an edit (phase, close, count) and updatedAt, which moves with every
 * change of the process row; the rest is kept until then. A process is kept only once it has not
 * changed for a second, since two changes in one millisecond would share an updatedAt (as surveys,
 * docs/decisions/0022-raw-sql-on-hot-writes.md). Timeline, scope and categories are written with
 * the process and never changed apart from it.
 */
const kept = new LRUCache<string, Read>({ max: 200 });
const SETTLED_MS = 1000;

type Moving = { id: string; phase: string; closedAt: Date | string | null; countedAt: Date | string | null; updatedAt: Date | string };

/** A process with its timeline, scope and categories, or null. */
export async function processBySlug(slug: string) {
  if (slug.length > 60) return null;
  const [now] = await db().$queryRaw<Moving[]>`
    SELECT "id", "phase", "closedAt", "countedAt", "updatedAt" FROM "BudgetProcess" WHERE "slug" = ${slug}`;
  if (!now) return null;
  const { toDate } = dialect();
  const last = kept.get(slug);
  if (last && last.detail.id === now.id && last.updatedAt.getTime() === toDate(now.updatedAt).getTime())
    return {
      ...last.detail,
      phase: now.phase as Phase,
      closedAt: now.closedAt === null ? null : toDate(now.closedAt).toISOString(),
      countedAt: now.countedAt === null ? null : toDate(now.countedAt).toISOString(),
    };
  const read = await readProcess(slug);
  if (!read) return null;
  if (Date.now() - read.updatedAt.getTime() > SETTLED_MS) kept.set(slug, read);
  return read.detail;
}
export type ProcessDetail = NonNullable<Awaited<ReturnType<typeof processBySlug>>>;

/** A counted process's results: every project with its votes, the funded ones first in their order, and the turnout. */
export async function processResults(processId: string) {
  const [projects, groups, neighborhoods] = await Promise.all([
    db().proposal.findMany({
      where: { processId, status: 'published', feasibility: 'feasible' },
      select: { id: true, title: true, cost: true, votes: true, fundedRank: true, neighborhood: { select: { name: true } } },
    }),
    db().ballot.groupBy({ by: ['neighborhoodId', 'source'], where: { processId }, _count: { _all: true } }),
    db().neighborhood.findMany({ select: { id: true, slug: true, name: true } }),
  ]);
  const ballots = groups.reduce((sum, g) => sum + g._count._all, 0);
  const hood = new Map(neighborhoods.map((n) => [n.id, n]));
  // Turnout by neighborhood (in slug order, then ballots of no neighborhood) and source.
  const turnout = groups
    .map((g) => ({
      neighborhood: g.neighborhoodId ? ((hood.get(g.neighborhoodId)?.name as LocalizedText | undefined) ?? null) : null,
      slug: g.neighborhoodId ? (hood.get(g.neighborhoodId)?.slug ?? '') : '~',
      source: g.source,
      ballots: g._count._all,
    }))
    .sort((a, b) => a.slug.localeCompare(b.slug) || a.source.localeCompare(b.source))
    .map(({ slug: _slug, ...row }) => row);
  const rows = projects.map((p) => ({
    id: p.id,
    title: p.title,
    cost: p.cost.toString(),
    votes: p.votes ?? 0,
    fundedRank: p.fundedRank,
    neighborhood: (p.neighborhood?.name as LocalizedText | undefined) ?? null,
  }));
  // Funded first, in the order the rule chose them; then the others by votes.
  rows.sort((a, b) => (a.fundedRank ?? Infinity) - (b.fundedRank ?? Infinity) || b.votes - a.votes || a.title.localeCompare(b.title));
  const spent = projects.filter((p) => p.fundedRank !== null).reduce((sum, p) => sum + p.cost, 0n);
  return { projects: rows, ballots, turnout, spent: spent.toString() };
}
