import { db } from '~/lib/db.server';
import { keysetArgs, keysetPage } from '~/lib/keyset';
import { redactTokens } from '~/lib/mail.server';

/** The mail outbox for admins: every stored message, newest first, paginated by cursor. */
const MAIL_PAGE = 50;

export async function listMail(after?: string) {
  const cursor = after ? await db().mailMessage.findUnique({ where: { id: after }, select: { id: true } }) : null;
  const rows = await db().mailMessage.findMany({
    select: {
      id: true,
      to: true,
      subject: true,
      text: true,
      kind: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...keysetArgs(MAIL_PAGE, cursor?.id),
  });
  const { page, nextAfter } = keysetPage(rows, MAIL_PAGE);
  // Links in mail that went (or goes) to a real mailbox are not for admins to follow: only the
  // offline outbox (no SMTP configured) shows them, since nobody else can receive them.
  const messages = page.map((m) => (m.status === 'outbox' ? m : { ...m, text: redactTokens(m.text) }));
  return { messages, nextAfter, accounts: await accountsByAddress(messages.map((m) => m.to)) };
}

/** Whose accounts the page's addresses are (one query for the page), so the outbox names people. */
async function accountsByAddress(addresses: string[]) {
  const emails = [...new Set(addresses.map((a) => a.toLowerCase()))];
  const users = emails.length
    ? await db().user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, displayName: true, status: true } })
    : [];
  return Object.fromEntries(users.map(({ email, ...u }) => [email!, u]));
}
