import type { Caller } from '~/lib/caller.server';
import { db, transaction } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { fail, ok, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import { managesBudgets } from '../policy';
import { recordResidency, type VerifyResidency } from './residency.server';

/**
 * Staff verification: a staff member who has seen proof of address (at a counter, by phone)
 * verifies a signed-up person, found by e-mail, for a neighborhood; and revokes a residency that
 * no longer holds. Both audited, under manage:budget.
 */
export const verifyByStaff: VerifyResidency<{ email: string; neighborhoodId: string }> = async (caller, input) => {
  const actor = caller.user;
  if (!actor || !managesBudgets(actor)) return fail.forbidden();
  const [person, place] = await Promise.all([
    db().user.findFirst({ where: { email: input.email, deletedAt: null }, select: { id: true } }),
    db().neighborhood.findUnique({ where: { id: input.neighborhoodId }, select: { id: true } }),
  ]);
  if (!person) return fail.invalid({ email: msg('eligibility:errors.noSuchPerson') });
  if (!place) return fail.invalid({ neighborhoodId: msg('forms:choose') });
  return transaction(async (tx) =>
    ok(await recordResidency(tx, caller, { userId: person.id, neighborhoodId: place.id, method: 'staff', verifiedById: actor.id })),
  );
};

export async function revokeResidency(caller: Caller, input: { userId: string; neighborhoodId: string }): Promise<Result> {
  const actor = caller.user;
  if (!actor || !managesBudgets(actor)) return fail.forbidden();
  return transaction(async (tx) => {
    const key = { userId_neighborhoodId: { userId: input.userId, neighborhoodId: input.neighborhoodId } };
    const residency = await tx.residency.findUnique({ where: key, select: { method: true, verifiedAt: true } });
    if (!residency) return fail.notFound();
    await tx.residency.delete({ where: key });
    await audit(tx, {
      actorId: actor.id,
      action: 'residency.revoke',
      targetKind: 'user',
      targetId: input.userId,
      before: { neighborhoodId: input.neighborhoodId, method: residency.method, verifiedAt: residency.verifiedAt.toISOString() },
      requestId: caller.requestId,
    });
    return ok();
  });
}
