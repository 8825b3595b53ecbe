import type { Tx } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { fixedT } from '~/lib/i18n.server';
import { queueMail } from '~/modules/mail/outbox.server';
import { hashToken, newToken } from './tokens.server';
import { isClosed, type TokenKind } from './values';

/**
 * Single-use links mailed to a person (verify the address, reset the password, confirm a new
 * address) and the account mails that carry them. Only a token's hash is stored.
 */
const HOUR = 60 * 60 * 1000;
const TOKEN_LIFETIME: Record<TokenKind, number> = { verify_email: 48 * HOUR, reset_password: 1 * HOUR, change_email: 24 * HOUR };

/** The link to a page of this site carrying a token. */
export function link(path: string, token: string) {
  return `${getEnv().PUBLIC_URL}${path}?token=${encodeURIComponent(token)}`;
}

/** A page of this site, for mails that carry no token. */
export function pageLink(path: string) {
  return `${getEnv().PUBLIC_URL}${path}`;
}

export async function issueToken(tx: Tx, userId: string, kind: TokenKind, target?: string) {
  const { token, hash } = newToken();
  await tx.verification.create({
    data: { kind, userId, tokenHash: hash, target: target ?? null, expiresAt: new Date(Date.now() + TOKEN_LIFETIME[kind]) },
  });
  return token;
}

/** A token as it may arrive in a link: anything else is not looked up. */
export function plausibleToken(token: string) {
  return token.length > 10 && token.length < 200;
}

/** Finds a usable token of the given kind; null if unknown, used or expired, or the account is closed. */
export async function findToken(tx: Tx, token: string, kind: TokenKind) {
  const row = await tx.verification.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.kind !== kind || row.usedAt || row.expiresAt.getTime() < Date.now()) return null;
  if (isClosed(row.user.status)) return null;
  return row;
}

/** Marks a token used; false if a parallel request used it first (single use, even under races). */
export async function claimToken(tx: Tx, id: string) {
  const { count } = await tx.verification.updateMany({ where: { id, usedAt: null }, data: { usedAt: new Date() } });
  return count === 1;
}

/** Links mailed earlier stop working (e.g. reset links sent before the password or address changed). */
export async function voidTokens(tx: Tx, userId: string, kinds: TokenKind[]) {
  await tx.verification.updateMany({ where: { userId, kind: { in: kinds }, usedAt: null }, data: { usedAt: new Date() } });
}

/** Queues a mail from the `mail` namespace (subject + body keys) in the reader's language. */
export async function queueTemplate(tx: Tx, to: string, lng: string, kind: string, values: Record<string, string>) {
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
