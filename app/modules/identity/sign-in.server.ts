import type { Caller, SignedInCaller } from '~/lib/caller.server';
import { db, transaction } from '~/lib/db.server';
import { fail, ok, type Result } from '~/lib/result';
import { refund } from '~/lib/rate-limit.server';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { pageLink, queueTemplate } from './links.server';
import { limit, placeOf } from './limits.server';
import { verifyPassword } from './password.server';
import { createSession, legalPendingOf } from './session.server';
import { legalVersions } from '~/modules/site-pages/pages.server';
import { countSignInFailure, mayNotifyOwner, SIGN_IN_LIMIT_MINUTES, signInSucceeded, signInWait } from './sign-in-limits.server';
import { resendVerification } from './sign-up.server';
import { isClosed } from './values';

/** Signing in and out. */

/**
 * Checks the password. The same answer is given for an unknown address and a wrong password.
 * Wrong passwords are limited per account and place (sign-in-limits.server.ts), never by locking
 * the account for everyone; the owner gets one mail when their account starts being limited.
 * The per-IP limit is for guessing: a right password gives its attempt back, so many people
 * signing in behind one address (a city hall, a library) are never stopped by it.
 */
export async function signIn(
  caller: Caller,
  input: { email: string; password: string },
): Promise<Result<{ setCookie: string; locale: string; legalPending: boolean }>> {
  const { email, password } = input;
  const ip = placeOf(caller);
  const limited = await limit('signInIp', ip);
  if (limited) return limited;
  const wait = await signInWait(email, ip);
  if (wait !== null) return fail.rateLimited(wait);
  const user = await db().user.findUnique({ where: { email } });
  const matches = await verifyPassword(password, user?.passwordHash);
  if (!user || isClosed(user.status) || !matches) {
    const limiting = await countSignInFailure(email, ip);
    if (limiting && user && !isClosed(user.status)) await noticeSignInLimited(user);
    return fail.invalid({ '': 'auth:signIn.invalid' });
  }
  if (!user.emailVerifiedAt) {
    const resent = await resendVerification(caller, email);
    return resent.ok ? fail.invalid({ '': 'auth:signIn.unverified' }) : resent;
  }
  await signInSucceeded(email, ip);
  await refund('signInIp', ip);
  const current = await legalVersions(db());
  const legalPending = legalPendingOf({ ...user, termsCurrent: current.termsVersion, privacyCurrent: current.privacyVersion });
  return ok({ setCookie: await createSession(user.id), locale: user.locale, legalPending });
}

/** Tells the owner, in their language and once per window, that sign-ins to their account are limited. */
async function noticeSignInLimited(user: { id: string; email: string | null; locale: string; displayName: string }) {
  if (!user.email || !(await mayNotifyOwner(user.id))) return;
  const to = user.email;
  await transaction(async (tx) => {
    await queueTemplate(tx, to, user.locale, 'signInLimited', {
      name: user.displayName,
      minutes: String(SIGN_IN_LIMIT_MINUTES),
      link: pageLink('/forgot-password'),
    });
  });
}

/** Ends this session (its sockets are told); a visitor signing out has nothing to end. */
export async function signOut(caller: Caller): Promise<Result> {
  const user = caller.user;
  if (!user) return ok();
  await transaction(async (tx) => {
    await tx.session.deleteMany({ where: { id: user.sessionId } });
    await publishAfterCommit(tx, [{ room: `user:${user.id}`, type: 'session.ended', payload: { sessionId: user.sessionId } }]);
  });
  return ok();
}

/** Ends every session of the caller's account, this one included. */
export async function signOutEverywhere(caller: SignedInCaller): Promise<Result> {
  const userId = caller.user.id;
  await transaction(async (tx) => {
    await tx.session.deleteMany({ where: { userId } });
    await publishAfterCommit(tx, [{ room: `user:${userId}`, type: 'session.ended', payload: {} }]);
  });
  return ok();
}
