import { db, transaction, type Tx } from '~/lib/db.server';
import { formError, msg } from '~/lib/forms';
import { audit } from '~/modules/audit/audit.server';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { ROLE_SCOPE, type Role, type ScopeKind } from './policy';

/** Admins grant and revoke roles. Grants are read on every request, so changes apply at once. */
type Actor = { userId: string; requestId?: string };

async function scopeExists(kind: ScopeKind, id: string) {
  if (kind === 'channel') return !!(await db().channel.findUnique({ where: { id } }));
  if (kind === 'group') return !!(await db().blockWatchGroup.findUnique({ where: { id } }));
  return !!(await db().department.findUnique({ where: { id } }));
}

export async function grantRole(actor: Actor, input: { email: string; role: Role; scope?: string }) {
  const values = { email: input.email, role: input.role, scope: input.scope ?? '' };
  const wanted = ROLE_SCOPE[input.role];
  let scopeKind: ScopeKind | null = null;
  let scopeId: string | null = null;
  if (wanted) {
    const [kind, id] = (input.scope ?? '').split(':');
    if (kind !== wanted || !id || !(await scopeExists(wanted, id))) return formError('scope', msg('admin:errors.scopeRequired'), values);
    scopeKind = wanted;
    scopeId = id;
  }
  const user = await db().user.findUnique({ where: { email: input.email } });
  if (!user || user.status === 'deleted') return formError('email', msg('admin:errors.noSuchUser'), values);
  return transaction(async (tx) => {
    const existing = await tx.roleGrant.findFirst({ where: { userId: user.id, role: input.role, scopeKind, scopeId } });
    if (existing) return formError('role', msg('admin:errors.alreadyGranted'), values);
    const grant = await tx.roleGrant.create({ data: { userId: user.id, role: input.role, scopeKind, scopeId, grantedById: actor.userId } });
    await audit(tx, { actorId: actor.userId, action: 'role.grant', targetKind: 'user', targetId: user.id, after: { role: grant.role, scopeKind, scopeId }, requestId: actor.requestId });
    await publishAfterCommit(tx, [{ room: `user:${user.id}`, type: 'roles.changed', payload: {} }]);
    return { ok: true as const, grantId: grant.id };
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

export async function revokeRole(actor: Actor, grantId: string) {
  return transaction(async (tx) => {
    const grant = await tx.roleGrant.findUnique({ where: { id: grantId } });
    if (!grant) return formError('form', msg('admin:errors.notFound'));
    if (grant.role === 'admin' && !(await otherAdminRemains(tx, grant.userId))) {
      return formError('form', msg('admin:errors.lastAdmin'));
    }
    await tx.roleGrant.delete({ where: { id: grantId } });
    await audit(tx, { actorId: actor.userId, action: 'role.revoke', targetKind: 'user', targetId: grant.userId, before: { role: grant.role, scopeKind: grant.scopeKind, scopeId: grant.scopeId }, requestId: actor.requestId });
    // Sockets re-check room access on this event; pages check grants on every request.
    await publishAfterCommit(tx, [{ room: `user:${grant.userId}`, type: 'roles.changed', payload: {} }]);
    return { ok: true as const };
  });
}
