import type { SignedInCaller } from '~/lib/caller.server';
import { transaction } from '~/lib/db.server';
import { fail, ok, type Result } from '~/lib/result';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { currentPasswordProblem } from './current-password.server';
import { otherAdminRemains } from './roles.server';
import { forgetPollVotes } from '~/modules/channels/polls/polls.server';
import { lockGroup, otherCaptainRemains } from '~/modules/blockwatch/group-rows.server';
import { dropStagedPictures } from '~/modules/channels/post-pictures.server';
import { dropAvatarRows } from '~/modules/people/avatar-uploads.server';
import { removeStored } from '~/modules/requests/intake/photo-uploads.server';

/**
 * Erases personal data and signs out everywhere. The row stays (with no e-mail, name or
 * password) so public contributions remain, shown as "deleted account". Mail kept in the outbox
 * for their address (it holds their name and address) is erased too.
 */
export async function deleteAccount(caller: SignedInCaller, input: { currentPassword: string }): Promise<Result> {
  const user = caller.user;
  const wrong = await currentPasswordProblem(user.id, input.currentPassword);
  if (wrong) return wrong;
  let avatarFiles: string[] = [];
  const result = await transaction(async (tx) => {
    const isAdmin = await tx.roleGrant.count({ where: { userId: user.id, role: 'admin' } });
    if (isAdmin && !(await otherAdminRemains(tx, user.id))) return fail.invalid({ '': 'account:errors.lastAdmin' });
    // A block-watch group keeps a captain: its last one hands over first.
    for (const { scopeId } of await tx.roleGrant.findMany({
      where: { userId: user.id, role: 'captain', scopeKind: 'group' },
      select: { scopeId: true },
    })) {
      await lockGroup(tx, scopeId!);
      if (!(await otherCaptainRemains(tx, scopeId!, user.id))) return fail.invalid({ '': 'account:errors.lastCaptain' });
    }
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
        avatarId: null,
      },
    });
    // Their picture goes with their name; its file once this has committed.
    // So do pictures uploaded for a post never sent (posted ones stay with their posts).
    avatarFiles = [...(await dropAvatarRows(tx, user.id)), ...(await dropStagedPictures(tx, user.id))];
    await tx.session.deleteMany({ where: { userId: user.id } });
    await tx.verification.deleteMany({ where: { userId: user.id } });
    await tx.roleGrant.deleteMany({ where: { userId: user.id } });
    // Posts stay (shown as by "Deleted account"); the rest of what they did in the forum goes.
    const mine = { where: { userId: user.id } };
    await tx.follow.deleteMany(mine);
    await tx.notification.deleteMany(mine);
    await tx.readMarker.deleteMany(mine);
    await tx.reaction.deleteMany(mine);
    await forgetPollVotes(tx, user);
    await tx.flag.deleteMany(mine);
    await tx.channelMember.deleteMany(mine);
    // Block-watch memberships hold what the member chose to share (name, street, phone, e-mail).
    await tx.groupMembership.deleteMany(mine);
    // Answers to meetings say who comes where: they go (minutes, alerts and meetings they wrote stay, unnamed).
    await tx.rsvp.deleteMany(mine);
    await tx.calendarToken.deleteMany(mine);
    // Staff's saved queue filters are theirs alone.
    await tx.savedFilter.deleteMany(mine);
    // Residency for budgets: where they live, and the postal address of any letter they asked for.
    await tx.residency.deleteMany(mine);
    await tx.residencyCode.deleteMany(mine);
    // Service requests they filed stay on the city's record, without their contact details and
    // no longer tied to the account (the description is the case itself, as posts are).
    await tx.requesterContact.deleteMany({ where: { request: { requesterId: user.id } } });
    await tx.serviceRequest.updateMany({ where: { requesterId: user.id }, data: { requesterId: null } });
    // Surveys: which they took part in and their drafts go; answers to surveys that are not
    // anonymous stay in the results, no longer tied to the account (anonymous ones never were).
    await tx.surveyDraft.deleteMany(mine);
    await tx.surveyParticipation.deleteMany(mine);
    await tx.surveyResponse.updateMany({ where: { userId: user.id }, data: { userId: null } });
    if (row.email) await tx.mailMessage.deleteMany({ where: { to: row.email } });
    await publishAfterCommit(tx, [{ room: `user:${user.id}`, type: 'session.ended', payload: {} }]);
    return ok();
  });
  if (result.ok) await removeStored(avatarFiles);
  return result;
}
