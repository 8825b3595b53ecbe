import type { Caller } from '~/lib/caller.server';
import type { Tx } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { take, type LimitName } from '~/lib/rate-limit.server';
import { fail, type Failure, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import type { SessionUser } from '~/modules/identity/session.server';

/**
 * The one interface of the ways a residency is verified (docs/decisions/0024-participatory-budgeting.md):
 * staff verification (staff-verification.server.ts), the census (census.server.ts) and a letter's
 * code (letters.server.ts). Each method checks its own evidence and permission, then writes the
 * Residency through `recordResidency` in its transaction, so every residency is written and
 * audited the same way whatever proved it.
 */
export const RESIDENCY_METHODS = ['staff', 'census', 'mail_code'] as const;
export type ResidencyMethod = (typeof RESIDENCY_METHODS)[number];

/** What a method answers: the neighborhood the person is now a verified resident of. */
export type Verified = { userId: string; neighborhoodId: string; method: ResidencyMethod };
export type VerifyResidency<Input> = (caller: Caller, input: Input) => Promise<Result<Verified>>;

/**
 * Writes (or renews: the latest proof wins) the person's residency in a neighborhood, with the
 * audit entry about them. `verifiedById` is the staff member who checked, null when the person
 * proved it themselves (census, code); `evidence` goes to the audit entry (never the code).
 */
export async function recordResidency(
  tx: Tx,
  caller: Caller,
  residency: Verified & { verifiedById: string | null; evidence?: Record<string, unknown> },
): Promise<Verified> {
  const { userId, neighborhoodId, method, verifiedById } = residency;
  const data = { method, verifiedById, verifiedAt: new Date() };
  await tx.residency.upsert({
    where: { userId_neighborhoodId: { userId, neighborhoodId } },
    create: { userId, neighborhoodId, ...data },
    update: data,
  });
  await audit(tx, {
    actorId: caller.user?.id ?? null,
    action: 'residency.verify',
    targetKind: 'user',
    targetId: userId,
    after: { neighborhoodId, method, ...residency.evidence },
    requestId: caller.requestId,
  });
  return { userId, neighborhoodId, method };
}

/**
 * The signed-in person trying a check that could be guessed at (an address, a code), with the
 * attempt counted under `limit`; or the refusal: not signed in, or past the limit (429, saying how
 * long to wait).
 */
export async function attemptBy(caller: Caller, limit: LimitName): Promise<SessionUser | Failure> {
  const actor = caller.user;
  if (!actor) return fail.forbidden();
  const wait = await take(limit, actor.id);
  return wait === null ? actor : fail.rateLimited(wait, msg('eligibility:errors.tooMany', { minutes: Math.max(1, Math.ceil(wait / 60)) }));
}

/** The residency a person proved themselves (census, code): nobody from the city verified it. */
export function recordOwnResidency(
  tx: Tx,
  caller: Caller & { user: { id: string } },
  proof: { neighborhoodId: string; method: ResidencyMethod; evidence: Record<string, unknown> },
) {
  return recordResidency(tx, caller, { userId: caller.user.id, verifiedById: null, ...proof });
}
