import type { Caller } from '~/lib/caller.server';
import { db, transaction } from '~/lib/db.server';
import { fail, ok, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import { leadersChanged, lockGroup } from './group-rows.server';
import { decidesMembers, mayAskToJoin, mayLeave } from './policy';
import { membershipOf, type Group } from './queries.server';

/**
 * Joining and leaving a block-watch group (docs/decisions/0023-block-watch-design.md): residents
 * ask, a captain, co-captain or staff member approves or declines; an active member is also a
 * member of the group's board (its channel), and leaving ends both in one transaction.
 */

/** Asks to join: a pending request the group's leaders decide on. */
export async function askToJoin(caller: Caller, group: Group): Promise<Result> {
  const user = caller.user;
  if (!user) return fail.forbidden();
  const membership = await membershipOf(group.id, user.id);
  if (membership?.status === 'pending') return fail.conflict('blockwatch:errors.alreadyAsked');
  if (membership?.status === 'active') return fail.conflict('blockwatch:errors.alreadyMember');
  if (!mayAskToJoin(user, membership)) return fail.conflict('blockwatch:errors.mayNotAsk');
  return transaction(async (tx) => {
    // The state read above is checked again in the write: two posts at once make one request.
    const changed = await tx.groupMembership.updateMany({
      where: { groupId: group.id, userId: user.id, status: 'left' },
      data: { status: 'pending', role: 'member', via: 'request', decidedById: null, decidedAt: null },
    });
    if (!changed.count) {
      await tx.groupMembership.upsert({
        where: { groupId_userId: { groupId: group.id, userId: user.id } },
        create: { groupId: group.id, userId: user.id, status: 'pending', via: 'request' },
        update: {},
      });
    }
    return ok();
  });
}

/** Approves or declines a pending request to join. */
export async function decideRequest(caller: Caller, group: Group, membershipId: string, approve: boolean): Promise<Result> {
  const actor = caller.user;
  if (!actor) return fail.forbidden();
  if (!decidesMembers(actor, group.id, await membershipOf(group.id, actor.id))) return fail.forbidden();
  return transaction(async (tx) => {
    await lockGroup(tx, group.id);
    const request = await tx.groupMembership.findFirst({
      where: { id: membershipId, groupId: group.id },
      select: { id: true, userId: true, status: true, user: { select: { displayName: true, status: true } } },
    });
    if (!request) return fail.notFound();
    if (request.status !== 'pending') return fail.conflict('blockwatch:errors.alreadyDecided');
    // A suspended account waits (its request stays pending); it may still be declined.
    if (approve && request.user.status !== 'active') return fail.conflict('blockwatch:errors.accountNotActive');
    // Decided only while still pending: two leaders answering at once decide it once.
    const decided = await tx.groupMembership.updateMany({
      where: { id: request.id, status: 'pending' },
      data: { status: approve ? 'active' : 'declined', decidedById: actor.id, decidedAt: new Date() },
    });
    if (!decided.count) return fail.conflict('blockwatch:errors.alreadyDecided');
    if (approve)
      await tx.channelMember.upsert({
        where: { channelId_userId: { channelId: group.channelId, userId: request.userId } },
        create: { channelId: group.channelId, userId: request.userId },
        update: {},
      });
    await audit(tx, {
      actorId: actor.id,
      action: approve ? 'group.approve' : 'group.decline',
      targetKind: 'group',
      targetId: group.id,
      after: { userId: request.userId },
      requestId: caller.requestId,
    });
    return ok();
  });
}

/** Withdraws a pending request, or leaves the group and its board. */
export async function leaveGroup(caller: Caller, group: Group): Promise<Result> {
  const user = caller.user;
  if (!user) return fail.forbidden();
  const membership = await membershipOf(group.id, user.id);
  if (!mayLeave(user, group.id, membership)) return fail.conflict('blockwatch:errors.mayNotLeave');
  return transaction(async (tx) => {
    await lockGroup(tx, group.id);
    const left = await tx.groupMembership.updateMany({
      where: { id: membership!.id, status: { in: ['active', 'pending'] } },
      data: { status: 'left', role: 'member', sharedName: null, sharedStreet: null, sharedPhone: null, sharedEmail: null },
    });
    if (!left.count) return fail.conflict('blockwatch:errors.mayNotLeave');
    await tx.channelMember.deleteMany({ where: { channelId: group.channelId, userId: user.id } });
    await leadersChanged(tx, group, [user.id]);
    return ok();
  });
}

export type Sharing = { sharedName?: string; sharedStreet?: string; sharedPhone?: string; sharedEmail?: string; alertByMail: boolean };

/** An active member's choices: what the member directory shows of them, and whether alerts come by e-mail. */
export async function updateSharing(caller: Caller, group: Group, sharing: Sharing): Promise<Result> {
  const user = caller.user;
  if (!user || user.status !== 'active') return fail.forbidden();
  const changed = await db().groupMembership.updateMany({
    where: { groupId: group.id, userId: user.id, status: 'active' },
    data: {
      sharedName: sharing.sharedName ?? null,
      sharedStreet: sharing.sharedStreet ?? null,
      sharedPhone: sharing.sharedPhone ?? null,
      sharedEmail: sharing.sharedEmail ?? null,
      alertByMail: sharing.alertByMail,
    },
  });
  return changed.count ? ok() : fail.forbidden();
}
