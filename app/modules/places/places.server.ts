import type { Caller } from '~/lib/caller.server';
import { afterCommit, DbNull, transaction, type Tx } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { fail, ok, type Result } from '~/lib/result';
import type { AuditTargetKind, PlaceAuditAction } from '~/modules/audit/actions';
import { audit as writeAudit } from '~/modules/audit/audit.server';
import { authorize, refused } from '~/modules/identity/policy';
import { forgetCity } from './queries.server';
import type { CityInput, DepartmentInput, NeighborhoodInput } from './schemas';

/** This area's audit entry for what the caller did to a row: the action names its kind (`neighborhood.update`). */
function audit(tx: Tx, caller: Caller, action: PlaceAuditAction, targetId: string, change: { before?: unknown; after?: unknown }) {
  const targetKind = action.slice(0, action.indexOf('.')) as AuditTargetKind;
  return writeAudit(tx, { actorId: caller.user?.id ?? null, action, targetKind, targetId, ...change, requestId: caller.requestId });
}

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
    // A contact detail left empty is cleared (undefined would keep the old value).
    const data = {
      ...input,
      contactEmail: input.contactEmail ?? null,
      contactPhone: input.contactPhone ?? null,
      contactAddress: input.contactAddress ?? null,
      accentColor: input.accentColor ?? null,
      openingHours: Object.keys(input.openingHours).length ? (input.openingHours as never) : DbNull,
    };
    const after = await tx.city.upsert({ where: { id: 1 }, update: data, create: { id: 1, ...data } });
    await audit(tx, caller, 'city.update', '1', { before, after });
    afterCommit(tx, forgetCity);
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

/** How one kind of place is stored: its reads and writes in the caller's transaction. */
type PlaceRows<Row extends { id: string }> = {
  bySlug(slug: string): Promise<{ id: string } | null>;
  find(id: string): Promise<Row | null>;
  update(id: string): Promise<Row>;
  create(): Promise<Row>;
};

/**
 * Creates a place (`id` null) or updates it, with its audit entry (`<kind>.create`, `<kind>.update`).
 * A slug another place of the kind holds is refused; a place that vanished is `notFound`.
 */
async function savePlace<Row extends { id: string }>(
  tx: Tx,
  caller: Caller,
  kind: 'neighborhood' | 'department',
  id: string | null,
  slug: string,
  rows: PlaceRows<Row>,
): Promise<Result<{ id: string }>> {
  const clash = await rows.bySlug(slug);
  if (clash && clash.id !== id) return slugTaken();
  if (id) {
    const before = await rows.find(id);
    if (!before) return fail.notFound();
    const after = await rows.update(id);
    await audit(tx, caller, `${kind}.update`, id, { before, after });
    return ok({ id });
  }
  const created = await rows.create();
  await audit(tx, caller, `${kind}.create`, created.id, { after: created });
  return ok({ id: created.id });
}

/** Creating a neighborhood also opens its public discussion channel; renaming renames it. */
export async function saveNeighborhood(caller: Caller, id: string | null, input: NeighborhoodInput): Promise<Result<{ id: string }>> {
  const actor = admin(caller);
  if (refused(actor)) return actor;
  return transaction(async (tx) => {
    // The neighborhood's channel takes a slug derived from it; another channel may hold it.
    const channelClash = await tx.channel.findUnique({ where: { slug: channelSlug(input.slug) } });
    if (channelClash && (channelClash.kind !== 'neighborhood' || channelClash.neighborhoodId !== id)) return slugTaken();
    const data = neighborhoodData(input);
    return savePlace(tx, caller, 'neighborhood', id, input.slug, {
      bySlug: (slug) => tx.neighborhood.findUnique({ where: { slug } }),
      find: (id) => tx.neighborhood.findUnique({ where: { id } }),
      update: async (id) => {
        const after = await tx.neighborhood.update({ where: { id }, data });
        await tx.channel.updateMany({
          where: { neighborhoodId: id, kind: 'neighborhood' },
          data: { name: after.name as never, slug: channelSlug(after.slug) },
        });
        return after;
      },
      create: async () => {
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
        return created;
      },
    });
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
    await audit(tx, caller, 'neighborhood.delete', id, { before: { ...row, moderatorGrants: grants } });
    return ok();
  });
}

export async function saveDepartment(caller: Caller, id: string | null, input: DepartmentInput): Promise<Result<{ id: string }>> {
  const actor = admin(caller);
  if (refused(actor)) return actor;
  const data = { slug: input.slug, name: input.name as never, email: input.email };
  return transaction((tx) =>
    savePlace(tx, caller, 'department', id, input.slug, {
      bySlug: (slug) => tx.department.findUnique({ where: { slug } }),
      find: (id) => tx.department.findUnique({ where: { id } }),
      update: (id) => tx.department.update({ where: { id }, data }),
      create: () => tx.department.create({ data }),
    }),
  );
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
    await audit(tx, caller, 'department.delete', id, { before: { ...before, liaisonGrants: grants } });
    return ok();
  });
}
