import nodemailer from 'nodemailer';
import type { Tx } from './db.server';
import { afterCommit, db } from './db.server';
import { getEnv } from './env.server';
import { logger } from './logger.server';
import { oneLine } from './text';

/**
 * Mail is written to the MailMessage table inside the transaction that causes it, then sent
 * after commit (nodemailer to SMTP_URL). Without SMTP_URL it stays in the table with status
 * "outbox", readable by admins, so a demo works offline. Failed sends are retried by the jobs loop.
 */
export type OutgoingMail = {
  to: string;
  kind: string;
  subject: string;
  text: string;
  /** The language the mail is written in: sent as Content-Language. */
  locale: string;
  /** A signed unsubscribe URL the server built (never one found in the text): List-Unsubscribe. */
  listUnsubscribe?: string;
};
const MAX_ATTEMPTS = 5;

/** Mailed links carry live tokens (token=, and t= of request tracking links): shown anywhere but the mail itself, they are removed. */
export function redactTokens(text: string) {
  return text.replace(/([?&](?:token|t)=)[^\s&]+/g, '$1[removed]');
}

export async function queueMail(tx: Tx, mail: OutgoingMail) {
  const smtp = !!getEnv().SMTP_URL;
  // The subject is one header line (thread titles and names end up in it): no line breaks or controls.
  const row = await tx.mailMessage.create({ data: { ...mail, subject: oneLine(mail.subject), status: smtp ? 'queued' : 'outbox' } });
  if (smtp) afterCommit(tx, () => void deliverQueuedMail().catch((e) => logger().error({ code: (e as { code?: string }).code }, 'mail delivery')));
  return row;
}

/**
 * The headers every mail gets, from server values only: its language, that it was sent by a
 * machine (RFC 3834: auto-replies stay away), and for notification mail the one-click
 * unsubscribe (RFC 2369 / RFC 8058). List-Unsubscribe-Post promises a POST over https, so it is
 * left out when PUBLIC_URL is plain http (the link still works in a browser).
 */
export function mailHeaders(message: { locale: string; listUnsubscribe: string | null }, publicUrl: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Language': /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(message.locale) ? message.locale : 'en',
    'Auto-Submitted': 'auto-generated',
  };
  const unsubscribe = message.listUnsubscribe && message.listUnsubscribe.startsWith(`${publicUrl}/unsubscribe?`) ? oneLine(message.listUnsubscribe) : null;
  if (unsubscribe && !/[<>\s]/.test(unsubscribe)) {
    headers['List-Unsubscribe'] = `<${unsubscribe}>`;
    if (publicUrl.startsWith('https:')) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return headers;
}

let transport: nodemailer.Transporter | undefined;
function transporter() {
  transport ??= nodemailer.createTransport(getEnv().SMTP_URL);
  return transport;
}

/** Sends queued mail and retries failed mail with backoff. Safe to call from several places. */
export async function deliverQueuedMail(): Promise<number> {
  const env = getEnv();
  if (!env.SMTP_URL) return 0;
  const now = Date.now();
  const pending = await db().mailMessage.findMany({
    where: { status: { in: ['queued', 'failed'] }, attempts: { lt: MAX_ATTEMPTS } },
    orderBy: { createdAt: 'asc' },
    take: 50,
  });
  let sent = 0;
  for (const message of pending) {
    // Back off 30 s, 1 min, 2 min... between attempts after a failure.
    if (message.status === 'failed' && now - message.createdAt.getTime() < 30_000 * 2 ** (message.attempts - 1)) continue;
    // Claim the row so two deliveries (or two processes) never send the same mail.
    const claimed = await db().mailMessage.updateMany({
      where: { id: message.id, status: message.status, attempts: message.attempts },
      data: { status: 'sending', attempts: { increment: 1 } },
    });
    if (claimed.count !== 1) continue;
    try {
      const headers = mailHeaders(message, env.PUBLIC_URL);
      await transporter().sendMail({ from: env.MAIL_FROM, to: message.to, subject: oneLine(message.subject), text: message.text, headers });
      await db().mailMessage.update({ where: { id: message.id }, data: { status: 'sent', sentAt: new Date(), lastError: null } });
      sent++;
    } catch (error) {
      // SMTP replies often quote the recipient: keep only the codes, never the message, in logs.
      const { code, responseCode } = error as { code?: string; responseCode?: number };
      await db().mailMessage.update({ where: { id: message.id }, data: { status: 'failed', lastError: [code, responseCode].filter(Boolean).join(' ').slice(0, 100) || 'error' } });
      logger().warn({ mailId: message.id, kind: message.kind, code, responseCode }, 'mail send failed');
    }
  }
  return sent;
}

export function closeMail() {
  transport?.close();
  transport = undefined;
}
