import type { SignedInCaller } from '~/lib/caller.server';
import { db } from '~/lib/db.server';
import { redactTokens } from '~/lib/mail.server';
import { ok, type Result } from '~/lib/result';
import { surveysOfPerson } from '~/modules/surveys/answering-queries.server';
import { blockWatchMeetingsOf } from '~/modules/blockwatch/meeting-export.server';
import { residencyExportOf } from '~/modules/budgets/eligibility/queries.server';
import { budgetsExportOf } from '~/modules/budgets/export.server';
import { avatarUrl } from '~/modules/people/avatars';
import { avatarFileOf } from '~/modules/people/avatar-uploads.server';
import { savedFiltersOf } from '~/modules/requests/queue/saved-filters.server';
import { postPicturesOf } from '~/modules/channels/post-pictures.server';

/** Mailed links carry live tokens: the export shows the mail, never a usable link. */

/**
 * Everything Townsquare holds about the person, as one JSON document: the account row (without
 * the password hash), sessions and mailed links (without their token hashes), role grants,
 * audit entries by them and about them, and the mail sent to their address. Only ever the
 * caller's own data.
 */
export async function exportAccountData(caller: SignedInCaller): Promise<Result<AccountExport>> {
  return ok(await collect(caller.user.id));
}

export type AccountExport = Awaited<ReturnType<typeof collect>>;

async function collect(userId: string) {
  const user = await db().user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      displayName: true,
      email: true,
      emailVerifiedAt: true,
      locale: true,
      status: true,
      suspendedUntil: true,
      failedLogins: true,
      lockedUntil: true,
      createdAt: true,
      deletedAt: true,
      notifyEmail: true,
      avatarId: true,
      termsAcceptedAt: true,
      termsVersion: true,
      privacyVersion: true,
      neighborhood: { select: { id: true, slug: true, name: true } },
    },
  });
  // What they wrote and did in the forum.
  const [posts, reactions, pollVotes, flags, follows, notifications, memberships, serviceRequests] = await Promise.all([
    db().post.findMany({
      where: { authorId: userId },
      select: {
        id: true,
        text: true,
        status: true,
        createdAt: true,
        editedAt: true,
        hiddenAt: true,
        deletedAt: true,
        thread: { select: { id: true, title: true } },
      },
      orderBy: { createdAt: 'asc' },
    }),
    db().reaction.findMany({ where: { userId }, select: { postId: true, kind: true, createdAt: true } }),
    db().pollVote.findMany({
      where: { userId },
      select: {
        optionKey: true,
        createdAt: true,
        poll: { select: { postId: true, question: true, options: { select: { key: true, label: true } } } },
      },
    }),
    db().flag.findMany({ where: { userId }, select: { postId: true, reason: true, note: true, createdAt: true, resolution: true } }),
    db().follow.findMany({ where: { userId }, select: { targetKind: true, targetId: true, level: true, createdAt: true } }),
    db().notification.findMany({
      where: { userId },
      select: { kind: true, targetKind: true, targetId: true, data: true, count: true, readAt: true, createdAt: true },
    }),
    db().channelMember.findMany({ where: { userId }, select: { channelId: true, createdAt: true } }),
    db().serviceRequest.findMany({
      where: { requesterId: userId },
      select: {
        publicCode: true,
        status: true,
        source: true,
        description: true,
        answers: true,
        address: true,
        latitude: true,
        longitude: true,
        createdAt: true,
        acknowledgedAt: true,
        resolvedAt: true,
        closedAt: true,
        type: { select: { code: true } },
        contact: { select: { name: true, email: true, phone: true, locale: true } },
        events: {
          where: { public: true },
          select: { kind: true, toStatus: true, note: true, createdAt: true },
          orderBy: { createdAt: 'asc' },
        },
      },
      orderBy: { createdAt: 'asc' },
    }),
  ]);
  const [
    sessions,
    verifications,
    roleGrants,
    grantsGiven,
    auditByYou,
    auditAboutYou,
    mail,
    surveys,
    groups,
    alerts,
    meetings,
    residency,
    budgets,
    savedFilters,
  ] = await Promise.all([
    db().session.findMany({
      where: { userId },
      select: { createdAt: true, lastSeenAt: true, expiresAt: true },
      orderBy: { createdAt: 'asc' },
    }),
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
    surveysOfPerson(userId),
    // Block-watch groups: their place in each and what they chose to share in its directory.
    db().groupMembership.findMany({
      where: { userId },
      select: {
        status: true,
        role: true,
        via: true,
        sharedName: true,
        sharedStreet: true,
        sharedPhone: true,
        sharedEmail: true,
        alertByMail: true,
        createdAt: true,
        decidedAt: true,
        group: { select: { slug: true, name: true } },
      },
      orderBy: { createdAt: 'asc' },
    }),
    db().alert.findMany({
      where: { authorId: userId },
      select: { body: true, createdAt: true, recipients: true, group: { select: { slug: true } } },
      orderBy: { createdAt: 'asc' },
    }),
    blockWatchMeetingsOf(userId),
    residencyExportOf(userId),
    budgetsExportOf(userId),
    savedFiltersOf(userId),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: user,
    // The uploaded picture (none: generated initials): where to download it, and what it is.
    avatar: user.avatarId ? { url: avatarUrl(user.id, user.avatarId), ...(await avatarFileOf(user.id)) } : null,
    sessions,
    verifications,
    roleGrants: roleGrants.map(({ grantedBy, ...g }) => ({ ...g, grantedBy: grantedBy?.displayName ?? null })),
    roleGrantsGivenByYou: grantsGiven,
    auditEntriesByYou: auditByYou,
    auditEntriesAboutYou: auditAboutYou.map(({ actor, ...a }) => ({ ...a, actor: actor?.displayName ?? null })),
    mailSentToYou: mail.map((m) => ({ ...m, text: redactTokens(m.text) })),
    posts,
    // Pictures they put in posts (or uploaded for one not yet sent): where to download each.
    postPictures: await postPicturesOf(user.id),
    reactions,
    pollVotes: pollVotes.map(({ optionKey, createdAt, poll }) => ({
      postId: poll.postId,
      question: poll.question,
      choice: poll.options.find((o) => o.key === optionKey)?.label ?? optionKey,
      createdAt,
    })),
    reports: flags,
    follows,
    notifications,
    channelMemberships: memberships,
    blockWatchGroups: groups.map(({ group, ...m }) => ({ group: group.slug, groupName: group.name, ...m })),
    blockWatchAlertsSent: alerts.map(({ group, ...a }) => ({ group: group.slug, ...a })),
    ...meetings,
    serviceRequests: serviceRequests.map(({ type, ...r }) => ({ ...r, type: type.code })),
    savedFilters,
    ...surveys,
    ...residency,
    ...budgets,
  };
}
