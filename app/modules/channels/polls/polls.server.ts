import type { Caller } from '~/lib/caller.server';
import { db, isUniqueViolation, transaction, type Tx } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { fail, ok, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import type { SessionUser } from '~/modules/identity/session.server';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { threadEvents } from '../channels.server';
import { canAddPoll, canClosePoll, canModerate, canVote, isPollOpen, type ChannelRef } from '../policy';
import { scheduleCloseAnnouncement } from './close-announcements.server';
import { publishPollCounts } from './poll-counts.server';
import type { NewPollInput } from './schemas';

/**
 * Quick polls on forum posts: add one, vote (a change replaces the voter's choices), close early.
 * Each re-checks the channel policy, writes in one transaction and publishes after commit; the
 * thread room hears the new figures (`poll.changed`), never who chose what.
 */
type PostForPoll = {
  id: string;
  threadId: string;
  authorId: string;
  status: string;
  hiddenAt: Date | null;
  deletedAt: Date | null;
  thread: { authorId: string; locked: boolean; hiddenAt: Date | null; deletedAt: Date | null; channel: ChannelRef };
};

const CLOSED = 'channels:poll.errors.closed';

export async function addPoll(
  caller: Caller,
  member: boolean,
  post: PostForPoll,
  input: NewPollInput,
): Promise<Result<{ pollId: string }>> {
  const user = caller.user;
  const channel = post.thread.channel;
  if (!user || !canAddPoll(user, channel, member, post, post.thread)) return fail.forbidden();
  try {
    return await transaction(async (tx) => {
      if (await tx.poll.findUnique({ where: { postId: post.id }, select: { id: true } }))
        return fail.conflict('channels:poll.errors.exists');
      const poll = await tx.poll.create({
        data: {
          postId: post.id,
          kind: input.kind,
          question: input.question,
          maxChoices: input.maxChoices,
          closesAt: input.closesAt,
          createdById: user.id,
          options: { create: input.options.map((label, i) => ({ key: `o${i + 1}`, label, position: i })) },
        },
        select: { id: true },
      });
      if (input.closesAt) await scheduleCloseAnnouncement(tx, poll.id, input.closesAt);
      // Other readers' pages show the new poll on their next refresh.
      await publishAfterCommit(tx, threadEvents(channel.id, post.threadId, 'post.updated', { postId: post.id }));
      return ok({ pollId: poll.id });
    });
  } catch (error) {
    // The same form sent twice at once: the post's one poll is the first one.
    if (isUniqueViolation(error)) return fail.conflict('channels:poll.errors.exists');
    throw error;
  }
}

/** The post's poll with what deciding a vote needs, or null. */
function pollOf(postId: string, tx: Pick<Tx, 'poll'>) {
  return tx.poll.findUnique({
    where: { postId },
    select: {
      id: true,
      kind: true,
      maxChoices: true,
      closesAt: true,
      closedAt: true,
      createdById: true,
      options: { select: { key: true } },
    },
  });
}

/** Takes the poll row's lock (votes and closing of one poll take turns) if it is still open. */
async function lockOpenPoll(tx: Tx, pollId: string, now: Date): Promise<boolean> {
  const { count } = await tx.poll.updateMany({
    where: { id: pollId, closedAt: null, OR: [{ closesAt: null }, { closesAt: { gt: now } }] },
    data: { voterCount: { increment: 0 } },
  });
  return count === 1;
}

/** Votes, or changes a vote: the voter's choices become exactly `choices`. */
export async function vote(caller: Caller, member: boolean, post: PostForPoll, choices: string[]): Promise<Result<{ pollId: string }>> {
  const user = caller.user;
  const poll = await pollOf(post.id, db());
  if (!user || !poll) return fail.notFound();
  const now = new Date();
  if (!isPollOpen(poll, now)) return fail.conflict(CLOSED);
  if (!canVote(user, post.thread.channel, member, post, post.thread, poll, now)) return fail.forbidden();
  const chosen = [...new Set(choices)];
  const keys = new Set(poll.options.map((o) => o.key));
  if (chosen.some((key) => !keys.has(key))) return fail.invalid({ choices: 'channels:poll.errors.unknownOption' });
  if (chosen.length > poll.maxChoices)
    return fail.invalid({
      choices: poll.maxChoices === 1 ? 'channels:poll.errors.onlyOne' : msg('channels:poll.errors.atMost', { max: poll.maxChoices }),
    });
  return transaction(async (tx) => {
    if (!(await lockOpenPoll(tx, poll.id, now))) return fail.conflict(CLOSED);
    const mine = { pollId: poll.id, userId: user.id };
    const { count: before } = await tx.pollVote.deleteMany({ where: mine });
    await tx.pollVote.createMany({ data: chosen.map((optionKey) => ({ ...mine, optionKey, createdAt: now })) });
    if (before === 0) await tx.poll.update({ where: { id: poll.id }, data: { voterCount: { increment: 1 } }, select: { id: true } });
    await publishPollCounts(tx, post, poll.id, false);
    return ok({ pollId: poll.id });
  });
}

/** Closes an open poll before its time; a moderator closing someone else's poll is audited. */
export async function closePoll(caller: Caller, member: boolean, post: PostForPoll): Promise<Result<{ pollId: string }>> {
  const user = caller.user;
  const poll = await pollOf(post.id, db());
  if (!user || !poll) return fail.notFound();
  const channel = post.thread.channel;
  const now = new Date();
  if (!isPollOpen(poll, now)) return fail.conflict(CLOSED);
  if (!canClosePoll(user, channel, member, poll, now)) return fail.forbidden();
  return transaction(async (tx) => {
    if (!(await lockOpenPoll(tx, poll.id, now))) return fail.conflict(CLOSED);
    await tx.poll.update({ where: { id: poll.id }, data: { closedAt: now, closedById: user.id }, select: { id: true } });
    if (poll.createdById !== user.id && canModerate(user, channel))
      await audit(tx, {
        actorId: user.id,
        action: 'post.closePoll',
        targetKind: 'post',
        targetId: post.id,
        before: { pollId: poll.id, closedAt: null },
        after: { pollId: poll.id, closedAt: now.toISOString() },
        requestId: caller.requestId,
      });
    await publishPollCounts(tx, post, poll.id, true);
    return ok({ pollId: poll.id });
  });
}

/**
 * An account being deleted (identity/account-deletion.server.ts): its votes go, and the polls it
 * voted in count one voter fewer. Inside the deletion's transaction.
 */
export async function forgetPollVotes(tx: Tx, user: Pick<SessionUser, 'id'>): Promise<void> {
  await tx.poll.updateMany({ where: { votes: { some: { userId: user.id } } }, data: { voterCount: { decrement: 1 } } });
  await tx.pollVote.deleteMany({ where: { userId: user.id } });
}
