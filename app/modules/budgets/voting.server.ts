import { randomUUID } from 'node:crypto';
import { Prisma } from '~/generated/sqlite/client';
import type { Caller } from '~/lib/caller.server';
import { db, isUniqueViolation } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { msg } from '~/lib/forms';
import { fail, ok, type Result } from '~/lib/result';
import { dateIn } from '~/lib/time';
import { getCity, neighborhoodExists } from '~/modules/places/queries.server';
import { seal, unseal } from '~/modules/surveys/seal.server';
import { ballotProblem } from './ballot';
import { districtOf, districtsOf } from './districts';
import { eligibleNeighborhood } from './eligibility/eligibility.server';
import { managesBudgets } from './policy';
import { listProposals } from './proposal-queries.server';
import type { ProcessDetail } from './queries.server';

/**
 * Casting ballots (docs/decisions/0024-participatory-budgeting.md). A person's ballot is their
 * receipt's sealed choices: one receipt per person and process, re-sealed on every change and
 * carrying a version, so two submissions built on the same ballot make one change and one 409.
 * Nothing readable pairs the person with their choices; the close opens and separates them.
 */

/**
 * What a ballot of a voter of `neighborhoodId` is checked against: the ids and costs of the
 * projects on it (the feasible, shown proposals of their district) and the district's budget. One
 * statement: every ballot cast pays it.
 */
async function ballotLimits(process: ProcessDetail, neighborhoodId: string | null) {
  const district = districtOf(process, neighborhoodId);
  const budget = districtsOf(process).find((d) => d.key === district)?.budget ?? 0n;
  const rows = await db().$queryRaw<{ id: string; cost: bigint | number | string; neighborhoodId: string | null }[]>`
    SELECT p."id", p."cost", p."neighborhoodId" FROM "Proposal" p LEFT JOIN "Thread" t ON t."id" = p."threadId"
    WHERE p."processId" = ${process.id} AND p."status" = 'published' AND p."feasibility" = 'feasible'
      AND (p."threadId" IS NULL OR (t."id" IS NOT NULL AND t."hiddenAt" IS NULL AND t."deletedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "Post" o WHERE o."threadId" = t."id" AND o."isOpening" = true AND o."hiddenAt" IS NOT NULL)))`;
  const projects = rows
    .filter((r) => districtOf(process, r.neighborhoodId) === district)
    .map((r) => ({ id: r.id, cost: BigInt(r.cost).toString() }));
  return { district, budget, projects };
}

/** The projects a voter of `neighborhoodId` chooses from, as the ballot page shows them, and the district's budget. */
export async function ballotFor(process: ProcessDetail, neighborhoodId: string | null) {
  const [{ district, budget, projects: onBallot }, proposals] = await Promise.all([
    ballotLimits(process, neighborhoodId),
    listProposals(process.id, { sort: 'title' }, true),
  ]);
  const ids = new Set(onBallot.map((p) => p.id));
  const projects = proposals
    .filter((p) => ids.has(p.id))
    .map((p) => ({ id: p.id, title: p.title, cost: p.cost, neighborhood: p.neighborhood, category: p.category }));
  return { district, budget, projects };
}

/** The voter's ballot as it stands: its choices and version (0 and none before the first). */
export async function currentBallot(processId: string, userId: string): Promise<{ version: number; choices: string[] }> {
  const receipt = await db().ballotReceipt.findUnique({
    where: { processId_userId: { processId, userId } },
    select: { version: true, sealed: true },
  });
  if (!receipt?.sealed) return { version: receipt?.version ?? 0, choices: [] };
  return { version: receipt.version, choices: unseal<string[]>(receipt.sealed) ?? [] };
}

/**
 * "The process is still voting", as a condition of a ballot's one statement. On PostgreSQL it
 * also takes a share lock on the process row: the close updates that row before it reads the
 * receipts, so a ballot either commits before the close reads (and is opened with the others) or
 * waits for the close and then finds voting over. SQLite runs one write at a time.
 */
function whileVoting(processId: string) {
  const lock = getEnv().engine === 'postgres' ? Prisma.sql`FOR SHARE` : Prisma.empty;
  return Prisma.sql`SELECT "id" FROM "BudgetProcess" WHERE "id" = ${processId} AND "phase" = 'voting' ${lock}`;
}

type NewReceipt = { userId: string | null; source: 'web' | 'paper'; recordedById: string | null; neighborhoodId: string; sealed: string };

/** A first ballot's receipt, written only while the process is voting; false once it is not. */
async function insertReceipt(process: ProcessDetail, receipt: NewReceipt): Promise<boolean> {
  const { timeZone } = await getCity();
  const written = await db().$executeRaw`
    INSERT INTO "BallotReceipt" ("id", "processId", "userId", "source", "recordedById", "neighborhoodId", "votedOn", "sealed", "version")
    SELECT ${randomUUID()}, v."id", ${receipt.userId}, ${receipt.source}, ${receipt.recordedById}, ${receipt.neighborhoodId},
      ${dateIn(new Date(), timeZone)}, ${receipt.sealed}, 1
    FROM (${whileVoting(process.id)}) v`;
  return written === 1;
}

/**
 * A resident's ballot, new or changed, while voting is open and they are eligible. One statement
 * writes it (a ballot is the hottest write of a vote: docs/decisions/0026-raw-sql-ballots-and-sessions.md).
 */
export async function castBallot(caller: Caller, process: ProcessDetail, input: { choices: string[]; version: number }): Promise<Result> {
  const actor = caller.user;
  if (!actor || actor.status !== 'active' || process.phase !== 'voting') return fail.forbidden();
  const neighborhoodId = await eligibleNeighborhood(actor.id, process);
  if (!neighborhoodId) return fail.forbidden();
  const { budget, projects } = await ballotLimits(process, neighborhoodId);
  const problem = ballotProblem(process, projects, budget, input.choices);
  if (problem) return fail.invalid({ choices: problem });
  const sealed = seal([...input.choices].sort());
  if (input.version === 0) {
    try {
      const written = await insertReceipt(process, { userId: actor.id, source: 'web', recordedById: null, neighborhoodId, sealed });
      return written ? ok() : fail.conflict('budgets:errors.votingClosed');
    } catch (error) {
      // A first ballot sent twice at once: one receipt, and the other submission is told.
      if (isUniqueViolation(error)) return fail.conflict('budgets:errors.ballotChanged');
      throw error;
    }
  }
  const { timeZone } = await getCity();
  const moved = await db().$executeRaw`
    UPDATE "BallotReceipt" SET "sealed" = ${sealed}, "version" = "version" + 1, "votedOn" = ${dateIn(new Date(), timeZone)}
    WHERE "processId" = ${process.id} AND "userId" = ${actor.id} AND "version" = ${input.version}
      AND EXISTS (${whileVoting(process.id)})`;
  if (moved === 1) return ok();
  const open = await db().budgetProcess.count({ where: { id: process.id, phase: 'voting' } });
  return fail.conflict(open ? 'budgets:errors.ballotChanged' : 'budgets:errors.votingClosed');
}

/** A paper ballot typed in by staff for a voter of one of the process's neighborhoods (no account). */
export async function castPaperBallot(
  caller: Caller,
  process: ProcessDetail,
  input: { neighborhoodId: string; choices: string[] },
): Promise<Result> {
  const actor = caller.user;
  if (!actor || !managesBudgets(actor)) return fail.forbidden();
  if (process.phase !== 'voting') return fail.conflict('budgets:errors.votingClosed');
  const inScope =
    process.scope === 'city' ? await neighborhoodExists(input.neighborhoodId) : process.scopes.some((s) => s.id === input.neighborhoodId);
  if (!inScope) return fail.invalid({ neighborhoodId: msg('forms:choose') });
  const { budget, projects } = await ballotLimits(process, input.neighborhoodId);
  const problem = ballotProblem(process, projects, budget, input.choices);
  if (problem) return fail.invalid({ choices: problem });
  const written = await insertReceipt(process, {
    userId: null,
    source: 'paper',
    recordedById: actor.id,
    neighborhoodId: input.neighborhoodId,
    sealed: seal([...input.choices].sort()),
  });
  return written ? ok() : fail.conflict('budgets:errors.votingClosed');
}

/** Turnout while voting is open (receipts only: no choice is readable before the close). */
export async function turnout(processId: string) {
  const rows = await db().ballotReceipt.groupBy({ by: ['source'], where: { processId }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.source, r._count._all])) as Record<string, number>;
}
