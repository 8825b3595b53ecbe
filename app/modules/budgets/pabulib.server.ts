import type { Caller } from '~/lib/caller.server';
import { newRowId } from '~/lib/bulk-insert.server';
import { db, isUniqueViolation, transaction } from '~/lib/db.server';
import type { LocalizedText } from '~/lib/i18n';
import { msg } from '~/lib/forms';
import { fail, ok, type Failure, type Result } from '~/lib/result';
import { dateIn, startOfDayIn } from '~/lib/time';
import { audit } from '~/modules/audit/audit.server';
import { fromPlainText, toPlainText } from '~/modules/content/plaintext';
import { getCity } from '~/modules/places/queries.server';
import { countVotes, writeBallots } from './close.server';
import { fractionDigits, isCurrency } from './money';
import { managesBudgets } from './policy';
import { insertProcess } from './processes.server';
import { processBySlug } from './queries.server';
import { pabulibProblem, parsePabulib, toPabulib, type PabulibElection, type PabulibProblem } from './tally/pabulib';
import { tallyRuleNamed } from './tally/tally';
import { PHASES, type Phase } from './values';

/**
 * A process in and out as a Pabulib `.pb` file (docs/decisions/0024-participatory-budgeting.md,
 * section Pabulib). Export: a counted process, one file (city-wide and districts alike: the
 * districts' neighborhoods are a column of the projects and the votes, the META budget is the
 * total). Import: a checked file becomes a closed process (origin pabulib) with its projects and
 * anonymous ballots in one transaction, then counted by its rule as any closed process is.
 */

/** The rules as a process stores them, and as Pabulib names them. */
const PABULIB_RULE: Record<string, string> = { greedy: 'greedy', equal_shares: 'equalshares/add1' };

/** "14.06.2016" (Pabulib's day.month.year; also 3.10.2019) or "2016-06-14", as YYYY-MM-DD; else null. */
export function pabulibDay(text: string | undefined): string | null {
  const value = text?.trim() ?? '';
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const iso = dotted ? `${dotted[3]}-${dotted[2].padStart(2, '0')}-${dotted[1].padStart(2, '0')}` : value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

/** YYYY-MM-DD as Pabulib writes days (14.06.2016). */
function dottedDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** Minor units as the shortest decimal text ("150000", "308298.85"): whole amounts stay whole. */
function decimalText(minor: bigint, digits: number) {
  let units = minor;
  let decimals = digits;
  while (decimals > 0 && units % 10n === 0n) {
    units /= 10n;
    decimals -= 1;
  }
  return { units, decimals };
}

export type PabulibFile = { fileName: string; text: string };

/** The counted process as a .pb file; notFound for no such process, conflict before the count. */
export async function exportPabulib(slug: string): Promise<Result<PabulibFile>> {
  const process = await processBySlug(slug);
  if (!process) return fail.notFound();
  const row = await db().budgetProcess.findUnique({ where: { id: process.id }, select: { countedAt: true, meta: true } });
  if (!process.closedAt || !row?.countedAt) return fail.conflict('budgets:pabulib.notCounted');
  const [city, neighborhoods, proposals, ballots] = await Promise.all([
    getCity(),
    db().neighborhood.findMany({ select: { id: true, slug: true } }),
    db().proposal.findMany({
      where: { processId: process.id, status: 'published', feasibility: 'feasible' },
      // The columns the file's PROJECTS section writes, in the order they were proposed.
      select: { id: true, externalId: true, title: true, cost: true, votes: true, fundedRank: true, neighborhoodId: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
    // Ordered by their random ids: the file's order, like the numbers 1…n, says nothing of who voted when.
    db().ballot.findMany({
      where: { processId: process.id },
      select: { neighborhoodId: true, choices: { select: { proposalId: true } } },
      orderBy: { id: 'asc' },
    }),
  ]);
  const digits = fractionDigits(process.currency);
  const slugOf = new Map(neighborhoods.map((n) => [n.id, n.slug]));
  const projectId = new Map(proposals.map((p) => [p.id, p.externalId ?? p.id]));
  const byDistrict = process.scope === 'neighborhoods';
  const voting = process.phases.find((p) => p.phase === 'voting');
  const imported = (row.meta ?? {}) as Record<string, string>;
  const meta: Record<string, string> = {
    ...imported,
    description: imported.description ?? process.title[city.defaultLocale] ?? process.title.en ?? process.slug,
    unit: imported.unit ?? city.name,
    ...(voting
      ? {
          instance: imported.instance ?? dateIn(new Date(voting.startsAt), city.timeZone).slice(0, 4),
          date_begin: dottedDay(dateIn(new Date(voting.startsAt), city.timeZone)),
          // A phase ends when its last day's next day begins.
          date_end: dottedDay(dateIn(new Date(new Date(voting.endsAt).getTime() - 1), city.timeZone)),
        }
      : {}),
    vote_type: 'approval',
    rule: PABULIB_RULE[process.rule] ?? process.rule,
    currency: process.currency,
  };
  const election: PabulibElection = {
    meta,
    budget: decimalText(BigInt(process.total), digits),
    projectColumns: ['project_id', 'cost', 'votes', 'name', 'selected', ...(byDistrict ? ['neighborhood'] : [])],
    projects: proposals.map((p) => ({
      id: projectId.get(p.id)!,
      cost: decimalText(p.cost, digits),
      name: p.title,
      selected: p.fundedRank !== null,
      fields: { votes: String(p.votes ?? 0), ...(byDistrict ? { neighborhood: slugOf.get(p.neighborhoodId ?? '') ?? '' } : {}) } as Record<
        string,
        string
      >,
    })),
    voteColumns: ['voter_id', 'vote', ...(byDistrict ? ['neighborhood'] : [])],
    votes: ballots.map((b, i) => ({
      voterId: String(i + 1),
      approved: b.choices.flatMap((c) => (projectId.has(c.proposalId) ? [projectId.get(c.proposalId)!] : [])),
      fields: byDistrict ? { neighborhood: slugOf.get(b.neighborhoodId ?? '') ?? '' } : ({} as Record<string, string>),
    })),
  };
  return ok({ fileName: `${process.slug}.pb`, text: toPabulib(election, { voterIds: 'renumber' }) });
}

export type PabulibImportInput = { slug: string; title: LocalizedText; fileName: string; text: string };
/** A file refused for its content: the parser's problems (or ours) by line, nothing stored. */
export type PabulibRejected = { ok: false; code: 'invalid'; problems: PabulibProblem[] };

/** The line of `section` whose first cell is `first` (a META key, a project id), for a problem about it; else 1. */
function lineOf(text: string, first: string, section: 'META' | 'PROJECTS' = 'META'): number {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim().toUpperCase() === section);
  const index = lines.findIndex((line, i) => i > start && line.split(';')[0].trim() === first);
  return index + 1 || 1;
}

/** A META count (min_length…), or null when absent or not a positive whole number. */
function metaCount(value: string | undefined): number | null {
  return value && /^\d{1,6}$/.test(value.trim()) && Number(value) > 0 ? Number(value) : null;
}

/** What the app needs of a parsed file beyond what the parser checks: currency, amounts, dates. */
function readElection(election: PabulibElection, text: string, cityCurrency: string) {
  const problems: PabulibProblem[] = [];
  const given = election.meta.currency?.trim().toUpperCase();
  if (given !== undefined && !isCurrency(given))
    problems.push(pabulibProblem(lineOf(text, 'currency'), 'currency', { value: election.meta.currency! }));
  const currency = given && isCurrency(given) ? given : cityCurrency;
  const digits = fractionDigits(currency);
  const minor = (amount: { units: bigint; decimals: number }) =>
    amount.decimals <= digits ? amount.units * 10n ** BigInt(digits - amount.decimals) : null;
  const total = minor(election.budget);
  if (total === null || total <= 0n) problems.push(pabulibProblem(lineOf(text, 'budget'), 'budgetDecimals', { count: digits, currency }));
  const costs = election.projects.map((p) => minor(p.cost));
  costs.forEach((cost, i) => {
    if (cost === null)
      problems.push(
        pabulibProblem(lineOf(text, election.projects[i].id, 'PROJECTS'), 'costDecimals', {
          id: election.projects[i].id,
          count: digits,
          currency,
        }),
      );
  });
  const begin = pabulibDay(election.meta.date_begin);
  const end = pabulibDay(election.meta.date_end);
  for (const [key, day] of [
    ['date_begin', begin],
    ['date_end', end],
  ] as const)
    if (election.meta[key] !== undefined && day === null)
      problems.push(pabulibProblem(lineOf(text, key), 'badDay', { key, value: election.meta[key] }));
  if (begin && end && end < begin) problems.push(pabulibProblem(lineOf(text, 'date_end'), 'endBeforeBegin'));
  const rule = election.meta.rule === undefined ? 'greedy' : tallyRuleNamed(election.meta.rule);
  if (!rule) problems.push(pabulibProblem(lineOf(text, 'rule'), 'rule', { value: election.meta.rule! }));
  if (problems.length) return { problems: problems.sort((a, b) => a.line - b.line) };
  return {
    currency,
    total: total!,
    costs: costs as bigint[],
    voting: begin ? { begin, end: end ?? begin } : null,
    rule: rule === 'equal-shares' ? 'equal_shares' : 'greedy',
  };
}

/**
 * The six phases of an imported process: the vote on the file's days (else the import day), the
 * phases before it empty at its start, the results from its end to the import day, the
 * implementation empty after them. Days are the city's.
 */
function importedPhases(voting: { begin: string; end: string } | null, now: Date, timeZone: string) {
  const today = dateIn(now, timeZone);
  const begin = startOfDayIn(voting?.begin ?? today, timeZone);
  const end = startOfDayIn(voting?.end ?? today, timeZone, 1);
  const resultsEnd = new Date(Math.max(end.getTime(), startOfDayIn(today, timeZone, 1).getTime()));
  const span: Record<Phase, [Date, Date]> = {
    information: [begin, begin],
    proposals: [begin, begin],
    review: [begin, begin],
    voting: [begin, end],
    results: [end, resultsEnd],
    implementation: [resultsEnd, resultsEnd],
  };
  return PHASES.map((phase) => ({ phase, startsAt: span[phase][0], endsAt: span[phase][1] }));
}

/**
 * Imports a .pb file as a closed process (staff): the process and its channel, its projects as
 * feasible proposals with no author and no thread (the vote is over; nothing to discuss on the
 * forum about a published election), its ballots (source import, no neighborhood), audited, in one
 * transaction; then counted. A malformed file is refused whole with its problems by line.
 */
export async function importPabulib(
  caller: Caller,
  input: PabulibImportInput,
): Promise<Result<{ slug: string; projects: number; votes: number }> | PabulibRejected | Failure> {
  const actor = caller.user;
  if (!actor || !managesBudgets(actor)) return fail.forbidden();
  const parsed = parsePabulib(input.text);
  if (!parsed.ok) return { ok: false, code: 'invalid', problems: parsed.problems };
  const election = parsed.election;
  const city = await getCity();
  const read = readElection(election, input.text, city.currency);
  if ('problems' in read) return { ok: false, code: 'invalid', problems: read.problems };
  const taken = fail.invalid({ slug: msg('budgets:errors.slugTaken') });
  if (await db().budgetProcess.count({ where: { slug: input.slug } })) return taken;

  const now = new Date();
  const description = election.meta.description?.trim();
  const proposalIds = new Map(election.projects.map((p) => [p.id, newRowId()]));
  try {
    const processId = await transaction(async (tx) => {
      const process = await insertProcess(tx, {
        slug: input.slug,
        title: input.title,
        description: description ? { en: description } : input.title,
        currency: read.currency,
        total: read.total,
        scope: 'city',
        votingMethod: 'approval',
        minChoices: metaCount(election.meta.min_length) ?? 1,
        maxChoices: metaCount(election.meta.max_length),
        rule: read.rule,
        createdById: actor.id,
        phases: importedPhases(read.voting, now, city.timeZone),
        imported: { meta: election.meta, closedAt: now },
      });
      await tx.proposal.createMany({
        data: election.projects.map((p, i) => {
          // A project without a name is called by its id, as Pabulib's tools show it.
          const title = (p.name || `#${p.id}`).slice(0, 200);
          const doc = fromPlainText(title);
          return {
            id: proposalIds.get(p.id)!,
            processId: process.id,
            title,
            body: doc as never,
            text: toPlainText(doc),
            cost: read.costs[i],
            status: 'published',
            feasibility: 'feasible',
            externalId: p.id,
          };
        }),
      });
      const ballots = election.votes.map((vote) => ({
        choices: vote.approved.map((project) => proposalIds.get(project)!),
        neighborhoodId: null,
        source: 'import',
      }));
      await writeBallots(tx, process.id, ballots);
      await audit(tx, {
        actorId: actor.id,
        action: 'budget.import',
        targetKind: 'budget',
        targetId: process.id,
        after: {
          slug: input.slug,
          fileName: input.fileName,
          projects: election.projects.length,
          votes: election.votes.length,
          rule: read.rule,
        },
        requestId: caller.requestId,
      });
      return process.id;
    });
    const process = await processBySlug(input.slug);
    if (process?.id === processId) await countVotes(process);
  } catch (error) {
    // The same slug imported at the same moment, or a channel already named budget-<slug>.
    if (isUniqueViolation(error)) return taken;
    throw error;
  }
  return ok({ slug: input.slug, projects: election.projects.length, votes: election.votes.length });
}
