import type { Caller } from '~/lib/caller.server';
import { DbNull, transaction, type Tx } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { fail, ok, type Result } from '~/lib/result';
import type { PlaceAuditAction } from '~/modules/audit/actions';
import { audit as writeAudit, type AuditEntryOf } from '~/modules/audit/audit.server';
import { authorize, refused } from '~/modules/identity/policy';
import type { CityInput, DepartmentInput, NeighborhoodInput } from './schemas';

/** This area's audit entries, their actions checked against its list. */
const audit = (tx: Tx, entry: AuditEntryOf<PlaceAuditAction>) => writeAudit(tx, entry);

/**
 * City setup by admins: the city's settings, its neighborhoods and its departments. Every change
 * is written with its audit entry in one transaction. A row that vanished meanwhile is
 * `notFound`; a slug already taken or a row still in use is `invalid` with the field or form error.
 */
const admin = (caller: Caller) => authorize(caller, 'manage:city');

export async function updateCity(caller: Caller, input: CityInput): Promise<Result> {
  const actor = admin(caller);
  if (refused(actor)) return actor;
  await transaction(async (tx) => {
    const before = await tx.city.findUnique({ where: { id: 1 } });
    const after = await tx.city.upsert({ where: { id: 1 }, update: input, create: { id: 1, ...input } });
    await audit(tx, {
      actorId: actor.id,
      action: 'city.update',
      targetKind: 'city',
      targetId: '1',
      before,
      after,
      requestId: caller.requestId,
    });
  });
  return ok();
}

function neighborhoodData(input: NeighborhoodInput) {
  return {
    slug: input.slug,
    name: input.name as never,
    description: Object.keys(input.description).length ? (input.description as never) : DbNull,
    streets: input.streets ?? null,
  };
}

const channelSlug = (neighborhoodSlug: string) => `n-${neighborhoodSlug}`;
const slugTaken = () => fail.invalid({ slug: msg('admin:errors.slugTaken') });

/** Creating a neighborhood also opens its public discussion channel; renaming renames it. */
export async function saveNeighborhood(caller: Caller, id: string | null, input: NeighborhoodInput): Promise<Result<{ id: string }>> {
  const actor = admin(caller);
  if (refused(actor)) return actor;
  return transaction(async (tx) => {
    const clash = await tx.neighborhood.findUnique({ where: { slug: input.slug } });
    if (clash && clash.id !== id) return slugTaken();
    // The neighborhood's channel takes a slug derived from it; another channel may hold it.
    const channelClash = await tx.channel.findUnique({ where: { slug: channelSlug(input.slug) } });
    if (channelClash && (channelClash.kind !== 'neighborhood' || channelClash.neighborhoodId !== id)) return slugTaken();
    const data = neighborhoodData(input);
    if (id) {
      const before = await tx.neighborhood.findUnique({ where: { id } });
      if (!before) return fail.notFound();
      const after = await tx.neighborhood.update({ where: { id }, data });
      await tx.channel.updateMany({
        where: { neighborhoodId: id, kind: 'neighborhood' },
        data: { name: after.name as never, slug: channelSlug(after.slug) },
      });
      await audit(tx, {
        actorId: actor.id,
        action: 'neighborhood.update',
        targetKind: 'neighborhood',
        targetId: id,
        before,
        after,
        requestId: caller.requestId,
      });
      return ok({ id });
    }
    const created = await tx.neighborhood.create({ data });
    await tx.channel.create({
      data: {
        slug: channelSlug(created.slug),
        kind: 'neighborhood',
        name: created.name as never,
        visibility: 'public',
        neighborhoodId: created.id,
      },
    });
    await audit(tx, {
      actorId: actor.id,
      action: 'neighborhood.create',
      targetKind: 'neighborhood',
      targetId: created.id,
      after: created,
      requestId: caller.requestId,
    });
    return ok({ id: created.id });
  });
}

/** A neighborhood with residents is not deleted (their home would silently vanish). */
export async function deleteNeighborhood(caller: Caller, id: string): Promise<Result> {
  const actor = admin(caller);
  if (refused(actor)) return actor;
  return transaction(async (tx) => {
    const before = await tx.neighborhood.findUnique({ where: { id }, include: { _count: { select: { users: true } } } });
    if (!before) return fail.notFound();
    if (before._count.users > 0) return fail.invalid({ '': msg('admin:errors.neighborhoodInUse', { count: before._count.users }) });
    const channels = await tx.channel.findMany({ where: { neighborhoodId: id, kind: 'neighborhood' }, select: { id: true } });
    // Moderator grants on the channel that goes away end with it (kept in the audit entry).
    const grants = await tx.roleGrant.findMany({ where: { scopeKind: 'channel', scopeId: { in: channels.map((c) => c.id) } } });
    await tx.roleGrant.deleteMany({ where: { id: { in: grants.map((g) => g.id) } } });
    await tx.channel.deleteMany({ where: { neighborhoodId: id, kind: 'neighborhood' } });
    await tx.neighborhood.delete({ where: { id } });
    const { _count, ...row } = before;
    await audit(tx, {
      actorId: actor.id,
      action: 'neighborhood.delete',
      targetKind: 'neighborhood',
      targetId: id,
      before: { ...row, moderatorGrants: grants },
      requestId: caller.requestId,
    });
    return ok();
  });
}

export async function saveDepartment(caller: Caller, id: string | null, input: DepartmentInput): Promise<Result<{ id: string }>> {
  const actor = admin(caller);
  if (refused(actor)) return actor;
  return transaction(async (tx) => {
    const clash = await tx.department.findUnique({ where: { slug: input.slug } });
    if (clash && clash.id !== id) return slugTaken();
    const data = { slug: input.slug, name: input.name as never, email: input.email };
    if (id) {
      const before = await tx.department.findUnique({ where: { id } });
      if (!before) return fail.notFound();
      const after = await tx.department.update({ where: { id }, data });
      await audit(tx, {
        actorId: actor.id,
        action: 'department.update',
        targetKind: 'department',
        targetId: id,
        before,
        after,
        requestId: caller.requestId,
      });
      return ok({ id });
    }
    const created = await tx.department.create({ data });
    await audit(tx, {
      actorId: actor.id,
      action: 'department.create',
      targetKind: 'department',
      targetId: created.id,
      after: created,
      requestId: caller.requestId,
    });
    return ok({ id: created.id });
  });
}

/** Deleting a department also ends its liaisons' grants (recorded in the audit log); one with request types is kept. */
export async function deleteDepartment(caller: Caller, id: string): Promise<Result> {
  const actor = admin(caller);
  if (refused(actor)) return actor;
  return transaction(async (tx) => {
    const before = await tx.department.findUnique({ where: { id } });
    if (!before) return fail.notFound();
    // Request types keep their department (and their requests' routing): they move first.
    const types = await tx.requestType.count({ where: { departmentId: id } });
    if (types > 0) return fail.invalid({ '': msg('admin:errors.departmentHasTypes', { count: types }) });
    const grants = await tx.roleGrant.findMany({ where: { scopeKind: 'department', scopeId: id } });
    await tx.roleGrant.deleteMany({ where: { scopeKind: 'department', scopeId: id } });
    await tx.department.delete({ where: { id } });
    await audit(tx, {
      actorId: actor.id,
      action: 'department.delete',
      targetKind: 'department',
      targetId: id,
      before: { ...before, liaisonGrants: grants },
      requestId: caller.requestId,
    });
    return ok();
  });
}
