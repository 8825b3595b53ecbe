import type { z } from 'zod';
import { DbNull, transaction } from '~/lib/db.server';
import { formError, msg } from '~/lib/forms';
import { audit } from '~/modules/audit/audit.server';
import type { CitySchema, DepartmentSchema, NeighborhoodSchema } from './schemas';

/**
 * City setup by admins: the city's settings, its neighborhoods and its departments. Every change
 * is written with its audit entry in one transaction. Failures come back as form errors (the
 * route adds the user's input); `admin:errors.notFound` means the row vanished meanwhile.
 */
type Actor = { userId: string; requestId?: string };

export async function updateCity(actor: Actor, input: z.infer<typeof CitySchema>) {
  await transaction(async (tx) => {
    const before = await tx.city.findUnique({ where: { id: 1 } });
    const after = await tx.city.upsert({ where: { id: 1 }, update: input, create: { id: 1, ...input } });
    await audit(tx, { actorId: actor.userId, action: 'city.update', targetKind: 'city', targetId: '1', before, after, requestId: actor.requestId });
  });
}

function neighborhoodData(input: z.infer<typeof NeighborhoodSchema>) {
  const description = input.descriptionEn || input.descriptionEs ? { en: input.descriptionEn ?? '', es: input.descriptionEs ?? '' } : null;
  return {
    slug: input.slug,
    name: { en: input.nameEn, es: input.nameEs },
    description: description ?? DbNull,
    streets: input.streets ?? null,
  };
}

const channelSlug = (neighborhoodSlug: string) => `n-${neighborhoodSlug}`;

/** Creating a neighborhood also opens its public discussion channel; renaming renames it. */
export async function saveNeighborhood(actor: Actor, id: string | null, input: z.infer<typeof NeighborhoodSchema>) {
  return transaction(async (tx) => {
    const clash = await tx.neighborhood.findUnique({ where: { slug: input.slug } });
    if (clash && clash.id !== id) return formError('slug', msg('admin:errors.slugTaken'));
    // The neighborhood's channel takes a slug derived from it; another channel may hold it.
    const channelClash = await tx.channel.findUnique({ where: { slug: channelSlug(input.slug) } });
    if (channelClash && (channelClash.kind !== 'neighborhood' || channelClash.neighborhoodId !== id)) {
      return formError('slug', msg('admin:errors.slugTaken'));
    }
    const data = neighborhoodData(input);
    if (id) {
      const before = await tx.neighborhood.findUnique({ where: { id } });
      if (!before) return formError('form', msg('admin:errors.notFound'));
      const after = await tx.neighborhood.update({ where: { id }, data });
      await tx.channel.updateMany({
        where: { neighborhoodId: id, kind: 'neighborhood' },
        data: { name: after.name as never, slug: channelSlug(after.slug) },
      });
      await audit(tx, { actorId: actor.userId, action: 'neighborhood.update', targetKind: 'neighborhood', targetId: id, before, after, requestId: actor.requestId });
      return { ok: true as const, id };
    }
    const created = await tx.neighborhood.create({ data });
    await tx.channel.create({
      data: { slug: channelSlug(created.slug), kind: 'neighborhood', name: created.name as never, visibility: 'public', neighborhoodId: created.id },
    });
    await audit(tx, { actorId: actor.userId, action: 'neighborhood.create', targetKind: 'neighborhood', targetId: created.id, after: created, requestId: actor.requestId });
    return { ok: true as const, id: created.id };
  });
}

/** A neighborhood with residents is not deleted (their home would silently vanish). */
export async function deleteNeighborhood(actor: Actor, id: string) {
  return transaction(async (tx) => {
    const before = await tx.neighborhood.findUnique({ where: { id }, include: { _count: { select: { users: true } } } });
    if (!before) return formError('form', msg('admin:errors.notFound'));
    if (before._count.users > 0) return formError('form', msg('admin:errors.neighborhoodInUse', { count: before._count.users }));
    const channels = await tx.channel.findMany({ where: { neighborhoodId: id, kind: 'neighborhood' }, select: { id: true } });
    // Moderator grants on the channel that goes away end with it (kept in the audit entry).
    const grants = await tx.roleGrant.findMany({ where: { scopeKind: 'channel', scopeId: { in: channels.map((c) => c.id) } } });
    await tx.roleGrant.deleteMany({ where: { id: { in: grants.map((g) => g.id) } } });
    await tx.channel.deleteMany({ where: { neighborhoodId: id, kind: 'neighborhood' } });
    await tx.neighborhood.delete({ where: { id } });
    const { _count, ...row } = before;
    await audit(tx, { actorId: actor.userId, action: 'neighborhood.delete', targetKind: 'neighborhood', targetId: id, before: { ...row, moderatorGrants: grants }, requestId: actor.requestId });
    return { ok: true as const };
  });
}

export async function saveDepartment(actor: Actor, id: string | null, input: z.infer<typeof DepartmentSchema>) {
  return transaction(async (tx) => {
    const clash = await tx.department.findUnique({ where: { slug: input.slug } });
    if (clash && clash.id !== id) return formError('slug', msg('admin:errors.slugTaken'));
    const data = { slug: input.slug, name: { en: input.nameEn, es: input.nameEs } as never, email: input.email };
    if (id) {
      const before = await tx.department.findUnique({ where: { id } });
      if (!before) return formError('form', msg('admin:errors.notFound'));
      const after = await tx.department.update({ where: { id }, data });
      await audit(tx, { actorId: actor.userId, action: 'department.update', targetKind: 'department', targetId: id, before, after, requestId: actor.requestId });
      return { ok: true as const, id };
    }
    const created = await tx.department.create({ data });
    await audit(tx, { actorId: actor.userId, action: 'department.create', targetKind: 'department', targetId: created.id, after: created, requestId: actor.requestId });
    return { ok: true as const, id: created.id };
  });
}

/** Deleting a department also ends its liaisons' grants (recorded in the audit log); one with request types is kept. */
export async function deleteDepartment(actor: Actor, id: string) {
  return transaction(async (tx) => {
    const before = await tx.department.findUnique({ where: { id } });
    if (!before) return formError('form', msg('admin:errors.notFound'));
    // Request types keep their department (and their requests' routing): they move first.
    const types = await tx.requestType.count({ where: { departmentId: id } });
    if (types > 0) return formError('form', msg('admin:errors.departmentHasTypes', { count: types }));
    const grants = await tx.roleGrant.findMany({ where: { scopeKind: 'department', scopeId: id } });
    await tx.roleGrant.deleteMany({ where: { scopeKind: 'department', scopeId: id } });
    await tx.department.delete({ where: { id } });
    await audit(tx, { actorId: actor.userId, action: 'department.delete', targetKind: 'department', targetId: id, before: { ...before, liaisonGrants: grants }, requestId: actor.requestId });
    return { ok: true as const };
  });
}
