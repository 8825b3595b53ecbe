import { can, type Actor } from '~/modules/identity/policy';

/**
 * Who may do what in a block-watch group (docs/decisions/0023-block-watch-design.md). Pure: the
 * caller passes the actor with their grants and, where it matters, their membership.
 */
export type MembershipState = { status: string; role: string } | null;

const scope = (groupId: string) => ({ scopeKind: 'group', scopeId: groupId });

/** Captains of the group (scoped grant), and city-wide staff and admins. */
export function leadsGroup(actor: Actor, groupId: string): boolean {
  return can(actor, 'lead:group', scope(groupId));
}

/** Who decides join requests: those who lead the group, and its active co-captains. */
export function decidesMembers(actor: Actor, groupId: string, membership: MembershipState): boolean {
  if (leadsGroup(actor, groupId)) return true;
  return !!actor && actor.status === 'active' && membership?.status === 'active' && membership.role === 'coCaptain';
}

/**
 * Who may ask to join: an active account that is not in the group and has not been declined or
 * removed (they may ask again after leaving).
 */
export function mayAskToJoin(actor: Actor, membership: MembershipState): boolean {
  if (!actor || actor.status !== 'active') return false;
  return !membership || membership.status === 'left';
}

/** A pending request may be withdrawn, an active membership left (a captain hands over first). */
export function mayLeave(actor: Actor, groupId: string, membership: MembershipState): boolean {
  if (!actor || !membership || (membership.status !== 'active' && membership.status !== 'pending')) return false;
  return !isCaptain(actor, groupId);
}

/** A captain of this very group (not staff): the grant scoped to it. */
export function isCaptain(actor: Actor, groupId: string): boolean {
  return !!actor?.grants.some((g) => g.role === 'captain' && g.scopeKind === 'group' && g.scopeId === groupId);
}

/** Staff and admins (a city-wide grant) create groups and appoint or dismiss captains. */
export function appointsCaptains(actor: Actor): boolean {
  return can(actor, 'lead:group');
}

/** Who reads the board and the member directory: active members, and those who lead the group. */
export function readsBoard(actor: Actor, groupId: string, membership: MembershipState): boolean {
  if (leadsGroup(actor, groupId)) return true;
  return !!actor && actor.status === 'active' && membership?.status === 'active';
}

/**
 * Who may remove a member: those who decide requests, but never a captain (they hand over or are
 * dismissed by staff), and a co-captain only removes plain members.
 */
export function mayRemove(actor: Actor, groupId: string, membership: MembershipState, target: { role: string; captain: boolean }): boolean {
  if (target.captain || !decidesMembers(actor, groupId, membership)) return false;
  return leadsGroup(actor, groupId) || target.role === 'member';
}
