import { db, transaction } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { formError, msg, type FormFailure } from '~/lib/forms';
import { fixedT } from '~/lib/i18n.server';
import { queueMail, redactTokens } from '~/lib/mail.server';
import type { Tx } from '~/lib/db.server';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { hashPassword, isCommonPassword, verifyPassword } from './password.server';
import { otherAdminRemains } from './roles.server';
import { createSession } from './session.server';
import { countSignInFailure, mayNotifyOwner, SIGN_IN_LIMIT_MINUTES, signInSucceeded, signInWait } from './sign-in-limits.server';
import type { SessionUser } from './session.server';
import { hashToken, newToken } from './tokens.server';

/** Use-cases of a person's own account: sign up, verify, sign in, reset, change, delete, export. */

const HOUR = 60 * 60 * 1000;
export const TOKEN_LIFETIME = { verify_email: 48 * HOUR, reset_password: 1 * HOUR, change_email: 24 * HOUR } as const;
type TokenKind = keyof typeof TOKEN_LIFETIME;
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;

function link(path: string, token: string) {
  return `${getEnv().PUBLIC_URL}${path}?token=${encodeURIComponent(token)}`;
}

async function issueToken(tx: Tx, userId: string, kind: TokenKind, target?: string) {
  const { token, hash } = newToken();
  await tx.verification.create({
    data: { kind, userId, tokenHash: hash, target: target ?? null, expiresAt: new Date(Date.now() + TOKEN_LIFETIME[kind]) },
  });
  return token;
}

/** Queues a mail from the `mail` namespace (subject + body keys) in the reader's language. */
async function queueTemplate(tx: Tx, to: string, lng: string, kind: string, values: Record<string, string>) {
  const t = await fixedT(lng, ['mail', 'common']);
  const city = (await tx.city.findUnique({ where: { id: 1 } }))?.name ?? 'Townsquare';
  const all = { ...values, city };
  await queueMail(tx, {
    to,
    kind,
    locale: lng,
    subject: t(`mail:${kind}.subject`, all),
    text: `${t(`mail:${kind}.body`, all)}\n\n— ${t('mail:signature', all)}`,
  });
}

export function passwordProblem(password: string, field = 'password'): FormFailure | null {
  return isCommonPassword(password) ? formError(field, msg('account:errors.commonPassword')) : null;
}

export type SignUpInput = { displayName: string; email: string; password: string; locale: string; neighborhoodId?: string };

/**
 * Creates an unverified account and mails a verification link. If the address is taken, the
 * owner gets a mail instead and the visitor sees the same page, so sign-up reveals nothing.
 */
export async function signUp(input: SignUpInput): Promise<FormFailure | { ok: true }> {
  const weak = passwordProblem(input.password);
  if (weak) return { ...weak, values: { displayName: input.displayName, email: input.email } };
  if (input.neighborhoodId && !(await db().neighborhood.findUnique({ where: { id: input.neighborhoodId } }))) {
    return formError('neighborhoodId', msg('forms:choose'), { displayName: input.displayName, email: input.email });
  }
  const passwordHash = await hashPassword(input.password);
  const tellOwner = () =>
    transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email: input.email } });
      if (existing?.email) await queueTemplate(tx, existing.email, existing.locale, 'accountExists', { name: existing.displayName, link: `${getEnv().PUBLIC_URL}/forgot-password` });
    });
  try {
    await createAccount(input, passwordHash, tellOwner);
  } catch (error) {
    // A double submit (or a race) created the account first: answer as for a taken address.
    if (!isUniqueViolation(error)) throw error;
    await tellOwner();
  }
  return { ok: true };
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
      },
    });
    const token = await issueToken(tx, user.id, 'verify_email');
    await queueTemplate(tx, input.email, input.locale, 'verifyEmail', { name: user.displayName, link: link('/verify-email', token) });
  });
}

/** Finds a usable token of the given kind; null if unknown, used or expired. */
async function findToken(tx: Tx, token: string, kind: TokenKind) {
  const row = await tx.verification.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.kind !== kind || row.usedAt || row.expiresAt.getTime() < Date.now()) return null;
  if (row.user.status === 'deleted' || row.user.status === 'banned') return null;
  return row;
}

export async function verifyEmail(token: string): Promise<boolean> {
  return transaction(async (tx) => {
    const row = await findToken(tx, token, 'verify_email');
    if (!row || !(await claimToken(tx, row.id))) return false;
    await tx.user.update({ where: { id: row.userId }, data: { emailVerifiedAt: row.user.emailVerifiedAt ?? new Date() } });
    return true;
  });
}

/** Marks a token used; false if a parallel request used it first (single use, even under races). */
async function claimToken(tx: Tx, id: string) {
  const { count } = await tx.verification.updateMany({ where: { id, usedAt: null }, data: { usedAt: new Date() } });
  return count === 1;
}

/** Sends a fresh verification link to an unverified account (silently nothing otherwise). */
export async function resendVerification(email: string) {
  await transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (!user || user.emailVerifiedAt || user.status !== 'active') return;
    const token = await issueToken(tx, user.id, 'verify_email');
    await queueTemplate(tx, email, user.locale, 'verifyEmail', { name: user.displayName, link: link('/verify-email', token) });
  });
}

/**
 * Counts a wrong password atomically (parallel guesses cannot share one count) and locks the
 * account for LOCK_MINUTES once LOCK_AFTER_FAILURES is reached.
 */
async function countFailure(userId: string) {
  const { failedLogins } = await db().user.update({ where: { id: userId }, data: { failedLogins: { increment: 1 } }, select: { failedLogins: true } });
  if (failedLogins >= LOCK_AFTER_FAILURES) {
    await db().user.update({ where: { id: userId }, data: { failedLogins: 0, lockedUntil: new Date(Date.now() + LOCK_MINUTES * 60 * 1000) } });
  }
}

async function clearFailures(user: { id: string; failedLogins: number; lockedUntil: Date | null }) {
  if (user.failedLogins || user.lockedUntil) await db().user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null } });
}

export type SignInResult =
  | { ok: true; setCookie: string; locale: string }
  | { ok: false; reason: 'invalid' | 'unverified' }
  | { ok: false; reason: 'limited'; retryAfter: number };

/**
 * Checks the password. The same answer is given for an unknown address and a wrong password.
 * Wrong passwords are limited per account and place (sign-in-limits.server.ts), never by locking
 * the account for everyone; the owner gets one mail when their account starts being limited.
 */
export async function signIn(email: string, password: string, ip: string): Promise<SignInResult> {
  const wait = await signInWait(email, ip);
  if (wait !== null) return { ok: false, reason: 'limited', retryAfter: wait };
  const user = await db().user.findUnique({ where: { email } });
  const matches = await verifyPassword(password, user?.passwordHash);
  if (!user || user.status === 'deleted' || user.status === 'banned' || !matches) {
    const limiting = await countSignInFailure(email, ip);
    if (limiting && user && user.status !== 'deleted' && user.status !== 'banned') await noticeSignInLimited(user);
    return { ok: false, reason: 'invalid' };
  }
  if (!user.emailVerifiedAt) return { ok: false, reason: 'unverified' };
  await signInSucceeded(email, ip);
  return { ok: true, setCookie: await createSession(user.id), locale: user.locale };
}

/** Tells the owner, in their language and once per window, that sign-ins to their account are limited. */
async function noticeSignInLimited(user: { id: string; email: string | null; locale: string; displayName: string }) {
  if (!user.email || !(await mayNotifyOwner(user.id))) return;
  const to = user.email;
  await transaction(async (tx) => {
    await queueTemplate(tx, to, user.locale, 'signInLimited', {
      name: user.displayName,
      minutes: String(SIGN_IN_LIMIT_MINUTES),
      link: `${getEnv().PUBLIC_URL}/forgot-password`,
    });
  });
}

/** Mails a reset link if the address belongs to an account; the caller always says the same. */
export async function requestPasswordReset(email: string) {
  await transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (!user || user.status === 'deleted' || user.status === 'banned') return;
    const token = await issueToken(tx, user.id, 'reset_password');
    await queueTemplate(tx, email, user.locale, 'resetPassword', { name: user.displayName, link: link('/reset-password', token) });
  });
}

export async function resetTokenIsValid(token: string) {
  return !!(await findToken(db() as unknown as Tx, token, 'reset_password'));
}

/** Sets a new password from a reset link, uses the link up and signs out every session. */
export async function resetPassword(token: string, password: string): Promise<FormFailure | { ok: true; userId: string }> {
  const weak = passwordProblem(password);
  if (weak) return weak;
  const passwordHash = await hashPassword(password);
  const userId = await transaction(async (tx) => {
    const row = await findToken(tx, token, 'reset_password');
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
  if (!userId) return formError('form', msg('account:errors.linkInvalid'));
  return { ok: true, userId };
}

/** The language switch remembers a signed-in person's choice on their account. */
export async function setLocale(userId: string, locale: string) {
  await db().user.update({ where: { id: userId }, data: { locale } });
}

export async function updateProfile(user: SessionUser, input: { displayName: string; locale: string; neighborhoodId?: string }) {
  const values = { displayName: input.displayName, locale: input.locale, neighborhoodId: input.neighborhoodId ?? '' };
  // A suspended account keeps its name until the suspension ends (no new name to evade it by).
  if (user.status !== 'active' && input.displayName !== user.displayName) {
    return formError('displayName', msg('account:errors.nameWhileSuspended'), values);
  }
  return transaction(async (tx) => {
    if (input.neighborhoodId && !(await tx.neighborhood.findUnique({ where: { id: input.neighborhoodId } }))) {
      return formError('neighborhoodId', msg('forms:choose'), values);
    }
    await tx.user.update({
      where: { id: user.id },
      data: { displayName: input.displayName, locale: input.locale, neighborhoodId: input.neighborhoodId ?? null },
    });
    return { ok: true as const };
  });
}

/**
 * Checks the current password before a sensitive change. Wrong answers count like failed sign-ins
 * (LOCK_AFTER_FAILURES, then LOCK_MINUTES locked), so a stolen session cannot guess the password
 * to take the account over; while locked, even the right password is refused.
 */
async function currentPasswordProblem(userId: string, password: string, values: Record<string, string> = {}): Promise<FormFailure | null> {
  const row = await db().user.findUnique({ where: { id: userId }, select: { passwordHash: true, failedLogins: true, lockedUntil: true } });
  const locked = !!row?.lockedUntil && row.lockedUntil.getTime() > Date.now();
  const matches = await verifyPassword(password, row?.passwordHash);
  if (!row) return formError('currentPassword', msg('account:errors.wrongPassword'), values);
  if (locked) return formError('currentPassword', msg('account:errors.locked', { minutes: LOCK_MINUTES }), values);
  if (!matches) {
    await countFailure(userId);
    return formError('currentPassword', msg('account:errors.wrongPassword'), values);
  }
  await clearFailures({ id: userId, ...row });
  return null;
}

/** Links mailed earlier stop working (e.g. reset links sent before the password or address changed). */
async function voidTokens(tx: Tx, userId: string, kinds: TokenKind[]) {
  await tx.verification.updateMany({ where: { userId, kind: { in: kinds }, usedAt: null }, data: { usedAt: new Date() } });
}

export async function changePassword(user: SessionUser, currentPassword: string, password: string) {
  const wrong = await currentPasswordProblem(user.id, currentPassword);
  if (wrong) return wrong;
  const weak = passwordProblem(password);
  if (weak) return weak;
  const passwordHash = await hashPassword(password);
  await transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    // Other devices are signed out (and their sockets dropped); this one stays signed in.
    const others = await tx.session.findMany({ where: { userId: user.id, id: { not: user.sessionId } }, select: { id: true } });
    await tx.session.deleteMany({ where: { userId: user.id, id: { not: user.sessionId } } });
    await voidTokens(tx, user.id, ['reset_password']);
    await publishAfterCommit(tx, others.map((s) => ({ room: `user:${user.id}`, type: 'session.ended', payload: { sessionId: s.id } })));
  });
  return { ok: true as const };
}

/** Mails a confirmation link to the new address; the change happens when it is followed. */
export async function requestEmailChange(user: SessionUser, newEmail: string, currentPassword: string) {
  const wrong = await currentPasswordProblem(user.id, currentPassword, { email: newEmail });
  if (wrong) return wrong;
  if (newEmail === user.email) return formError('email', msg('account:errors.sameEmail'), { email: newEmail });
  await transaction(async (tx) => {
    // A taken address gets no link (and the form does not say it is taken).
    if (await tx.user.findUnique({ where: { email: newEmail } })) return;
    // Only the newest link works.
    await voidTokens(tx, user.id, ['change_email']);
    const token = await issueToken(tx, user.id, 'change_email', newEmail);
    await queueTemplate(tx, newEmail, user.locale, 'changeEmail', { name: user.displayName, link: link('/account/confirm-email', token) });
    if (user.email) await queueTemplate(tx, user.email, user.locale, 'emailChangeRequested', { name: user.displayName, email: newEmail });
  });
  return { ok: true as const };
}

function isUniqueViolation(error: unknown) {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}

/**
 * Follows the link mailed to the new address. With `userId` (the signed-in person), a link that
 * belongs to another account is refused. Links mailed to the old address (password reset, other
 * address changes) stop working.
 */
export async function confirmEmailChange(token: string, userId?: string): Promise<boolean> {
  try {
    return await transaction(async (tx) => {
      const row = await findToken(tx, token, 'change_email');
      if (!row || !row.target) return false;
      if (userId && row.userId !== userId) return false;
      if (await tx.user.findUnique({ where: { email: row.target } })) return false;
      if (!(await claimToken(tx, row.id))) return false;
      await tx.user.update({ where: { id: row.userId }, data: { email: row.target, emailVerifiedAt: new Date() } });
      await voidTokens(tx, row.userId, ['change_email', 'reset_password', 'verify_email']);
      return true;
    });
  } catch (error) {
    // Someone took the address between the check and the write.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function signOutEverywhere(userId: string) {
  await transaction(async (tx) => {
    await tx.session.deleteMany({ where: { userId } });
    await publishAfterCommit(tx, [{ room: `user:${userId}`, type: 'session.ended', payload: {} }]);
  });
}

/**
 * Erases personal data and signs out everywhere. The row stays (with no e-mail, name or
 * password) so public contributions remain, shown as "deleted account". Mail kept in the outbox
 * for their address (it holds their name and address) is erased too.
 */
export async function deleteAccount(user: SessionUser, currentPassword: string) {
  const wrong = await currentPasswordProblem(user.id, currentPassword);
  if (wrong) return wrong;
  return transaction(async (tx) => {
    const isAdmin = await tx.roleGrant.count({ where: { userId: user.id, role: 'admin' } });
    if (isAdmin && !(await otherAdminRemains(tx, user.id))) return formError('form', msg('account:errors.lastAdmin'));
    const row = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } });
    await tx.user.update({
      where: { id: user.id },
      data: {
        displayName: '',
        email: null,
        emailVerifiedAt: null,
        passwordHash: null,
        neighborhoodId: null,
        status: 'deleted',
        suspendedUntil: null,
        deletedAt: new Date(),
        failedLogins: 0,
        lockedUntil: null,
      },
    });
    await tx.session.deleteMany({ where: { userId: user.id } });
    await tx.verification.deleteMany({ where: { userId: user.id } });
    await tx.roleGrant.deleteMany({ where: { userId: user.id } });
    // Posts stay (shown as by "Deleted account"); the rest of what they did in the forum goes.
    const mine = { where: { userId: user.id } };
    await tx.follow.deleteMany(mine);
    await tx.notification.deleteMany(mine);
    await tx.readMarker.deleteMany(mine);
    await tx.reaction.deleteMany(mine);
    await tx.flag.deleteMany(mine);
    await tx.channelMember.deleteMany(mine);
    // Service requests they filed stay on the city's record, without their contact details and
    // no longer tied to the account (the description is the case itself, as posts are).
    await tx.requesterContact.deleteMany({ where: { request: { requesterId: user.id } } });
    await tx.serviceRequest.updateMany({ where: { requesterId: user.id }, data: { requesterId: null } });
    if (row.email) await tx.mailMessage.deleteMany({ where: { to: row.email } });
    await publishAfterCommit(tx, [{ room: `user:${user.id}`, type: 'session.ended', payload: {} }]);
    return { ok: true as const };
  });
}

/** Mailed links carry live tokens: the export shows the mail, never a usable link. */

/**
 * Everything Townsquare holds about the person, as one JSON document: the account row (without
 * the password hash), sessions and mailed links (without their token hashes), role grants,
 * audit entries by them and about them, and the mail sent to their address.
 */
export async function exportAccountData(userId: string) {
  const user = await db().user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true, displayName: true, email: true, emailVerifiedAt: true, locale: true, status: true,
      suspendedUntil: true, failedLogins: true, lockedUntil: true, createdAt: true, deletedAt: true, notifyEmail: true,
      neighborhood: { select: { id: true, slug: true, name: true } },
    },
  });
  // What they wrote and did in the forum.
  const [posts, reactions, flags, follows, notifications, memberships, serviceRequests] = await Promise.all([
    db().post.findMany({
      where: { authorId: userId },
      select: { id: true, text: true, status: true, createdAt: true, editedAt: true, hiddenAt: true, deletedAt: true, thread: { select: { id: true, title: true } } },
      orderBy: { createdAt: 'asc' },
    }),
    db().reaction.findMany({ where: { userId }, select: { postId: true, kind: true, createdAt: true } }),
    db().flag.findMany({ where: { userId }, select: { postId: true, reason: true, note: true, createdAt: true, resolution: true } }),
    db().follow.findMany({ where: { userId }, select: { targetKind: true, targetId: true, level: true, createdAt: true } }),
    db().notification.findMany({ where: { userId }, select: { kind: true, targetKind: true, targetId: true, data: true, count: true, readAt: true, createdAt: true } }),
    db().channelMember.findMany({ where: { userId }, select: { channelId: true, createdAt: true } }),
    db().serviceRequest.findMany({
      where: { requesterId: userId },
      select: {
        publicCode: true, status: true, source: true, description: true, answers: true, address: true, latitude: true, longitude: true,
        createdAt: true, acknowledgedAt: true, resolvedAt: true, closedAt: true,
        type: { select: { code: true } },
        contact: { select: { name: true, email: true, phone: true, locale: true } },
        events: { where: { public: true }, select: { kind: true, toStatus: true, note: true, createdAt: true }, orderBy: { createdAt: 'asc' } },
      },
      orderBy: { createdAt: 'asc' },
    }),
  ]);
  const [sessions, verifications, roleGrants, grantsGiven, auditByYou, auditAboutYou, mail] = await Promise.all([
    db().session.findMany({ where: { userId }, select: { createdAt: true, lastSeenAt: true, expiresAt: true }, orderBy: { createdAt: 'asc' } }),
    db().verification.findMany({
      where: { userId },
      select: { kind: true, target: true, createdAt: true, expiresAt: true, usedAt: true },
      orderBy: { createdAt: 'asc' },
    }),
    db().roleGrant.findMany({
      where: { userId },
      select: { role: true, scopeKind: true, scopeId: true, createdAt: true, grantedBy: { select: { displayName: true } } },
      orderBy: { createdAt: 'asc' },
    }),
    db().roleGrant.findMany({
      where: { grantedById: userId },
      select: { role: true, scopeKind: true, scopeId: true, createdAt: true },
      orderBy: { createdAt: 'asc' },
    }),
    db().auditLog.findMany({
      where: { actorId: userId },
      select: { action: true, targetKind: true, targetId: true, before: true, after: true, createdAt: true },
      orderBy: { id: 'asc' },
    }),
    db().auditLog.findMany({
      where: { targetKind: 'user', targetId: userId },
      select: { action: true, before: true, after: true, createdAt: true, actor: { select: { displayName: true } } },
      orderBy: { id: 'asc' },
    }),
    user.email
      ? db().mailMessage.findMany({
          where: { to: user.email },
          select: { kind: true, to: true, subject: true, text: true, status: true, createdAt: true, sentAt: true },
          orderBy: { createdAt: 'asc' },
        })
      : Promise.resolve([]),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: user,
    sessions,
    verifications,
    roleGrants: roleGrants.map(({ grantedBy, ...g }) => ({ ...g, grantedBy: grantedBy?.displayName ?? null })),
    roleGrantsGivenByYou: grantsGiven,
    auditEntriesByYou: auditByYou,
    auditEntriesAboutYou: auditAboutYou.map(({ actor, ...a }) => ({ ...a, actor: actor?.displayName ?? null })),
    mailSentToYou: mail.map((m) => ({ ...m, text: redactTokens(m.text) })),
    posts,
    reactions,
    reports: flags,
    follows,
    notifications,
    channelMemberships: memberships,
    serviceRequests: serviceRequests.map(({ type, ...r }) => ({ ...r, type: type.code })),
  };
}
