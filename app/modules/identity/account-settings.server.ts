import type { z } from 'zod';
import type { Caller, SignedInCaller } from '~/lib/caller.server';
import { db, isUniqueViolation, transaction } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { fail, ok, type Result } from '~/lib/result';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { currentPasswordProblem } from './current-password.server';
import { claimToken, findToken, issueToken, link, plausibleToken, queueTemplate, voidTokens } from './links.server';
import { limit } from './limits.server';
import { hashPassword, weakPassword } from './password.server';
import { mayRename } from './policy';
import type { ProfileSchema } from './schemas';

/** A person's own account settings: language, profile, password and e-mail address. */

/** The language switch remembers a signed-in person's choice on their account (a visitor's is only the cookie). */
export async function setLocale(caller: Caller, locale: string): Promise<Result> {
  if (caller.user) await db().user.update({ where: { id: caller.user.id }, data: { locale } });
  return ok();
}

export async function updateProfile(caller: SignedInCaller, input: z.output<typeof ProfileSchema>): Promise<Result> {
  const user = caller.user;
  if (!mayRename(user, input.displayName)) return fail.invalid({ displayName: msg('account:errors.nameWhileSuspended') });
  return transaction(async (tx) => {
    if (input.neighborhoodId && !(await tx.neighborhood.findUnique({ where: { id: input.neighborhoodId } }))) {
      return fail.invalid({ neighborhoodId: msg('forms:choose') });
    }
    await tx.user.update({
      where: { id: user.id },
      data: { displayName: input.displayName, locale: input.locale, neighborhoodId: input.neighborhoodId ?? null },
    });
    return ok();
  });
}

export async function changePassword(caller: SignedInCaller, input: { currentPassword: string; password: string }): Promise<Result> {
  const user = caller.user;
  const problem = (await currentPasswordProblem(user.id, input.currentPassword)) ?? weakPassword(input.password);
  if (problem) return problem;
  const passwordHash = await hashPassword(input.password);
  await transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    // Other devices are signed out (and their sockets dropped); this one stays signed in.
    const others = await tx.session.findMany({ where: { userId: user.id, id: { not: user.sessionId } }, select: { id: true } });
    await tx.session.deleteMany({ where: { userId: user.id, id: { not: user.sessionId } } });
    await voidTokens(tx, user.id, ['reset_password']);
    await publishAfterCommit(
      tx,
      others.map((s) => ({ room: `user:${user.id}`, type: 'session.ended', payload: { sessionId: s.id } })),
    );
  });
  return ok();
}

/**
 * Mails a confirmation link to the new address; the change happens when it is followed. Each
 * request may mail two messages: limited per account like other mail a person can trigger.
 */
export async function requestEmailChange(caller: SignedInCaller, input: { email: string; currentPassword: string }): Promise<Result> {
  const user = caller.user;
  const newEmail = input.email;
  const limited = await limit('mailSendAccount', user.id);
  if (limited) return limited;
  const wrong = await currentPasswordProblem(user.id, input.currentPassword);
  if (wrong) return wrong;
  if (newEmail === user.email) return fail.invalid({ email: msg('account:errors.sameEmail') });
  await transaction(async (tx) => {
    // A taken address gets no link (and the form does not say it is taken).
    if (await tx.user.findUnique({ where: { email: newEmail } })) return;
    // Only the newest link works.
    await voidTokens(tx, user.id, ['change_email']);
    const token = await issueToken(tx, user.id, 'change_email', newEmail);
    await queueTemplate(tx, newEmail, user.locale, 'changeEmail', { name: user.displayName, link: link('/account/confirm-email', token) });
    if (user.email) await queueTemplate(tx, user.email, user.locale, 'emailChangeRequested', { name: user.displayName, email: newEmail });
  });
  return ok();
}

/**
 * Follows the link mailed to the new address, signed in as the account it belongs to (a link of
 * another account is refused). Links mailed to the old address (password reset, other address
 * changes) stop working.
 */
export async function confirmEmailChange(caller: SignedInCaller, token: string): Promise<Result> {
  const invalid = fail.notFound('account:errors.linkInvalid');
  if (!plausibleToken(token)) return invalid;
  try {
    const done = await transaction(async (tx) => {
      const row = await findToken(tx, token, 'change_email');
      if (!row || !row.target) return false;
      if (row.userId !== caller.user.id) return false;
      if (await tx.user.findUnique({ where: { email: row.target } })) return false;
      if (!(await claimToken(tx, row.id))) return false;
      await tx.user.update({ where: { id: row.userId }, data: { email: row.target, emailVerifiedAt: new Date() } });
      await voidTokens(tx, row.userId, ['change_email', 'reset_password', 'verify_email']);
      return true;
    });
    return done ? ok() : invalid;
  } catch (error) {
    // Someone took the address between the check and the write.
    if (isUniqueViolation(error)) return invalid;
    throw error;
  }
}
