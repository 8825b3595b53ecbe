import { createHmac, timingSafeEqual } from 'node:crypto';
import { db, transaction, type Tx } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { fixedT } from '~/lib/i18n.server';
import { queueMail } from '~/modules/mail/outbox.server';
import { visiblePostIds } from '~/modules/channels/queries.server';
import { describeNotification, notificationLink, type NotificationView } from './describe';
import type { EmailPreference } from './preferences';

/**
 * Notification e-mail, per the person's setting: "immediate" (one mail per notification),
 * "daily" (a digest) or "never". Every such mail carries a signed one-click unsubscribe link
 * that works without signing in (and List-Unsubscribe headers, added when it is sent).
 */

function signature(userId: string) {
  return createHmac('sha256', getEnv().SESSION_SECRET).update(`unsubscribe:${userId}`).digest('base64url');
}

function unsubscribeUrl(userId: string) {
  return `${getEnv().PUBLIC_URL}/unsubscribe?u=${encodeURIComponent(userId)}&s=${signature(userId)}`;
}

export function verifyUnsubscribe(userId: string, sig: string): boolean {
  const expected = Buffer.from(signature(userId));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type Recipient = { id: string; email: string | null; emailVerifiedAt: Date | null; locale: string; notifyEmail: string; status: string };

async function compose(recipient: Recipient, items: (NotificationView & { targetKind: string; targetId: string })[]) {
  const t = await fixedT(recipient.locale, ['notifications', 'moderation', 'mail', 'requests']);
  const base = getEnv().PUBLIC_URL;
  const lines = items.map((n) => {
    const link = notificationLink(n);
    return `- ${describeNotification(t, n)}${link ? `\n  ${base}${link}` : ''}`;
  });
  const footer = t('notifications:mail.footer', { settings: `${base}/account/notifications`, unsubscribe: unsubscribeUrl(recipient.id) });
  return { lines, footer, t };
}

/** Queues the immediate mail for a new notification (called inside its transaction). */
export async function emailNow(tx: Tx, recipient: Recipient, item: NotificationView & { targetKind: string; targetId: string }) {
  if (
    recipient.notifyEmail !== 'immediate' ||
    !recipient.email ||
    !recipient.emailVerifiedAt ||
    recipient.status === 'deleted' ||
    recipient.status === 'banned'
  )
    return false;
  const { lines, footer, t } = await compose(recipient, [item]);
  await queueMail(tx, {
    to: recipient.email,
    kind: 'notification',
    locale: recipient.locale,
    listUnsubscribe: unsubscribeUrl(recipient.id),
    subject: describeNotification(t, item).slice(0, 150),
    text: `${lines.join('\n')}\n\n${footer}`,
  });
  return true;
}

/**
 * The daily digest: for people who chose it, everything not yet e-mailed, at most once a day.
 * Run by the jobs loop every hour.
 */
export async function sendDailyDigests(now = new Date()) {
  const dayAgo = new Date(now.getTime() - 24 * 3600 * 1000);
  const people = await db().user.findMany({
    where: {
      notifyEmail: 'daily',
      status: { in: ['active', 'suspended'] },
      email: { not: null },
      emailVerifiedAt: { not: null },
      notifications: { some: { emailedAt: null, readAt: null } },
    },
    select: {
      id: true,
      email: true,
      emailVerifiedAt: true,
      locale: true,
      notifyEmail: true,
      status: true,
      roleGrants: { select: { role: true, scopeKind: true, scopeId: true } },
    },
  });
  let sent = 0;
  for (const person of people) {
    await transaction(async (tx) => {
      const recent = await tx.mailMessage.count({ where: { to: person.email!, kind: 'notification.digest', createdAt: { gt: dayAgo } } });
      if (recent) return;
      let items = await tx.notification.findMany({
        where: { userId: person.id, emailedAt: null, readAt: null },
        select: { id: true, kind: true, targetKind: true, targetId: true, data: true, count: true },
        orderBy: { createdAt: 'asc' },
        take: 50,
      });
      if (!items.length) return;
      // Notices about posts go out only if the person may still see the post (access may have
      // been lost since the notice was written); the others are closed without a mail.
      const aboutPosts = items.filter((n) => n.targetKind === 'post');
      const seen = await visiblePostIds(
        { id: person.id, status: person.status, grants: person.roleGrants },
        aboutPosts.map((n) => n.targetId),
        tx,
      );
      const gone = aboutPosts.filter((n) => !seen.has(n.targetId));
      if (gone.length) await tx.notification.updateMany({ where: { id: { in: gone.map((n) => n.id) } }, data: { emailedAt: now } });
      const mailed = items.filter((n) => n.targetKind !== 'post' || seen.has(n.targetId));
      if (!mailed.length) return;
      items = mailed;
      const views = items.map((n) => ({ ...n, data: n.data as Record<string, unknown> }));
      const { lines, footer, t } = await compose(person, views);
      await queueMail(tx, {
        to: person.email!,
        kind: 'notification.digest',
        locale: person.locale,
        listUnsubscribe: unsubscribeUrl(person.id),
        subject: t('notifications:mail.digestSubject', { count: items.length }),
        text: `${t('notifications:mail.digestIntro')}\n\n${lines.join('\n')}\n\n${footer}`,
      });
      await tx.notification.updateMany({ where: { id: { in: items.map((i) => i.id) } }, data: { emailedAt: now } });
      sent++;
    });
  }
  return sent;
}

export async function setEmailPreference(userId: string, preference: EmailPreference) {
  await db().user.update({ where: { id: userId }, data: { notifyEmail: preference } });
}
