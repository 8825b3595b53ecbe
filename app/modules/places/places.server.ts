import type { z } from 'zod';
import { transaction } from '~/lib/db.server';
import { formError, msg } from '~/lib/forms';
import { audit } from '~/modules/audit/audit.server';
import type { CitySchema, DepartmentSchema, NeighborhoodSchema } from './schemas';

/** City setup by admins: the city's settings, its neighborhoods and its departments. */
type Actor = { userId: string; requestId?: string };

export async function updateCity(actor: Actor, input: z.infer<typeof CitySchema>) {
  await transaction(async (tx) => {
    const before = await tx.city.findUnique({ where: { id: 1 } });
    const after = await tx.city.upsert({ where: { id: 1 }, update: input, create: { id: 1, ...input } });
    await audit(tx, { actorId: actor.userId, action: 'city.update', targetKind: 'city', targetId: '1', before, after, requestId: actor.requestId });
  });
}

function neighborhoodData(input: z.infer<typeof NeighborhoodSchema>) {
  const description = input.descriptionEn || input.descriptionEs ? { en: input.descriptionEn ?? '', es: input.descriptionEs ?? '' } : undefined;
  return {
    slug: input.slug,
    name: { en: input.nameEn, es: input.nameEs },
    description: description ?? null,
    streets: input.streets ?? null,
  };
}

/** Creating a neighborhood also opens its public discussion channel. */
export async function saveNeighborhood(actor: Actor, id: string | null, input: z.infer<typeof NeighborhoodSchema>) {
  return transaction(async (tx) => {
    const clash = await tx.neighborhood.findUnique({ where: { slug: input.slug } });
    if (clash && clash.id !== id) return formError('slug', msg('admin:errors.slugTaken'), input as Record<string, string>);
    const data = neighborhoodData(input) as never;
    if (id) {
      const before = await tx.neighborhood.findUnique({ where: { id } });
      if (!before) return formError('form', msg('admin:errors.notFound'));
      const after = await tx.neighborhood.update({ where: { id }, data });
      await tx.channel.updateMany({ where: { neighborhoodId: id, kind: 'neighborhood' }, data: { name: after.name as never } });
      await audit(tx, { actorId: actor.userId, action: 'neighborhood.update', targetKind: 'neighborhood', targetId: id, before, after, requestId: actor.requestId });
      return { ok: true as const, id };
    }
    const created = await tx.neighborhood.create({ data });
    await tx.channel.create({
      data: { slug: `n-${created.slug}`, kind: 'neighborhood', name: created.name as never, visibility: 'public', neighborhoodId: created.id },
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
    await tx.channel.deleteMany({ where: { neighborhoodId: id, kind: 'neighborhood' } });
    await tx.neighborhood.delete({ where: { id } });
    const { _count, ...row } = before;
    await audit(tx, { actorId: actor.userId, action: 'neighborhood.delete', targetKind: 'neighborhood', targetId: id, before: row, requestId: actor.requestId });
    return { ok: true as const };
  });
}

export async function saveDepartment(actor: Actor, id: string | null, input: z.infer<typeof DepartmentSchema>) {
  return transaction(async (tx) => {
    const clash = await tx.department.findUnique({ where: { slug: input.slug } });
    if (clash && clash.id !== id) return formError('slug', msg('admin:errors.slugTaken'), input as Record<string, string>);
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

/** Deleting a department also ends its liaisons' grants (recorded in the audit log). */
export async function deleteDepartment(actor: Actor, id: string) {
  return transaction(async (tx) => {
    const before = await tx.department.findUnique({ where: { id } });
    if (!before) return formError('form', msg('admin:errors.notFound'));
    const grants = await tx.roleGrant.findMany({ where: { scopeKind: 'department', scopeId: id } });
    await tx.roleGrant.deleteMany({ where: { scopeKind: 'department', scopeId: id } });
    await tx.department.delete({ where: { id } });
    await audit(tx, { actorId: actor.userId, action: 'department.delete', targetKind: 'department', targetId: id, before: { ...before, liaisonGrants: grants }, requestId: actor.requestId });
    return { ok: true as const };
  });
}
