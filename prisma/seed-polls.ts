import type { Tx } from '~/lib/db.server';

/** The demo thread with a quick poll (Old Town), written in both languages as neighbors do. */
export const POLL_THREAD = 'Summer movie nights in the plaza / Cine de verano en la plaza';

const OPTIONS = ['Friday / viernes', 'Saturday / sábado', 'Sunday / domingo'];
/** Who voted for which option (by index into the demo accounts). */
const VOTES: [user: number, option: number][] = [
  [1, 1],
  [2, 1],
  [3, 0],
  [4, 1],
];

/** A single-choice poll on the thread's opening post, by its author, open for ten more days. */
export async function seedPolls(tx: Tx, ctx: { now: number; users: string[]; threads: Record<string, { id: string; posts: string[] }> }) {
  const thread = ctx.threads[POLL_THREAD];
  const author = ctx.users[5];
  const poll = await tx.poll.create({
    data: {
      postId: thread.posts[0],
      kind: 'single',
      question: 'Which night works best? / ¿Qué noche les viene mejor?',
      maxChoices: 1,
      closesAt: new Date(ctx.now + 10 * 24 * 3600 * 1000),
      createdById: author,
      voterCount: VOTES.length,
      options: { create: OPTIONS.map((label, i) => ({ key: `o${i + 1}`, label, position: i })) },
    },
  });
  await tx.pollVote.createMany({
    data: VOTES.map(([user, option]) => ({ pollId: poll.id, userId: ctx.users[user], optionKey: `o${option + 1}` })),
  });
}
