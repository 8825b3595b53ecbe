import type { Prisma } from '~/generated/sqlite/client';
import type { Caller } from '~/lib/caller.server';
import { db, isUniqueViolation, transaction, type Tx } from '~/lib/db.server';
import type { LocalizedText } from '~/lib/i18n';
import { msg } from '~/lib/forms';
import { fail, ok, type Failure, type Result } from '~/lib/result';
import { dateIn, startOfDayIn } from '~/lib/time';
import { audit } from '~/modules/audit/audit.server';
import { getCity } from '~/modules/places/queries.server';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { parseAmount } from './money';
import { managesBudgets } from './policy';
import { countVotes, openBallots, unreadableBallots } from './close.server';
import type { ProcessDetail } from './queries.server';
import type { ProcessInput } from './schemas';
import { nextPhase, PHASES, type Phase } from './values';

/**
 * Creating a participatory budget process and moving it through its phases
 * (docs/decisions/0024-participatory-budgeting.md). A process is made with its forum channel,
 * phase dates, scope and categories in one transaction; each phase move is audited.
 */

/** How long each phase lasts in the dates a new process's form suggests (staff change them). */
const SUGGESTED_DAYS: Record<Phase, number> = { information: 14, proposals: 28, review: 14, voting: 14, results: 7, implementation: 365 };

/** Back-to-back phase dates from today in the city's zone, as the new-process form's first values. */
export function suggestedPhaseDates(now: Date, timeZone: string): Record<Phase, { starts: string; ends: string }> {
  const [y, m, d] = dateIn(now, timeZone).split('-').map(Number);
  const day = (offset: number) => new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
  let offset = 0;
  const dates = {} as Record<Phase, { starts: string; ends: string }>;
  for (const phase of PHASES) {
    dates[phase] = { starts: day(offset), ends: day(offset + SUGGESTED_DAYS[phase] - 1) };
    offset += SUGGESTED_DAYS[phase];
  }
  return dates;
}

type Checked = {
  total: bigint;
  phases: { phase: Phase; startsAt: Date; endsAt: Date }[];
  scopes: { neighborhoodId: string; amount: bigint | null }[];
};

/** What the form cannot say by itself: amounts, phase order, neighborhoods and ballot sizes. */
async function check(input: ProcessInput, timeZone: string): Promise<Checked | Failure> {
  const total = parseAmount(input.total, input.currency);
  if (total === null || total <= 0n) return fail.invalid({ total: msg('budgets:errors.amount') });
  const phases = PHASES.map((phase) => ({
    phase,
    startsAt: startOfDayIn(input.phases[phase].starts, timeZone),
    // The last day is included: the phase ends when the next day begins.
    endsAt: startOfDayIn(input.phases[phase].ends, timeZone, 1),
  }));
  for (const [i, p] of phases.entries()) {
    if (p.endsAt <= p.startsAt) return fail.invalid({ [`phases.${p.phase}.ends`]: msg('budgets:errors.phaseEnds') });
    if (i > 0 && p.startsAt < phases[i - 1].endsAt) return fail.invalid({ [`phases.${p.phase}.starts`]: msg('budgets:errors.phaseOrder') });
  }
  if (input.votingMethod === 'approval' && input.maxChoices !== undefined && input.maxChoices < (input.minChoices ?? 1))
    return fail.invalid({ maxChoices: msg('budgets:errors.maxBelowMin') });
  const scopes: Checked['scopes'] = [];
  if (input.scope === 'neighborhoods') {
    const ids = [...new Set(input.neighborhoods)];
    if (!ids.length) return fail.invalid({ neighborhoods: msg('budgets:errors.chooseNeighborhoods') });
    const known = await db().neighborhood.count({ where: { id: { in: ids } } });
    if (known !== ids.length) return fail.invalid({ neighborhoods: msg('forms:choose') });
    for (const id of ids) {
      const text = input.amounts?.[id];
      const amount = text ? parseAmount(text, input.currency) : null;
      if (text && (amount === null || amount <= 0n || amount > total))
        return fail.invalid({ [`amounts.${id}`]: msg('budgets:errors.scopeAmount') });
      scopes.push({ neighborhoodId: id, amount });
    }
  }
  return { total, phases, scopes };
}

/** What insertProcess writes: a process as staff describe it, or as an imported file gives it. */
export type NewProcess = Pick<
  Prisma.BudgetProcessUncheckedCreateInput,
  'slug' | 'currency' | 'scope' | 'votingMethod' | 'minChoices' | 'maxChoices' | 'rule' | 'createdById'
> & {
  slug: string;
  total: bigint;
  title: LocalizedText;
  description: LocalizedText;
  phases: { phase: Phase; startsAt: Date; endsAt: Date }[];
  scopes?: { neighborhoodId: string; amount: bigint | null }[];
  categories?: LocalizedText[];
  /** An imported process: closed, in its results phase, with the file's META. */
  imported?: { meta: Record<string, string>; closedAt: Date };
};

/**
 * A process and its forum channel (`budget-<slug>`, public), in the caller's transaction: the
 * form's new process and the Pabulib import are both made here. A taken slug throws a unique
 * violation (isUniqueViolation).
 */
export async function insertProcess(tx: Tx, data: NewProcess): Promise<{ id: string }> {
  const { title, description, phases, scopes = [], categories = [], imported, ...columns } = data;
  const texts = { name: title as never, description: description as never };
  const channel = await tx.channel.create({
    data: { slug: `budget-${data.slug}`, kind: 'budget', ...texts, visibility: 'public' },
    select: { id: true },
  });
  return tx.budgetProcess.create({
    data: {
      ...columns,
      title: title as never,
      description: description as never,
      channelId: channel.id,
      phases: { create: phases },
      scopes: { create: scopes },
      categories: { create: categories.map((name, position) => ({ name: name as never, position })) },
      ...(imported ? { origin: 'pabulib', phase: 'results', meta: imported.meta, closedAt: imported.closedAt } : {}),
    },
    select: { id: true },
  });
}

export async function createProcess(caller: Caller, input: ProcessInput): Promise<Result<{ slug: string }>> {
  const actor = caller.user;
  if (!actor || !managesBudgets(actor)) return fail.forbidden();
  const { timeZone } = await getCity();
  const checked = await check(input, timeZone);
  if ('ok' in checked) return checked;
  const taken = fail.invalid({ slug: msg('budgets:errors.slugTaken') });
  if (await db().budgetProcess.count({ where: { slug: input.slug } })) return taken;
  try {
    return await transaction(async (tx) => {
      const process = await insertProcess(tx, {
        slug: input.slug,
        title: input.title,
        description: input.description,
        currency: input.currency,
        total: checked.total,
        scope: input.scope,
        votingMethod: input.votingMethod,
        minChoices: input.votingMethod === 'approval' ? (input.minChoices ?? 1) : 1,
        maxChoices: input.votingMethod === 'approval' ? (input.maxChoices ?? null) : null,
        rule: input.rule,
        createdById: actor.id,
        phases: checked.phases,
        scopes: checked.scopes,
        categories: input.categories,
      });
      await audit(tx, {
        actorId: actor.id,
        action: 'budget.create',
        targetKind: 'budget',
        targetId: process.id,
        after: { slug: input.slug, currency: input.currency, total: checked.total.toString(), scope: input.scope, rule: input.rule },
        requestId: caller.requestId,
      });
      return ok({ slug: input.slug });
    });
  } catch (error) {
    // The same name made at the same moment, or a channel already named budget-<slug>.
    if (isUniqueViolation(error)) return taken;
    throw error;
  }
}

/**
 * Moves a process from `from` to the phase after it; a page built on another phase is refused
 * (409), so two staff pressing at once move it once. Closing the vote (voting → results) opens
 * the ballots in the same transaction and counts them once it commits (close.server.ts).
 */
export async function advancePhase(caller: Caller, process: ProcessDetail, from: Phase): Promise<Result<{ phase: Phase }>> {
  const actor = caller.user;
  if (!actor || !managesBudgets(actor)) return fail.forbidden();
  const to = nextPhase(from);
  if (!to) return fail.conflict('budgets:errors.lastPhase');
  const closing = from === 'voting';
  if (closing && (await unreadableBallots(process.id))) return fail.conflict('budgets:errors.unreadableBallots');
  const moved = await transaction(async (tx) => {
    const moved = await tx.budgetProcess.updateMany({ where: { id: process.id, phase: from }, data: { phase: to } });
    if (moved.count !== 1) return fail.conflict('budgets:errors.phaseMoved');
    const ballots = closing ? await openBallots(tx, process.id, new Date()) : undefined;
    await audit(tx, {
      actorId: actor.id,
      action: 'budget.phase',
      targetKind: 'budget',
      targetId: process.id,
      before: { phase: from },
      after: { phase: to, ...(ballots === undefined ? {} : { ballots }) },
      requestId: caller.requestId,
    });
    await publishAfterCommit(tx, [{ room: `budget:${process.id}`, type: 'budget.phase', payload: { phase: to } }]);
    return ok({ phase: to });
  });
  // Counting may take seconds for a big city: after the close commits, so ballots are never held
  // up; a count cut short (a crash) is made again by the results page (ensureCounted).
  if (moved.ok && closing) await countVotes(process);
  return moved;
}
