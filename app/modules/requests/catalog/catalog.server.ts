import type { Caller } from '~/lib/caller.server';
import { DbNull, transaction, type Tx } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { fail, ok, type Result } from '~/lib/result';
import type { CatalogAuditAction } from '~/modules/audit/actions';
import { audit as writeAudit, type AuditEntryOf } from '~/modules/audit/audit.server';
import { authorize, refused } from '~/modules/identity/policy';
import {
  FieldSetSchema,
  parseFieldSet,
  type FieldDefinition,
  type FieldSet,
  type NewRequestTypeInput,
  type RequestTypeInput,
} from './schemas';

/** This area's audit entries, their actions checked against its list. */
const audit = (tx: Tx, entry: AuditEntryOf<CatalogAuditAction>) => writeAudit(tx, entry);

/**
 * The service-request catalog, edited by admins. Every write is one transaction with its audit
 * entry. A type's custom fields are never edited in place: each change writes a new
 * RequestTypeVersion and moves the type's `currentVersion` to it, so requests filed with an older
 * version keep the definitions they were filed with (docs/decisions/0010-request-catalog.md).
 * A row that vanished meanwhile is `notFound`; a taken code, a missing department or a stale
 * version is `invalid` with the field's (or the form's) error.
 */
const manager = (caller: Caller) => authorize(caller, 'manage:request-type');
const formFailure = (message: string) => fail.invalid({ '': message });

function typeData(input: RequestTypeInput) {
  return {
    name: input.name as never,
    description: input.description as never,
    resolutionDefinition: input.resolution as never,
    keywords: Object.keys(input.keywords).length ? (input.keywords as never) : DbNull,
    group: input.group,
    departmentId: input.departmentId,
    defaultPriority: input.defaultPriority,
    targetHours: input.targetHours,
    locationRequired: input.locationRequired,
    photosAllowed: input.photosAllowed,
    publicVisibility: input.publicVisibility,
  };
}

async function departmentExists(tx: Tx, id: string) {
  return !!(await tx.department.findUnique({ where: { id }, select: { id: true } }));
}

/** A new type starts active, with version 1 of its fields (none yet). */
export async function createRequestType(caller: Caller, input: NewRequestTypeInput): Promise<Result<{ id: string }>> {
  const actor = manager(caller);
  if (refused(actor)) return actor;
  return transaction(async (tx) => {
    if (await tx.requestType.findUnique({ where: { code: input.code }, select: { id: true } })) {
      return fail.invalid({ code: msg('requests:errors.codeTaken') });
    }
    if (!(await departmentExists(tx, input.departmentId))) return fail.invalid({ departmentId: msg('forms:choose') });
    const created = await tx.requestType.create({ data: { code: input.code, ...typeData(input), currentVersion: 1 } });
    const version = await tx.requestTypeVersion.create({ data: { typeId: created.id, version: 1, fields: [], createdById: actor.id } });
    await audit(tx, {
      actorId: actor.id,
      action: 'request-type.create',
      targetKind: 'request-type',
      targetId: created.id,
      after: { ...created, fields: version.fields },
      requestId: caller.requestId,
    });
    return ok({ id: created.id });
  });
}

export async function updateRequestType(caller: Caller, id: string, input: RequestTypeInput): Promise<Result<{ id: string }>> {
  const actor = manager(caller);
  if (refused(actor)) return actor;
  return transaction(async (tx) => {
    const before = await tx.requestType.findUnique({ where: { id } });
    if (!before) return fail.notFound();
    if (!(await departmentExists(tx, input.departmentId))) return fail.invalid({ departmentId: msg('forms:choose') });
    const after = await tx.requestType.update({ where: { id }, data: typeData(input) });
    await audit(tx, {
      actorId: actor.id,
      action: 'request-type.update',
      targetKind: 'request-type',
      targetId: id,
      before,
      after,
      requestId: caller.requestId,
    });
    return ok({ id });
  });
}

/** Inactive types are hidden from residents' picker; their requests and history stay. */
export async function setRequestTypeActive(caller: Caller, id: string, active: boolean): Promise<Result<{ id: string }>> {
  const actor = manager(caller);
  if (refused(actor)) return actor;
  return transaction(async (tx) => {
    const before = await tx.requestType.findUnique({ where: { id }, select: { id: true, active: true } });
    if (!before) return fail.notFound();
    if (before.active === active) return ok({ id });
    await tx.requestType.update({ where: { id }, data: { active } });
    await audit(tx, {
      actorId: actor.id,
      action: active ? 'request-type.activate' : 'request-type.deactivate',
      targetKind: 'request-type',
      targetId: id,
      before: { active: before.active },
      after: { active },
      requestId: caller.requestId,
    });
    return ok({ id });
  });
}

/** One change to a type's field set, as the fields pages post it. */
export type FieldChange =
  | { op: 'add'; field: Omit<FieldDefinition, 'order'> }
  | { op: 'update'; key: string; field: Omit<FieldDefinition, 'order' | 'key'> }
  | { op: 'remove'; key: string }
  | { op: 'move'; key: string; direction: 'up' | 'down' };

/** The field set after a change, renumbered 1..n; or an error for a key clash or a missing key. */
export function applyFieldChange(
  fields: FieldSet,
  change: FieldChange,
): { ok: true; fields: FieldDefinition[] } | { ok: false; field: string; message: string } {
  const list = [...fields];
  const index = change.op === 'add' ? -1 : list.findIndex((f) => f.key === change.key);
  if (change.op !== 'add' && index < 0) return { ok: false, field: 'form', message: msg('requests:errors.fieldGone') };
  switch (change.op) {
    case 'add':
      if (list.some((f) => f.key === change.field.key)) return { ok: false, field: 'key', message: msg('requests:errors.keyTaken') };
      list.push({ ...change.field, order: 0 });
      break;
    case 'update':
      list[index] = { ...change.field, key: change.key, order: list[index].order };
      break;
    case 'remove':
      list.splice(index, 1);
      break;
    case 'move': {
      const to = change.direction === 'up' ? index - 1 : index + 1;
      if (to < 0 || to >= list.length) break;
      [list[index], list[to]] = [list[to], list[index]];
      break;
    }
  }
  return { ok: true, fields: list.map((f, i) => ({ ...f, order: i + 1 })) };
}

const sameFields = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies a change to the fields of the version the admin was looking at (`basedOn`). If someone
 * saved another version meanwhile, nothing is written and the form says so. A change that leaves
 * the fields as they were writes nothing.
 */
export async function changeFields(
  caller: Caller,
  typeId: string,
  basedOn: number,
  change: FieldChange,
): Promise<Result<{ version: number; changed: boolean }>> {
  const actor = manager(caller);
  if (refused(actor)) return actor;
  return transaction(async (tx) => {
    const type = await tx.requestType.findUnique({ where: { id: typeId }, select: { id: true, currentVersion: true } });
    if (!type) return fail.notFound();
    if (type.currentVersion !== basedOn) return formFailure(msg('requests:errors.staleVersion'));
    const current = await tx.requestTypeVersion.findUnique({ where: { typeId_version: { typeId, version: basedOn } } });
    if (!current) return fail.notFound();
    const before = parseFieldSet(current.fields);
    const changed = applyFieldChange(before, change);
    if (!changed.ok) return fail.invalid({ [changed.field === 'form' ? '' : changed.field]: changed.message });
    const checked = FieldSetSchema.safeParse(changed.fields);
    if (!checked.success) return formFailure(checked.error.issues[0]?.message ?? msg('forms:invalid'));
    if (sameFields(before, checked.data)) return ok({ version: basedOn, changed: false });
    // Moves the pointer only if it is still where the admin saw it: of two concurrent saves
    // (PostgreSQL, read committed), the second finds no row to update and is refused.
    const next = basedOn + 1;
    const moved = await tx.requestType.updateMany({ where: { id: typeId, currentVersion: basedOn }, data: { currentVersion: next } });
    if (moved.count !== 1) return formFailure(msg('requests:errors.staleVersion'));
    await tx.requestTypeVersion.create({ data: { typeId, version: next, fields: checked.data as never, createdById: actor.id } });
    await audit(tx, {
      actorId: actor.id,
      action: `request-type.fields.${change.op}`,
      targetKind: 'request-type',
      targetId: typeId,
      before: { version: basedOn, fields: before },
      after: { version: next, fields: checked.data },
      requestId: caller.requestId,
    });
    return ok({ version: next, changed: true });
  });
}
