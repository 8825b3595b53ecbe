import { db } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { fail, type Failure } from '~/lib/result';
import { verifyPassword } from './password.server';

/**
 * The current password, asked again before a sensitive change (address, password, deletion).
 * Wrong answers count like failed sign-ins (LOCK_AFTER_FAILURES, then LOCK_MINUTES locked), so a
 * stolen session cannot guess the password to take the account over; while locked, even the
 * right password is refused.
 */
const LOCK_AFTER_FAILURES = 5;
const LOCK_MINUTES = 15;

/** Null when the password is right; else the failure on the `currentPassword` field. */
export async function currentPasswordProblem(userId: string, password: string): Promise<Failure | null> {
  const row = await db().user.findUnique({ where: { id: userId }, select: { passwordHash: true, failedLogins: true, lockedUntil: true } });
  const locked = !!row?.lockedUntil && row.lockedUntil.getTime() > Date.now();
  const matches = await verifyPassword(password, row?.passwordHash);
  if (!row) return wrong();
  if (locked) return fail.invalid({ currentPassword: msg('account:errors.locked', { minutes: LOCK_MINUTES }) });
  if (!matches) {
    await countFailure(userId);
    return wrong();
  }
  if (row.failedLogins || row.lockedUntil) await db().user.update({ where: { id: userId }, data: { failedLogins: 0, lockedUntil: null } });
  return null;
}

const wrong = () => fail.invalid({ currentPassword: msg('account:errors.wrongPassword') });

/** Counts a wrong password atomically (parallel guesses cannot share one count); locks at the limit. */
async function countFailure(userId: string) {
  const { failedLogins } = await db().user.update({
    where: { id: userId },
    data: { failedLogins: { increment: 1 } },
    select: { failedLogins: true },
  });
  if (failedLogins >= LOCK_AFTER_FAILURES) {
    await db().user.update({
      where: { id: userId },
      data: { failedLogins: 0, lockedUntil: new Date(Date.now() + LOCK_MINUTES * 60 * 1000) },
    });
  }
}
