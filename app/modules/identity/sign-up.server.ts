import type { z } from 'zod';
import type { Caller } from '~/lib/caller.server';
import { db, isUniqueViolation, transaction } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { fail, ok, type Result } from '~/lib/result';
import { claimToken, findToken, issueToken, link, pageLink, plausibleToken, queueTemplate } from './links.server';
import { legalVersions } from '~/modules/site-pages/pages.server';
import { limit, placeOf } from './limits.server';
import { hashPassword, weakPassword } from './password.server';
import type { SignUpSchema } from './schemas';

/** Signing up and proving the address: an account starts unverified until its mailed link is followed. */
export type SignUpInput = z.output<typeof SignUpSchema>;

/**
 * Creates an unverified account and mails a verification link. If the address is taken, the
 * owner gets a mail instead and the visitor sees the same page, so sign-up reveals nothing.
 */
export async function signUp(caller: Caller, input: SignUpInput): Promise<Result> {
  const limited = await limit('signUpIp', placeOf(caller));
  if (limited) return limited;
  const weak = weakPassword(input.password);
  if (weak) return weak;
  if (input.neighborhoodId && !(await db().neighborhood.findUnique({ where: { id: input.neighborhoodId } }))) {
    return fail.invalid({ neighborhoodId: msg('forms:choose') });
  }
  const passwordHash = await hashPassword(input.password);
  const tellOwner = () =>
    transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email: input.email } });
      if (existing?.email)
        await queueTemplate(tx, existing.email, existing.locale, 'accountExists', {
          name: existing.displayName,
          link: pageLink('/forgot-password'),
        });
    });
  try {
    await createAccount(input, passwordHash, tellOwner);
  } catch (error) {
    // A double submit (or a race) created the account first: answer as for a taken address.
    if (!isUniqueViolation(error)) throw error;
    await tellOwner();
  }
  return ok();
}

async function createAccount(input: SignUpInput, passwordHash: string, tellOwner: () => Promise<void>) {
  const taken = await db().user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (taken) return tellOwner();
  await transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        displayName: input.displayName,
        email: input.email,
        passwordHash,
        locale: input.locale,
        neighborhoodId: input.neighborhoodId ?? null,
        // The schema refused the form without the box ticked: what was shown is what is accepted.
        termsAcceptedAt: new Date(),
        ...(await legalVersions(tx)),
      },
    });
    const token = await issueToken(tx, user.id, 'verify_email');
    await queueTemplate(tx, input.email, input.locale, 'verifyEmail', { name: user.displayName, link: link('/verify-email', token) });
  });
}

/** Follows the link of the verification mail: the address is proven; answers it, for the sign-in form. */
export async function verifyEmail(_caller: Caller, token: string): Promise<Result<{ email: string }>> {
  if (!plausibleToken(token)) return fail.notFound('auth:verify.invalid');
  const email = await transaction(async (tx) => {
    const row = await findToken(tx, token, 'verify_email');
    if (!row || !(await claimToken(tx, row.id))) return null;
    const user = await tx.user.update({ where: { id: row.userId }, data: { emailVerifiedAt: row.user.emailVerifiedAt ?? new Date() } });
    return user.email;
  });
  return email ? ok({ email }) : fail.notFound('auth:verify.invalid');
}

/**
 * Sends a fresh verification link to an unverified account (silently nothing otherwise), within
 * the limit of mail a person can trigger.
 */
export async function resendVerification(_caller: Caller, email: string): Promise<Result> {
  const limited = await limit('mailSendAccount', email);
  if (limited) return limited;
  await transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (!user || user.emailVerifiedAt || user.status !== 'active') return;
    const token = await issueToken(tx, user.id, 'verify_email');
    await queueTemplate(tx, email, user.locale, 'verifyEmail', { name: user.displayName, link: link('/verify-email', token) });
  });
  return ok();
}
