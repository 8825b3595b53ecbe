import type { Tx } from '~/lib/db.server';
import { mentionedUserIds, type RichTextDoc } from '~/modules/content/richtext';
import { notify, notifyFollowers } from '~/modules/notifications/notify.server';
import { channelReaders } from './readers.server';

/** A post as it becomes visible, with what its notices say. */
export type PublishedPost = {
  id: string;
  authorId: string;
  authorName: string;
  isOpening: boolean;
  body: RichTextDoc;
  thread: { id: string; title: string; channel: { id: string; visibility: string } };
};

/**
 * Who hears about a post when it becomes visible (published, or approved after being held):
 * people it mentions who can read the channel, and, for a reply, the thread's followers (not
 * those who muted it) who can still read it (channelReaders). Never the author. Runs in the transaction that publishes the post, so
 * the post and its notices commit together; the follower part costs the same few statements
 * however many people follow the thread (notifyFollowers).
 */
export async function sendPostNotices(tx: Tx, post: PublishedPost) {
  const data = { name: post.authorName, title: post.thread.title, threadId: post.thread.id };
  const mentioned = await mentionReaders(
    tx,
    post.thread.channel,
    mentionedUserIds(post.body).filter((id) => id !== post.authorId),
  );
  if (mentioned.length)
    await notify(
      tx,
      mentioned.map((userId) => ({ userId, kind: 'mention', targetKind: 'post', targetId: post.id, data })),
    );
  // A mention says more than "new reply": those mentioned get that instead.
  if (!post.isOpening)
    await notifyFollowers(tx, {
      threadId: post.thread.id,
      postId: post.id,
      except: [post.authorId, ...mentioned],
      readers: channelReaders(post.thread.channel),
      data,
    });
}

/** Of the people a post mentions, those who can read its channel. */
async function mentionReaders(tx: Tx, channel: { id: string; visibility: string }, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const readers = await tx.user.findMany({
    where: { id: { in: [...new Set(ids)] }, ...channelReaders(channel) },
    select: { id: true },
  });
  return readers.map((r) => r.id);
}
