import { db, type Tx } from '~/lib/db.server';
import { roomOf } from '~/modules/realtime/names';
import { publishAfterCommit } from '~/modules/realtime/publish.server';

/** A poll's figures: votes per option key and the number of people who voted. Never who chose what. */
export type PollCounts = { counts: Record<string, number>; voters: number };

/** The figures of these polls, in two queries however many polls (a thread page's). */
export async function pollCounts(pollIds: string[], client: Pick<Tx, 'poll' | 'pollVote'> = db()): Promise<Map<string, PollCounts>> {
  const result = new Map<string, PollCounts>();
  if (!pollIds.length) return result;
  const [polls, votes] = await Promise.all([
    client.poll.findMany({ where: { id: { in: pollIds } }, select: { id: true, voterCount: true } }),
    client.pollVote.groupBy({ by: ['pollId', 'optionKey'], where: { pollId: { in: pollIds } }, _count: { _all: true } }),
  ]);
  for (const poll of polls) result.set(poll.id, { counts: {}, voters: poll.voterCount });
  for (const row of votes) {
    const entry = result.get(row.pollId);
    if (entry) entry.counts[row.optionKey] = row._count._all;
  }
  return result;
}

/**
 * Tells the post's thread room the poll's figures after the commit (`poll.changed`): a vote, a
 * closing, or the close time reached. Figures only, never who chose what.
 */
export async function publishPollCounts(tx: Tx, post: { id: string; threadId: string }, pollId: string, closed: boolean) {
  const figures = (await pollCounts([pollId], tx)).get(pollId) ?? { counts: {}, voters: 0 };
  await publishAfterCommit(tx, [
    {
      room: roomOf('thread', post.threadId),
      type: 'poll.changed',
      payload: { threadId: post.threadId, postId: post.id, pollId, closed, counts: figures.counts, voters: figures.voters },
    },
  ]);
}
