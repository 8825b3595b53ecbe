import type { Caller } from '~/lib/caller.server';
import { db, transaction, type Tx } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { fail, ok, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import { captaincyChanged, lockGroup, otherCaptainRemains } from '~/modules/blockwatch/group-rows.server';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { can } from './policy';
import { ROLE_SCOPE, type Role, type ScopeKind } from './values';

/** Admins grant and revoke roles. Grants are read on every request, so changes apply at once. */

async function scopeExists(kind: ScopeKind, id: string) {
  if (kind === 'channel') return !!(await db().channel.findUnique({ where: { id } }));
  if (kind === 'group') return !!(await db().blockWatchGroup.findUnique({ where: { id } }));
  return !!(await db().department.findUnique({ where: { id } }));
}

/** The scope a grant of `role` takes from "<kind>:<id>": none for city-wide roles, null if it does not fit. */
async function scopeFor(role: Role, scope: string | undefined): Promise<{ scopeKind: ScopeKind | null; scopeId: string | null } | null> {
  const wanted = ROLE_SCOPE[role];
  if (!wanted) return { scopeKind: null, scopeId: null };
  const [kind, id] = (scope ?? '').split(':');
  if (kind !== wanted || !id || !(await scopeExists(wanted, id))) return null;
  return { scopeKind: wanted, scopeId: id };
}

export async function grantRole(
  caller: Caller,
  input: { email: string; role: Role; scope?: string },
): Promise<Result<{ grantId: string }>> {
  const actor = caller.user;
  if (!actor || !can(actor, 'manage:role')) return fail.forbidden();
  const scope = await scopeFor(input.role, input.scope);
  if (!scope) return fail.invalid({ scope: msg('admin:errors.scopeRequired') });
  const user = await db().user.findUnique({ where: { email: input.email } });
  if (!user || user.status === 'deleted') return fail.invalid({ email: msg('admin:errors.noSuchUser') });
  return transaction(async (tx) => {
    const existing = await tx.roleGrant.findFirst({ where: { userId: user.id, role: input.role, ...scope } });
    if (existing) return fail.invalid({ role: msg('admin:errors.alreadyGranted') });
    const grant = await tx.roleGrant.create({ data: { userId: user.id, role: input.role, ...scope, grantedById: actor.id } });
    await audit(tx, {
      actorId: actor.id,
      action: 'role.grant',
      targetKind: 'user',
      targetId: user.id,
      after: { role: grant.role, ...scope },
      requestId: caller.requestId,
    });
    // A captain leads as a member of the group, and moderates its board (this tells the sockets too).
    if (grant.role === 'captain' && grant.scopeId) await captaincyChanged(tx, grant.scopeId, user.id, actor.id);
    else await publishAfterCommit(tx, [{ room: `user:${user.id}`, type: 'roles.changed', payload: {} }]);
    return ok({ grantId: grant.id });
  });
}

/**
 * The city must keep an administrator: true if an active account other than `userId` holds the
 * admin role. Checked inside the transaction that would remove the grant.
 */
export async function otherAdminRemains(tx: Tx, userId: string) {
  const others = await tx.roleGrant.count({ where: { role: 'admin', userId: { not: userId }, user: { status: 'active' } } });
  return others > 0;
}

export async function revokeRole(caller: Caller, grantId: string): Promise<Result> {
  const actor = caller.user;
  if (!actor || !can(actor, 'manage:role')) return fail.forbidden();
  return transaction(async (tx) => {
    const grant = await tx.roleGrant.findUnique({ where: { id: grantId } });
    if (!grant) return fail.notFound();
    if (grant.role === 'admin' && !(await otherAdminRemains(tx, grant.userId))) return fail.invalid({ '': msg('admin:errors.lastAdmin') });
    const captainOf = grant.role === 'captain' ? grant.scopeId : null;
    if (captainOf) await lockGroup(tx, captainOf);
    if (captainOf && !(await otherCaptainRemains(tx, captainOf, grant.userId)))
      return fail.invalid({ '': msg('blockwatch:errors.lastCaptain') });
    await tx.roleGrant.delete({ where: { id: grantId } });
    await audit(tx, {
      actorId: actor.id,
      action: 'role.revoke',
      targetKind: 'user',
      targetId: grant.userId,
      before: { role: grant.role, scopeKind: grant.scopeKind, scopeId: grant.scopeId },
      requestId: caller.requestId,
    });
    // Sockets re-check room access on this event; pages check grants on every request.
    if (captainOf) await captaincyChanged(tx, captainOf, grant.userId, actor.id);
    else await publishAfterCommit(tx, [{ room: `user:${grant.userId}`, type: 'roles.changed', payload: {} }]);
    return ok();
  });
}
