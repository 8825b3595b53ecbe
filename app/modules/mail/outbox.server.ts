import type { Tx } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { oneLine } from '~/lib/text';
import { enqueue } from '~/modules/jobs/queue.server';

/**
 * Mail is written to the MailMessage table inside the transaction that causes it, with a
 * `mail.send` job (app/modules/jobs) that the worker runs once it has committed (the sending
 * itself is `sendStoredMail` in app/lib/mail.server.ts); a failed send is retried by the job with
 * backoff. Without SMTP_URL it stays in the table with status "outbox", readable by admins, so a
 * demo works offline.
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
/** The job that sends one stored message. */
export const MAIL_JOB = 'mail.send';

export async function queueMail(tx: Tx, mail: OutgoingMail) {
  const smtp = !!getEnv().SMTP_URL;
  // The subject is one header line (thread titles and names end up in it): no line breaks or controls.
  const row = await tx.mailMessage.create({ data: { ...mail, subject: oneLine(mail.subject), status: smtp ? 'queued' : 'outbox' } });
  if (smtp) await enqueue(tx, MAIL_JOB, { mailId: row.id }, { maxAttempts: MAX_ATTEMPTS });
  return row;
}
