import type { Caller } from '~/lib/caller.server';
import { db, transaction } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { msg } from '~/lib/forms';
import { fixedT } from '~/lib/i18n.server';
import { refund, take } from '~/lib/rate-limit.server';
import { fail, ok, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import { queueMail } from '~/modules/mail/outbox.server';
import { getCity } from '~/modules/places/queries.server';
import { notify } from '~/modules/notifications/notify.server';
import { roomOf } from '~/modules/realtime/names';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { decidesMembers } from './policy';
import { membershipOf, type Group } from './queries.server';

/**
 * Block-watch alerts (docs/decisions/0023-block-watch-design.md): an urgent notice from a group's
 * leaders that reaches every member at once: live on the group's pages (`group:<id>` room), as a
 * notification (live through each member's `user:<id>` room, kept for a reload), and by mail to
 * members who chose it (`alertByMail`), with the sender's name. All written in one transaction
 * and announced after it commits; limited per group (LIMITS.alertGroup), the refusal says how
 * long to wait.
 */

export type AlertSent = { id: string; recipients: number; mailed: number };

export async function sendAlert(caller: Caller, group: Group, body: string): Promise<Result<AlertSent>> {
  const actor = caller.user;
  if (!actor || !decidesMembers(actor, group.id, await membershipOf(group.id, actor.id))) return fail.forbidden();
  const wait = await take('alertGroup', group.id);
  if (wait !== null) return fail.rateLimited(wait, msg('blockwatch:errors.alertLimit', { minutes: Math.max(1, Math.ceil(wait / 60)) }));
  try {
    return await transaction(async (tx) => {
      const members = await tx.groupMembership.findMany({
        where: { groupId: group.id, status: 'active', userId: { not: actor.id }, user: { status: 'active' } },
        select: { userId: true, alertByMail: true, user: { select: { email: true, emailVerifiedAt: true, locale: true } } },
      });
      const alert = await tx.alert.create({ data: { groupId: group.id, authorId: actor.id, body }, select: { id: true, createdAt: true } });
      const data = { name: actor.displayName, title: group.name, slug: group.slug, alertId: alert.id };
      await notify(
        tx,
        members.map((m) => ({ userId: m.userId, kind: 'alert' as const, targetKind: 'group' as const, targetId: group.id, data })),
        { mailedElsewhere: true },
      );
      const mailTo = members.filter((m) => m.alertByMail && m.user.email && m.user.emailVerifiedAt);
      const link = `${getEnv().PUBLIC_URL}/groups/${group.slug}#alerts`;
      const settings = `${getEnv().PUBLIC_URL}/groups/${group.slug}/members#sharing-card`;
      const city = (await getCity()).name;
      for (const m of mailTo) {
        const t = await fixedT(m.user.locale, ['blockwatch', 'mail']);
        const values = { name: actor.displayName, group: group.name, body, link, settings, city };
        await queueMail(tx, {
          to: m.user.email!,
          kind: 'group-alert',
          locale: m.user.locale,
          subject: t('blockwatch:alertMail.subject', values),
          text: `${t('blockwatch:alertMail.body', values)}\n\n— ${t('mail:signature', values)}`,
        });
      }
      await tx.alert.update({ where: { id: alert.id }, data: { recipients: members.length, mailed: mailTo.length } });
      await audit(tx, {
        actorId: actor.id,
        action: 'group.alert',
        targetKind: 'group',
        targetId: group.id,
        after: { alertId: alert.id, recipients: members.length, mailed: mailTo.length },
        requestId: caller.requestId,
      });
      await publishAfterCommit(tx, [
        {
          room: roomOf('group', group.id),
          type: 'alert.sent',
          payload: { id: alert.id, body, author: actor.displayName, at: alert.createdAt.toISOString() },
        },
      ]);
      return ok({ id: alert.id, recipients: members.length, mailed: mailTo.length });
    });
  } catch (error) {
    // Nothing was sent: the attempt does not count against the group.
    await refund('alertGroup', group.id);
    throw error;
  }
}

/** The group's latest alerts, newest first, with who sent them (members and leaders). */
export async function recentAlerts(groupId: string, take = 10) {
  const rows = await db().alert.findMany({
    where: { groupId },
    select: { id: true, body: true, createdAt: true, author: { select: { displayName: true, status: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
  });
  // An alert stays when its sender deletes their account (as posts do), without their name.
  const author = (a: (typeof rows)[number]) => (a.author && a.author.status !== 'deleted' ? a.author.displayName : null);
  return rows.map((a) => ({ id: a.id, body: a.body, author: author(a), at: a.createdAt.toISOString() }));
}
