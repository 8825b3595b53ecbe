import { can, type Actor } from '~/modules/identity/policy';

/**
 * Who may do what in participatory budgeting (docs/decisions/0024-participatory-budgeting.md):
 * pure functions of the actor (and, for residents' actions, the process's phase).
 */

/** Staff and admins run processes: create them, move their phases, review, count paper ballots. */
export function managesBudgets(actor: Actor): boolean {
  return can(actor, 'manage:budget');
}
