import { transaction, type Tx } from '~/lib/db.server';
import { logger } from '~/lib/logger.server';
import { mentionedUserIds, type RichTextDoc } from '~/modules/content/richtext';
import { notify, notifyFollowers, type NotificationInput } from '~/modules/notifications/notify.server';

/**
 * Who hears about a new post: people following the thread (not those who muted it; not for a
 * thread's opening post) and people mentioned in it who can read the channel. Never the author.
 *
 * The transaction that publishes a post marks it `notifyPending`; sendPostNotices() then
 * notifies for every pending post in one transaction. Replies arriving together in a busy thread
 * share that work (one follower query, one grouped update for all of them) instead of each
 * repeating it, and a crash between the two leaves the marks for the next run (start-up).
 * Callers await it, so the notifications exist by the time their request answers.
 */
let running: Promise<void> | undefined;
let queued: Promise<void> | undefined;

export function sendPostNotices(): Promise<void> {
  if (!running) {
    running = sendPending().finally(() => {
      running = undefined;
    });
    return running;
  }
  // One more run after the current one serves everyone who arrives meanwhile.
  queued ??= running.then(() => {
    queued = undefined;
    return sendPostNotices();
  });
  return queued;
}

async function sendPending() {
  try {
    await transaction(notifyPendingPosts);
  } catch (error) {
    // The marks stay (the transaction rolled back), so the next run retries; the posts themselves are saved.
    logger().error({ err: (error as Error).message }, 'post notices failed');
  }
}

/** Claims every pending post (a concurrent process claims none of the same rows) and notifies for them. */
async function notifyPendingPosts(tx: Tx) {
  const claimed = await tx.post.updateManyAndReturn({
    where: { notifyPending: true },
    data: { notifyPending: false },
    select: { id: true, threadId: true, authorId: true, isOpening: true, body: true, createdAt: true },
  });
  if (!claimed.length) return;
  claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const threadIds = [...new Set(claimed.map((p) => p.threadId))];
  const [threads, authors] = await Promise.all([
    tx.thread.findMany({ where: { id: { in: threadIds } }, select: { id: true, title: true, channel: { select: { id: true, visibility: true } } } }),
    tx.user.findMany({ where: { id: { in: [...new Set(claimed.map((p) => p.authorId))] } }, select: { id: true, displayName: true } }),
  ]);
  const threadById = new Map(threads.map((t) => [t.id, t]));
  const nameOf = new Map(authors.map((a) => [a.id, a.displayName]));

  // Who each post mentions, and which of them can read its channel (one query per channel).
  const mentionsOf = new Map(claimed.map((p) => [p.id, mentionedUserIds(p.body as unknown as RichTextDoc).filter((id) => id !== p.authorId)]));
  const readersIn = new Map<string, Set<string>>();
  for (const thread of threads) {
    if (readersIn.has(thread.channel.id)) continue;
    const ids = claimed.filter((p) => threadById.get(p.threadId)?.channel.id === thread.channel.id).flatMap((p) => mentionsOf.get(p.id)!);
    readersIn.set(thread.channel.id, new Set(await mentionReaders(tx, thread.channel, [...new Set(ids)])));
  }
  const mentions: NotificationInput[] = [];
  const replies: Parameters<typeof notifyFollowers>[1][] = [];
  for (const post of claimed) {
    const thread = threadById.get(post.threadId);
    if (!thread) continue;
    const data = { name: nameOf.get(post.authorId) ?? '', title: thread.title, threadId: thread.id };
    const mentioned = mentionsOf.get(post.id)!.filter((id) => readersIn.get(thread.channel.id)!.has(id));
    for (const userId of mentioned) mentions.push({ userId, kind: 'mention', targetKind: 'post', targetId: post.id, data });
    // A mention says more than "new reply": those mentioned get that instead.
    if (!post.isOpening) replies.push({ threadId: thread.id, postId: post.id, except: [post.authorId, ...mentioned], data });
  }
  if (mentions.length) await notify(tx, mentions);
  // In publishing order, so a group that several of these posts grow is led by the first.
  for (const notice of replies) await notifyFollowers(tx, notice);
}

/** Of the people a post mentions, those who can read its channel. */
async function mentionReaders(tx: Tx, channel: { id: string; visibility: string }, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const readers = await tx.user.findMany({
    where: {
      id: { in: ids },
      status: { in: ['active', 'suspended'] },
      ...(channel.visibility === 'public' ? {} : { OR: [{ channels: { some: { channelId: channel.id } } }, { roleGrants: { some: { role: { in: ['admin', 'staff'] } } } }] }),
    },
    select: { id: true },
  });
  return readers.map((r) => r.id);
}
