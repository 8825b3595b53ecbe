import { db, transaction, type Tx } from '~/lib/db.server';
import { enqueue } from '~/modules/jobs/queue.server';
import { isPublicPost } from '../policy';
import { publishPollCounts } from './poll-counts.server';

/**
 * A poll reaching its close time tells its thread room, as a vote or a closing does
 * (`poll.changed`, closed): a job at the close time, asked for when the poll is added, and a
 * schedule that sweeps up any poll whose job did not announce it. Once per poll: the mark
 * (`closeAnnouncedAt`) and the event row are written in one transaction by the one call that
 * sets the mark, so a job run again (a worker killed after its commit) publishes nothing.
 */
export const POLL_CLOSE_JOB = 'polls.announceClose';

/** Inside the transaction that adds the poll: the announcement job, due at its close time. */
export async function scheduleCloseAnnouncement(tx: Tx, pollId: string, closesAt: Date): Promise<void> {
  await enqueue(tx, POLL_CLOSE_JOB, { pollId }, { runAt: closesAt });
}

/** Announces that the poll has closed if its time has come and nobody has yet; true when this call did. */
export async function announcePollClosed(pollId: string, now = new Date()): Promise<boolean> {
  return transaction(async (tx) => {
    // A poll closed by hand was announced by closePoll.
    const { count } = await tx.poll.updateMany({
      where: { id: pollId, closeAnnouncedAt: null, closedAt: null, closesAt: { lte: now } },
      data: { closeAnnouncedAt: now },
    });
    if (!count) return false;
    const poll = await tx.poll.findUnique({
      where: { id: pollId },
      select: { post: { select: { id: true, threadId: true, status: true, hiddenAt: true, deletedAt: true } } },
    });
    // A post readers no longer see is marked, not announced (its figures stay out of the room).
    const post = poll?.post;
    if (post && isPublicPost(post)) await publishPollCounts(tx, post, pollId, true);
    return true;
  });
}

/** The schedule's sweep: every poll past its close time not announced yet; answers how many it announced. */
export async function announceDuePollClosings(now = new Date()): Promise<number> {
  const due = await db().poll.findMany({
    where: { closeAnnouncedAt: null, closedAt: null, closesAt: { lte: now } },
    select: { id: true },
    orderBy: { closesAt: 'asc' },
    take: 500,
  });
  let announced = 0;
  for (const { id } of due) if (await announcePollClosed(id, now)) announced++;
  return announced;
}
