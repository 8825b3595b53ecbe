import nodemailer from 'nodemailer';
import { db } from './db.server';
import { getEnv } from './env.server';
import { logger } from './logger.server';
import { oneLine } from './text';

/**
 * Sending stored mail (the MailMessage rows `queueMail` in app/modules/mail/outbox.server.ts
 * writes, sent by the `mail.send` job): headers, the SMTP transport (nodemailer to SMTP_URL), and
 * token redaction for mail shown anywhere but in the mail itself.
 */

/** Mailed links carry live tokens (token=, and t= of request tracking links): shown anywhere but the mail itself, they are removed. */
export function redactTokens(text: string) {
  return text.replace(/([?&](?:token|t)=)[^\s&]+/g, '$1[removed]');
}

/**
 * The headers every mail gets, from server values only: its language, that it was sent by a
 * machine (RFC 3834: auto-replies stay away), and for notification mail the one-click
 * unsubscribe (RFC 2369 / RFC 8058). List-Unsubscribe-Post promises a POST over https, so it is
 * left out when PUBLIC_URL is plain http (the link still works in a browser).
 */
function mailHeaders(message: { locale: string; listUnsubscribe: string | null }, publicUrl: string): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Language': /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(message.locale) ? message.locale : 'en',
    'Auto-Submitted': 'auto-generated',
  };
  const unsubscribe =
    message.listUnsubscribe && message.listUnsubscribe.startsWith(`${publicUrl}/unsubscribe?`) ? oneLine(message.listUnsubscribe) : null;
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

/**
 * Sends one stored message (the `mail.send` job; retries back off 30 s, 1 min, 2 min...). A
 * message already sent is not sent again; a failure is recorded on the message, for admins, and
 * thrown for the job to retry.
 */
export async function sendStoredMail(mailId: string): Promise<void> {
  const env = getEnv();
  const message = await db().mailMessage.findUnique({ where: { id: mailId } });
  if (!env.SMTP_URL || !message || message.status === 'sent' || message.status === 'outbox') return;
  await db().mailMessage.update({ where: { id: message.id }, data: { status: 'sending', attempts: { increment: 1 } } });
  try {
    const headers = mailHeaders(message, env.PUBLIC_URL);
    await transporter().sendMail({ from: env.MAIL_FROM, to: message.to, subject: oneLine(message.subject), text: message.text, headers });
    await db().mailMessage.update({ where: { id: message.id }, data: { status: 'sent', sentAt: new Date(), lastError: null } });
  } catch (error) {
    // SMTP replies often quote the recipient: keep only the codes, never the message, in logs.
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    await db().mailMessage.update({
      where: { id: message.id },
      data: { status: 'failed', lastError: [code, responseCode].filter(Boolean).join(' ').slice(0, 100) || 'error' },
    });
    logger().warn({ mailId: message.id, kind: message.kind, code, responseCode }, 'mail send failed');
    throw error;
  }
}

export function closeMail() {
  transport?.close();
  transport = undefined;
}
