import { db } from '~/lib/db.server';

/** The mail outbox for admins: every stored message, newest first, paginated by cursor. */
export const MAIL_PAGE = 50;

export async function listMail(after?: string) {
  const cursor = after ? await db().mailMessage.findUnique({ where: { id: after }, select: { id: true } }) : null;
  const rows = await db().mailMessage.findMany({
    select: { id: true, to: true, subject: true, text: true, kind: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...(cursor ? { cursor: { id: cursor.id }, skip: 1 } : {}),
    take: MAIL_PAGE + 1,
  });
  const more = rows.length > MAIL_PAGE;
  const messages = more ? rows.slice(0, MAIL_PAGE) : rows;
  return { messages, nextAfter: more ? messages[messages.length - 1].id : null };
}
