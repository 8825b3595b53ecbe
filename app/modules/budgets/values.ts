import { z } from 'zod';

/**
 * Participatory budgeting's domain values (docs/decisions/0024-participatory-budgeting.md): the
 * lists (`as const`), their types and zod enums. The database stores the same strings.
 */

/** A process's phases, in the order it moves through them. */
export const PHASES = ['information', 'proposals', 'review', 'voting', 'results', 'implementation'] as const;
export type Phase = (typeof PHASES)[number];
export const PhaseSchema = z.enum(PHASES);

/** approval: choose between min and max projects; knapsack: projects whose costs fit the budget. */
export const VOTING_METHODS = ['approval', 'knapsack'] as const;
export type VotingMethod = (typeof VOTING_METHODS)[number];

/** How the winners are computed at the close (app/modules/budgets/tally). */
export const RULES = ['greedy', 'equal_shares'] as const;
export type Rule = (typeof RULES)[number];

/** city-wide, or the chosen neighborhoods (each with its own amount if given). */
export const SCOPES = ['city', 'neighborhoods'] as const;
export type Scope = (typeof SCOPES)[number];

/** A proposal's review: feasible proposals are the projects of the vote. */
export const FEASIBILITY = ['pending', 'feasible', 'unfeasible'] as const;
export type Feasibility = (typeof FEASIBILITY)[number];

/** published (shown), withdrawn by its author, merged into another; hiding is its thread's moderation. */
export const PROPOSAL_STATUSES = ['published', 'withdrawn', 'merged'] as const;

/** A funded project's progress, as its updates report it. */
export const PROGRESS = ['planned', 'in_progress', 'done'] as const;
export type Progress = (typeof PROGRESS)[number];

/** How a process's proposal list may be sorted. */
export const PROPOSAL_SORTS = ['supports', 'newest', 'cost'] as const;
export type ProposalSort = (typeof PROPOSAL_SORTS)[number];

/** The next phase after `phase`, or null after the last. */
export function nextPhase(phase: string): Phase | null {
  const i = PHASES.indexOf(phase as Phase);
  return i >= 0 && i < PHASES.length - 1 ? PHASES[i + 1] : null;
}
