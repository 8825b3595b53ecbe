import { db } from '~/lib/db.server';
import { canClosePoll, canSeePollResults, canVote, isPollOpen, type ChannelRef, type PostRef, type ThreadState } from '../policy';
import { pollCounts, type PollCounts } from './poll-counts.server';
import type { PollKind } from './schemas';

/** A post's poll as its page shows it, with the viewer's own choices (`mine`). */
export type PollRow = {
  id: string;
  postId: string;
  kind: PollKind;
  question: string;
  maxChoices: number;
  closesAt: Date | null;
  closedAt: Date | null;
  createdById: string;
  options: { key: string; label: string }[];
  mine: string[];
} & PollCounts;

/** The polls of a page's posts, by post id: three queries however many posts. */
export async function pollsOfPosts(postIds: string[], viewerId: string | undefined): Promise<Map<string, PollRow>> {
  if (!postIds.length) return new Map();
  const polls = await db().poll.findMany({
    where: { postId: { in: postIds } },
    select: {
      id: true,
      postId: true,
      kind: true,
      question: true,
      maxChoices: true,
      closesAt: true,
      closedAt: true,
      createdById: true,
      options: { select: { key: true, label: true }, orderBy: { position: 'asc' } },
      votes: viewerId ? { where: { userId: viewerId }, select: { optionKey: true } } : false,
    },
  });
  if (!polls.length) return new Map();
  const figures = await pollCounts(polls.map((p) => p.id));
  return new Map(
    polls.map(({ votes, ...poll }) => [
      poll.postId,
      {
        ...poll,
        kind: poll.kind as PollKind,
        mine: ((votes as { optionKey: string }[] | undefined) ?? []).map((v) => v.optionKey),
        ...(figures.get(poll.id) ?? { counts: {}, voters: 0 }),
      },
    ]),
  );
}

/** Whether a post already has a poll (the add-poll page says so instead of offering the form). */
export async function postHasPoll(postId: string): Promise<boolean> {
  return !!(await db().poll.findUnique({ where: { postId }, select: { id: true } }));
}

type Reader = Parameters<typeof canVote>[0];

/**
 * A poll as this reader is shown it (PollView's data): what they may do with it, and the counts
 * only where the results rule lets them see them (canSeePollResults).
 */
export function pollForReader(
  row: PollRow,
  reader: Reader,
  where: { channel: ChannelRef; member: boolean; post: PostRef; thread: ThreadState },
  now: Date = new Date(),
) {
  const mayVote = canVote(reader, where.channel, where.member, where.post, where.thread, row, now);
  const results = canSeePollResults(reader, where.channel, row, { mayVote, voted: row.mine.length > 0 }, now);
  return {
    id: row.id,
    kind: row.kind,
    question: row.question,
    maxChoices: row.maxChoices,
    closesAt: row.closesAt?.toISOString() ?? null,
    closed: !isPollOpen(row, now),
    options: row.options,
    counts: results ? row.counts : {},
    voters: row.voters,
    mine: row.mine,
    can: { vote: mayVote, close: canClosePoll(reader, where.channel, where.member, row, now), results },
  };
}
