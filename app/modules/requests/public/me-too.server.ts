import type { Caller } from '~/lib/caller.server';
import { db, transaction } from '~/lib/db.server';
import { fail, ok, type Result } from '~/lib/result';
import { isOpen } from '../lifecycle';
import { asVisibility, canSayMeToo } from '../policy';
import { PublicCodeSchema } from '../public-code';

/**
 * "Follow it / me too": a resident who has the same problem adds themselves to a published
 * request instead of filing it again. It is a Follow row of level `metoo` (no new column): the
 * count is those rows, and `handling.server` notifies them of public changes like followers. A
 * `metoo` row is not a `follow` (tracking/request-queries followsRequest), so it never opens the
 * request's own page: they keep the public view, which is all they were shown.
 */
const ME_TOO = 'metoo';

/** How many said "me too", and whether this reader already follows the request (any level). */
export async function meTooState(requestId: string, userId: string | undefined) {
  const [count, own] = await Promise.all([
    db().follow.count({ where: { targetKind: 'request', targetId: requestId, level: ME_TOO } }),
    userId
      ? db().follow.findUnique({
          where: { userId_targetKind_targetId: { userId, targetKind: 'request', targetId: requestId } },
          select: { level: true },
        })
      : null,
  ]);
  return { count, follows: !!own };
}

/**
 * Says "me too" on the request with this code: notFound for an unknown or unpublished request (as
 * its page), conflict once it is no longer open; `already` when the reader followed it before
 * (their row is left as it is: a requester stays a follower).
 */
export async function sayMeToo(caller: Caller, rawCode: string): Promise<Result<{ code: string; already: boolean }>> {
  const user = caller.user;
  const code = PublicCodeSchema.safeParse(rawCode);
  if (!user || !code.success) return fail.notFound();
  return transaction(async (tx) => {
    const request = await tx.serviceRequest.findUnique({
      where: { publicCode: code.data },
      select: { id: true, publicCode: true, status: true, type: { select: { publicVisibility: true } } },
    });
    if (!request) return fail.notFound();
    const visibility = asVisibility(request.type.publicVisibility);
    if (visibility === 'none') return fail.notFound();
    if (!canSayMeToo(user, { visibility, open: isOpen(request.status) })) return fail.conflict('requests:metoo.closed');
    const key = { userId_targetKind_targetId: { userId: user.id, targetKind: 'request', targetId: request.id } };
    if (await tx.follow.findUnique({ where: key, select: { level: true } })) return ok({ code: request.publicCode, already: true });
    await tx.follow.create({ data: { userId: user.id, targetKind: 'request', targetId: request.id, level: ME_TOO } });
    return ok({ code: request.publicCode, already: false });
  });
}
