import type { Caller } from '~/lib/caller.server';
import { db, isUniqueViolation, transaction, type Tx } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { fail, ok, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import { activateMember, captainGrant, insertGroup, leadersChanged, lockGroup, otherCaptainRemains } from './group-rows.server';
import { appointsCaptains, decidesMembers, isCaptain, leadsGroup, mayRemove } from './policy';
import { membershipOf, type Group } from './queries.server';
import type { NewGroupInput } from './schemas';

/**
 * Who leads a block-watch group (docs/decisions/0023-block-watch-design.md): captains are role
 * grants scoped to the group (staff appoint and dismiss them; a captain hands over to a member),
 * co-captains a membership role a captain gives, and leaders remove members. Every change is
 * audited in its transaction; a changed grant tells the person's sockets to re-check rooms.
 */

/** The active membership `membershipId` of this group with whether its person is a captain, or null. */
async function activeMembership(tx: Tx, groupId: string, membershipId: string) {
  const row = await tx.groupMembership.findFirst({
    where: { id: membershipId, groupId, status: 'active' },
    select: { id: true, userId: true, role: true, user: { select: { status: true } } },
  });
  if (!row) return null;
  const captain = (await tx.roleGrant.count({ where: { userId: row.userId, ...captainGrant(groupId) } })) > 0;
  return { ...row, captain };
}

/** Removes a member from the group and its board; what they shared goes with them. */
export async function removeMember(caller: Caller, group: Group, membershipId: string): Promise<Result> {
  const actor = caller.user;
  if (!actor) return fail.forbidden();
  const own = await membershipOf(group.id, actor.id);
  if (!decidesMembers(actor, group.id, own)) return fail.forbidden();
  return transaction(async (tx) => {
    await lockGroup(tx, group.id);
    const target = await activeMembership(tx, group.id, membershipId);
    if (!target) return fail.notFound();
    if (!mayRemove(actor, group.id, own, target)) return fail.forbidden();
    await tx.groupMembership.update({
      where: { id: target.id },
      data: {
        status: 'removed',
        role: 'member',
        sharedName: null,
        sharedStreet: null,
        sharedPhone: null,
        sharedEmail: null,
        decidedById: actor.id,
        decidedAt: new Date(),
      },
    });
    await tx.channelMember.deleteMany({ where: { channelId: group.channelId, userId: target.userId } });
    await audit(tx, {
      actorId: actor.id,
      action: 'group.remove',
      targetKind: 'group',
      targetId: group.id,
      before: { userId: target.userId, role: target.role },
      requestId: caller.requestId,
    });
    await leadersChanged(tx, group, [target.userId]);
    return ok();
  });
}

/** Makes an active member a co-captain, or a co-captain a plain member again (captains and staff). */
export async function setMemberRole(caller: Caller, group: Group, membershipId: string, role: 'member' | 'coCaptain'): Promise<Result> {
  const actor = caller.user;
  if (!actor || !leadsGroup(actor, group.id)) return fail.forbidden();
  return transaction(async (tx) => {
    await lockGroup(tx, group.id);
    const target = await activeMembership(tx, group.id, membershipId);
    if (!target) return fail.notFound();
    if (target.captain) return fail.conflict('blockwatch:errors.isCaptain');
    if (target.role === role) return ok();
    await tx.groupMembership.update({ where: { id: target.id }, data: { role } });
    await audit(tx, {
      actorId: actor.id,
      action: 'group.role',
      targetKind: 'group',
      targetId: group.id,
      before: { userId: target.userId, role: target.role },
      after: { userId: target.userId, role },
      requestId: caller.requestId,
    });
    await leadersChanged(tx, group, [target.userId]);
    return ok();
  });
}

/**
 * A captain hands the captaincy to an active member: the member gets the captain's grant and the
 * captain gives theirs up, in one transaction, so the group is never without a captain. The former
 * captain stays a member.
 */
export async function handOver(caller: Caller, group: Group, membershipId: string): Promise<Result> {
  const actor = caller.user;
  if (!actor || !isCaptain(actor, group.id) || actor.status !== 'active') return fail.forbidden();
  return transaction(async (tx) => {
    await lockGroup(tx, group.id);
    const target = await activeMembership(tx, group.id, membershipId);
    if (!target) return fail.notFound();
    if (target.userId === actor.id || target.captain) return fail.conflict('blockwatch:errors.isCaptain');
    if (target.user.status !== 'active') return fail.conflict('blockwatch:errors.accountNotActive');
    const mine = await tx.roleGrant.deleteMany({ where: { userId: actor.id, ...captainGrant(group.id) } });
    if (!mine.count) return fail.forbidden();
    await tx.roleGrant.create({ data: { userId: target.userId, ...captainGrant(group.id), grantedById: actor.id } });
    await tx.groupMembership.update({ where: { id: target.id }, data: { role: 'member' } });
    await audit(tx, {
      actorId: actor.id,
      action: 'group.handOver',
      targetKind: 'group',
      targetId: group.id,
      before: { captain: actor.id },
      after: { captain: target.userId },
      requestId: caller.requestId,
    });
    await leadersChanged(tx, group, [actor.id, target.userId]);
    return ok();
  });
}

/**
 * Staff appoint a captain by e-mail: the grant scoped to the group and an active membership (of the
 * group and its board), in one transaction.
 */
export async function appointCaptain(caller: Caller, group: Group, email: string): Promise<Result> {
  const actor = caller.user;
  if (!actor || !appointsCaptains(actor)) return fail.forbidden();
  const person = await db().user.findUnique({ where: { email }, select: { id: true, status: true, displayName: true } });
  if (!person || person.status !== 'active') return fail.invalid({ email: msg('blockwatch:errors.noSuchPerson') });
  return transaction(async (tx) => {
    await lockGroup(tx, group.id);
    if (await tx.roleGrant.count({ where: { userId: person.id, ...captainGrant(group.id) } }))
      return fail.invalid({ email: msg('blockwatch:errors.alreadyCaptain') });
    await tx.roleGrant.create({ data: { userId: person.id, ...captainGrant(group.id), grantedById: actor.id } });
    await activateMember(tx, group, person.id, { via: 'staff', decidedById: actor.id, sharedName: null });
    await tx.groupMembership.update({ where: { groupId_userId: { groupId: group.id, userId: person.id } }, data: { role: 'member' } });
    await audit(tx, {
      actorId: actor.id,
      action: 'group.appoint',
      targetKind: 'group',
      targetId: group.id,
      after: { captain: person.id },
      requestId: caller.requestId,
    });
    await leadersChanged(tx, group, [person.id]);
    return ok();
  });
}

/** Staff dismiss a captain, who stays a member; a group keeps at least one captain. */
export async function dismissCaptain(caller: Caller, group: Group, userId: string): Promise<Result> {
  const actor = caller.user;
  if (!actor || !appointsCaptains(actor)) return fail.forbidden();
  return transaction(async (tx) => {
    await lockGroup(tx, group.id);
    if (!(await tx.roleGrant.count({ where: { userId, ...captainGrant(group.id) } }))) return fail.notFound();
    if (!(await otherCaptainRemains(tx, group.id, userId))) return fail.conflict('blockwatch:errors.lastCaptain');
    await tx.roleGrant.deleteMany({ where: { userId, ...captainGrant(group.id) } });
    await audit(tx, {
      actorId: actor.id,
      action: 'group.dismiss',
      targetKind: 'group',
      targetId: group.id,
      before: { captain: userId },
      requestId: caller.requestId,
    });
    await leadersChanged(tx, group, [userId]);
    return ok();
  });
}

/**
 * Staff create a group with its board and its first captain (who becomes a member), in one
 * transaction: a group never exists without a captain.
 */
export async function createGroup(caller: Caller, input: NewGroupInput): Promise<Result<{ slug: string }>> {
  const actor = caller.user;
  if (!actor || !appointsCaptains(actor)) return fail.forbidden();
  const taken = fail.invalid({ slug: msg('blockwatch:errors.slugTaken') });
  const [person, hood, clash] = await Promise.all([
    db().user.findUnique({ where: { email: input.captainEmail }, select: { id: true, status: true } }),
    input.neighborhoodId ? db().neighborhood.findUnique({ where: { id: input.neighborhoodId }, select: { id: true } }) : null,
    db().blockWatchGroup.count({ where: { slug: input.slug } }),
  ]);
  if (clash) return taken;
  if (input.neighborhoodId && !hood) return fail.invalid({ neighborhoodId: msg('forms:choose') });
  if (!person || person.status !== 'active') return fail.invalid({ captainEmail: msg('blockwatch:errors.noSuchPerson') });
  try {
    return await transaction(async (tx) => {
      const group = await insertGroup(tx, {
        slug: input.slug,
        name: input.name,
        description: Object.keys(input.description).length ? input.description : null,
        neighborhoodId: input.neighborhoodId ?? null,
        streets: input.streets,
      });
      await tx.roleGrant.create({ data: { userId: person.id, ...captainGrant(group.id), grantedById: actor.id } });
      await activateMember(tx, group, person.id, { via: 'staff', decidedById: actor.id, sharedName: null });
      await audit(tx, {
        actorId: actor.id,
        action: 'group.create',
        targetKind: 'group',
        targetId: group.id,
        after: { slug: input.slug, name: input.name, captain: person.id },
        requestId: caller.requestId,
      });
      await leadersChanged(tx, group, [person.id]);
      return ok({ slug: input.slug });
    });
  } catch (error) {
    // The same slug made at the same moment, or a channel already named group-<slug>.
    if (isUniqueViolation(error)) return taken;
    throw error;
  }
}
