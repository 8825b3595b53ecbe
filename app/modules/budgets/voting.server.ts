import type { Caller } from '~/lib/caller.server';
import { db, isUniqueViolation, transaction } from '~/lib/db.server';
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

/** The projects a voter of `neighborhoodId` chooses from (feasible, shown proposals of their district) and the district's budget. */
export async function ballotFor(process: ProcessDetail, neighborhoodId: string | null) {
  const district = districtOf(process, neighborhoodId);
  const budget = districtsOf(process).find((d) => d.key === district)?.budget ?? 0n;
  const projects = (await listProposals(process.id, { sort: 'title' }, true))
    .filter((p) => districtOf(process, p.neighborhoodId) === district)
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

/** A resident's ballot, new or changed, while voting is open and they are eligible. */
export async function castBallot(caller: Caller, process: ProcessDetail, input: { choices: string[]; version: number }): Promise<Result> {
  const actor = caller.user;
  if (!actor || actor.status !== 'active' || process.phase !== 'voting') return fail.forbidden();
  const neighborhoodId = await eligibleNeighborhood(actor.id, process);
  if (!neighborhoodId) return fail.forbidden();
  const { budget, projects } = await ballotFor(process, neighborhoodId);
  const problem = ballotProblem(process, projects, budget, input.choices);
  if (problem) return fail.invalid({ choices: problem });
  const { timeZone } = await getCity();
  const sealed = seal([...input.choices].sort());
  try {
    return await transaction(async (tx) => {
      // The phase is read again in the transaction: a close committed meanwhile refuses the ballot.
      const open = await tx.budgetProcess.count({ where: { id: process.id, phase: 'voting' } });
      if (!open) return fail.conflict('budgets:errors.votingClosed');
      if (input.version === 0) {
        await tx.ballotReceipt.create({
          data: { processId: process.id, userId: actor.id, source: 'web', neighborhoodId, votedOn: dateIn(new Date(), timeZone), sealed },
          select: { id: true },
        });
        return ok();
      }
      const moved = await tx.ballotReceipt.updateMany({
        where: { processId: process.id, userId: actor.id, version: input.version },
        data: { sealed, version: { increment: 1 }, votedOn: dateIn(new Date(), timeZone) },
      });
      return moved.count === 1 ? ok() : fail.conflict('budgets:errors.ballotChanged');
    });
  } catch (error) {
    // A first ballot sent twice at once: one receipt, and the other submission is told.
    if (isUniqueViolation(error)) return fail.conflict('budgets:errors.ballotChanged');
    throw error;
  }
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
  const { budget, projects } = await ballotFor(process, input.neighborhoodId);
  const problem = ballotProblem(process, projects, budget, input.choices);
  if (problem) return fail.invalid({ choices: problem });
  const { timeZone } = await getCity();
  return transaction(async (tx) => {
    const open = await tx.budgetProcess.count({ where: { id: process.id, phase: 'voting' } });
    if (!open) return fail.conflict('budgets:errors.votingClosed');
    await tx.ballotReceipt.create({
      data: {
        processId: process.id,
        userId: null,
        source: 'paper',
        recordedById: actor.id,
        neighborhoodId: input.neighborhoodId,
        votedOn: dateIn(new Date(), timeZone),
        sealed: seal([...input.choices].sort()),
      },
      select: { id: true },
    });
    return ok();
  });
}

/** Turnout while voting is open (receipts only: no choice is readable before the close). */
export async function turnout(processId: string) {
  const rows = await db().ballotReceipt.groupBy({ by: ['source'], where: { processId }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.source, r._count._all])) as Record<string, number>;
}
