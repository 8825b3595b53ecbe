import type { Caller } from '~/lib/caller.server';
import { db, transaction, type Tx } from '~/lib/db.server';
import { fail, ok, type Result } from '~/lib/result';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { claimToken, findToken, issueToken, link, plausibleToken, queueTemplate, voidTokens } from './links.server';
import { limit, placeOf } from './limits.server';
import { hashPassword, weakPassword } from './password.server';
import { isClosed } from './values';

/** A forgotten password: a link by mail, then a new password (and every session signed out). */

/**
 * Mails a reset link if the address belongs to an account; the caller always says the same.
 * Limited per place and per address, so the form cannot be used to flood a mailbox.
 */
export async function requestPasswordReset(caller: Caller, email: string): Promise<Result> {
  const limited = (await limit('passwordResetIp', placeOf(caller))) ?? (await limit('passwordResetEmail', email));
  if (limited) return limited;
  await transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (!user || isClosed(user.status)) return;
    const token = await issueToken(tx, user.id, 'reset_password');
    await queueTemplate(tx, email, user.locale, 'resetPassword', { name: user.displayName, link: link('/reset-password', token) });
  });
  return ok();
}

/** Whether a reset link still works (the page shows the form, or says to ask again). */
export async function resetTokenIsValid(token: string) {
  return plausibleToken(token) && !!(await findToken(db() as unknown as Tx, token, 'reset_password'));
}

/** Sets a new password from a reset link, uses the link up and signs out every session. */
export async function resetPassword(_caller: Caller, input: { token: string; password: string }): Promise<Result<{ userId: string }>> {
  const weak = weakPassword(input.password);
  if (weak) return weak;
  const passwordHash = await hashPassword(input.password);
  const userId = await transaction(async (tx) => {
    const row = await findToken(tx, input.token, 'reset_password');
    if (!row) return null;
    if (!(await claimToken(tx, row.id))) return null;
    // Other reset and e-mail-change links mailed earlier stop working too.
    await voidTokens(tx, row.userId, ['reset_password', 'change_email']);
    // Following the mailed link also proves the address.
    await tx.user.update({
      where: { id: row.userId },
      data: { passwordHash, failedLogins: 0, lockedUntil: null, emailVerifiedAt: row.user.emailVerifiedAt ?? new Date() },
    });
    await tx.session.deleteMany({ where: { userId: row.userId } });
    await publishAfterCommit(tx, [{ room: `user:${row.userId}`, type: 'session.ended', payload: {} }]);
    return row.userId;
  });
  if (!userId) return fail.invalid({ '': 'account:errors.linkInvalid' });
  return ok({ userId });
}
