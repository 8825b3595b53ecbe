import type { Caller } from '~/lib/caller.server';
import { db, transaction } from '~/lib/db.server';
import { fail, ok, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import { hashToken, newToken } from '~/modules/identity/tokens.server';
import { activateMember } from './group-rows.server';
import { decidesMembers } from './policy';
import { membershipOf, type Group } from './queries.server';

/**
 * Invite links of a block-watch group (docs/decisions/0023-block-watch-design.md): a leader makes
 * one and shares it; whoever opens it signed in joins at once, until a leader revokes it. Only the
 * SHA-256 of the token is stored, so a link is shown once, when it is made.
 */

/** Tokens are 43 base64url characters (newToken); anything else is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

async function leader(caller: Caller, group: Group) {
  const actor = caller.user;
  if (!actor || !decidesMembers(actor, group.id, await membershipOf(group.id, actor.id))) return null;
  return actor;
}

/** Makes an invite link; its token is returned once and never stored. */
export async function createInvite(caller: Caller, group: Group): Promise<Result<{ token: string }>> {
  const actor = await leader(caller, group);
  if (!actor) return fail.forbidden();
  const { token, hash } = newToken();
  return transaction(async (tx) => {
    const invite = await tx.groupInvite.create({
      data: { groupId: group.id, tokenHash: hash, createdById: actor.id },
      select: { id: true },
    });
    await audit(tx, {
      actorId: actor.id,
      action: 'group.invite',
      targetKind: 'group',
      targetId: group.id,
      after: { inviteId: invite.id },
      requestId: caller.requestId,
    });
    return ok({ token });
  });
}

/** Revokes a link of this group: whoever opens it afterwards is told it no longer works. */
export async function revokeInvite(caller: Caller, group: Group, inviteId: string): Promise<Result> {
  const actor = await leader(caller, group);
  if (!actor) return fail.forbidden();
  return transaction(async (tx) => {
    const revoked = await tx.groupInvite.updateMany({
      where: { id: inviteId, groupId: group.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (!revoked.count) {
      const exists = await tx.groupInvite.count({ where: { id: inviteId, groupId: group.id } });
      return exists ? ok() : fail.notFound();
    }
    await audit(tx, {
      actorId: actor.id,
      action: 'group.revokeInvite',
      targetKind: 'group',
      targetId: group.id,
      before: { inviteId },
      requestId: caller.requestId,
    });
    return ok();
  });
}

/** The invite behind a token with its group's slug, or null for a token that was never made. */
export async function inviteByToken(token: string) {
  if (!TOKEN.test(token)) return null;
  return db().groupInvite.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, group: { select: { slug: true } } },
  });
}

/**
 * Joins through a link: an active account becomes an active member at once, whatever it had asked
 * before, except someone a leader removed (the link is shared widely; removal stands).
 */
export async function joinByInvite(caller: Caller, group: Group, token: string): Promise<Result> {
  const user = caller.user;
  if (!user || user.status !== 'active') return fail.forbidden();
  const invite = await inviteByToken(token);
  if (!invite || invite.group.slug !== group.slug) return fail.notFound();
  if (invite.revokedAt) return fail.conflict('blockwatch:errors.inviteRevoked');
  const membership = await membershipOf(group.id, user.id);
  if (membership?.status === 'active') return ok();
  if (membership?.status === 'removed') return fail.conflict('blockwatch:errors.removed');
  return transaction(async (tx) => {
    // Revoked while the page was open: checked again in the transaction that joins.
    if (!(await tx.groupInvite.count({ where: { id: invite.id, revokedAt: null } })))
      return fail.conflict('blockwatch:errors.inviteRevoked');
    await activateMember(tx, group, user.id, { via: 'invite', decidedById: null, sharedName: null });
    return ok();
  });
}
