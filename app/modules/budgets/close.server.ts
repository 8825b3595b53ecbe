import { randomInt, randomUUID } from 'node:crypto';
import { bulkInsert } from '~/lib/bulk-insert.server';
import { db, transaction, type Tx } from '~/lib/db.server';
import { unseal } from '~/modules/surveys/seal.server';
import { districtOf, districtsOf } from './districts';
import { fractionDigits } from './money';
import type { ProcessDetail } from './queries.server';
import { tally, tallyRuleNamed } from './tally/tally';

/**
 * The close of a vote and its count (docs/decisions/0024-participatory-budgeting.md). Closing opens
 * every sealed ballot, shuffles them and writes them as Ballot and BallotChoice rows that name no
 * voter, no receipt and no time, then empties the receipts' seals: from then on the receipts say
 * who voted and the ballots what was chosen, with nothing to join them. The count runs the
 * process's rule per district and writes each project's votes and funded rank.
 */

/** Whether every sealed ballot of the process opens (a changed SESSION_SECRET would make them unreadable). */
export async function unreadableBallots(processId: string): Promise<number> {
  const receipts = await db().ballotReceipt.findMany({ where: { processId, sealed: { not: null } }, select: { sealed: true } });
  return receipts.filter((r) => unseal<string[]>(r.sealed!) === null).length;
}

/**
 * Counted ballots of a process as Ballot and BallotChoice rows, in the order given, each under a
 * random id (the close's opened ballots, an imported file's votes), in the caller's transaction.
 */
export async function writeBallots(
  tx: Tx,
  processId: string,
  ballots: readonly { choices: readonly string[]; neighborhoodId: string | null; source: string }[],
): Promise<void> {
  const ballotRows: unknown[][] = [];
  const choiceRows: unknown[][] = [];
  // Written in the order of their random ids, which is as random as any other order and fills
  // the tables' indexes front to back (random-order inserts made the close of a big vote 3× slower).
  const named = ballots.map((ballot) => ({ id: randomUUID(), ballot })).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const { id, ballot } of named) {
    ballotRows.push([id, processId, ballot.neighborhoodId, ballot.source]);
    for (const proposalId of [...ballot.choices].sort()) choiceRows.push([id, proposalId]);
  }
  await bulkInsert(
    tx,
    'Ballot',
    [
      ['id', 'text'],
      ['processId', 'text'],
      ['neighborhoodId', 'text'],
      ['source', 'text'],
    ],
    ballotRows,
  );
  await bulkInsert(
    tx,
    'BallotChoice',
    [
      ['ballotId', 'text'],
      ['proposalId', 'text'],
    ],
    choiceRows,
  );
}

/** In the phase move's transaction: opens, shuffles and writes the ballots, and empties the seals. */
export async function openBallots(tx: Tx, processId: string, now: Date): Promise<number> {
  const receipts = await tx.ballotReceipt.findMany({
    where: { processId, sealed: { not: null } },
    select: { sealed: true, neighborhoodId: true, source: true },
  });
  const ballots = receipts.map((r) => ({ choices: unseal<string[]>(r.sealed!) ?? [], neighborhoodId: r.neighborhoodId, source: r.source }));
  // Fisher–Yates with a cryptographic source: the stored order says nothing of the voting order.
  for (let i = ballots.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [ballots[i], ballots[j]] = [ballots[j], ballots[i]];
  }
  await writeBallots(tx, processId, ballots);
  await tx.ballotReceipt.updateMany({ where: { processId }, data: { sealed: null } });
  await tx.budgetProcess.update({ where: { id: processId }, data: { closedAt: now }, select: { id: true } });
  return ballots.length;
}

/**
 * Counts a closed process: per district, its projects (the feasible proposals of that district)
 * and its ballots, by the process's rule in exact arithmetic; writes every project's votes and the
 * funded ones' rank, and when it was counted. Running it again gives the same result.
 */
export async function countVotes(process: ProcessDetail): Promise<void> {
  const rule = tallyRuleNamed(process.rule);
  if (!rule) throw new Error(`unknown rule ${process.rule}`);
  const [projects, ballots, choices] = await Promise.all([
    db().proposal.findMany({
      where: { processId: process.id, status: 'published', feasibility: 'feasible' },
      select: { id: true, cost: true, neighborhoodId: true, externalId: true },
    }),
    db().ballot.findMany({ where: { processId: process.id }, select: { id: true, neighborhoodId: true } }),
    // Raw SQL: a big city's vote has hundreds of thousands of choices, and Prisma's model query
    // spends several times the database's time on each row it maps.
    db().$queryRaw<{ ballotId: string; proposalId: string }[]>`
      SELECT c."ballotId", c."proposalId" FROM "BallotChoice" c JOIN "Ballot" b ON b."id" = c."ballotId" WHERE b."processId" = ${process.id}`,
  ]);
  const chosen = new Map<string, string[]>();
  for (const c of choices) {
    const list = chosen.get(c.ballotId);
    if (list) list.push(c.proposalId);
    else chosen.set(c.ballotId, [c.proposalId]);
  }
  const votes = new Map<string, number>();
  for (const c of choices) votes.set(c.proposalId, (votes.get(c.proposalId) ?? 0) + 1);
  const currencyUnit = 10n ** BigInt(fractionDigits(process.currency));
  const ranks = new Map<string, number>();
  for (const district of districtsOf(process)) {
    const own = projects.filter((p) => districtOf(process, p.neighborhoodId) === district.key);
    const ids = new Set(own.map((p) => p.id));
    const districtBallots = ballots
      .filter((b) => districtOf(process, b.neighborhoodId) === district.key)
      .map((b) => (chosen.get(b.id) ?? []).filter((id) => ids.has(id)));
    // Ties break on the project id: an imported process's are the file's, so it replays as published.
    const tallyId = new Map(own.map((p) => [p.id, p.externalId ?? p.id]));
    const proposalOf = new Map(own.map((p) => [p.externalId ?? p.id, p.id]));
    const funded = tally(
      {
        budget: district.budget,
        projects: own.map((p) => ({ id: tallyId.get(p.id)!, cost: p.cost })),
        ballots: districtBallots.map((choices) => choices.map((id) => tallyId.get(id)!)),
        currencyUnit,
      },
      rule,
    );
    funded.forEach((id, i) => ranks.set(proposalOf.get(id)!, i + 1));
  }
  await transaction(async (tx) => {
    for (const p of projects) {
      await tx.proposal.update({
        where: { id: p.id },
        data: { votes: votes.get(p.id) ?? 0, fundedRank: ranks.get(p.id) ?? null },
        select: { id: true },
      });
    }
    await tx.budgetProcess.update({ where: { id: process.id }, data: { countedAt: new Date() }, select: { id: true } });
  });
}

/** A closed process's count, made now if the close's count never finished (a crash between the two). */
export async function ensureCounted(process: ProcessDetail): Promise<boolean> {
  if (!process.closedAt) return false;
  // The page's own read says whether it was counted: no second query on every load.
  if (!process.countedAt) await countVotes(process);
  return true;
}
