import { can, type Actor } from '~/modules/identity/policy';
import type { Phase } from './values';

/**
 * Who may do what in participatory budgeting (docs/decisions/0024-participatory-budgeting.md):
 * pure functions of the actor and the process's current phase, so the rules read as a table of
 * action × actor × phase. Route guards and use cases both ask here.
 */

type Resident = Actor & { status?: string; emailVerifiedAt?: Date | string | null };

/** Staff and admins run processes: create them, move their phases, review, count paper ballots. */
export function managesBudgets(actor: Actor): boolean {
  return can(actor, 'manage:budget');
}

/** Writing anything needs an active account with a confirmed e-mail (as posting in the forum does). */
function active(actor: Resident): boolean {
  return !!actor && actor.status === 'active' && !!actor.emailVerifiedAt;
}

/** Residents submit proposals during the proposals phase. */
export function mayPropose(actor: Resident, phase: Phase): boolean {
  return active(actor) && phase === 'proposals';
}

/** Authors change or withdraw their published proposal until the proposals phase ends. */
export function mayEditProposal(actor: Resident, proposal: { authorId: string | null; status: string }, phase: Phase): boolean {
  return active(actor) && !!actor && proposal.authorId === actor.id && proposal.status === 'published' && phase === 'proposals';
}

/** Residents support published proposals during the proposals phase (and may take it back then). */
export function maySupport(actor: Resident, proposal: { status: string }, phase: Phase): boolean {
  return active(actor) && proposal.status === 'published' && phase === 'proposals';
}

/** Staff mark feasibility, adjust costs and merge while proposals come in and during review, not once voting starts. */
export function mayReview(actor: Actor, phase: Phase): boolean {
  return managesBudgets(actor) && (phase === 'proposals' || phase === 'review');
}

/** Staff report a funded project's progress once the results are out (results and implementation phases). */
export function mayReportProgress(actor: Actor, proposal: { fundedRank: number | null }, phase: Phase): boolean {
  return managesBudgets(actor) && proposal.fundedRank !== null && (phase === 'results' || phase === 'implementation');
}
