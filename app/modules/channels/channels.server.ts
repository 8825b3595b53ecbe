import { bestEffortWrite, db, transaction, type Tx } from '~/lib/db.server';
import { publishAfterCommit, type RealtimeEvent } from '~/modules/realtime/publish.server';
import type { SessionUser } from '~/modules/identity/session.server';
import { canDeletePost, canEditPost, canReact, canReply, canStartThread } from './policy';
import type { Channel } from './queries.server';
import type { ReactionKind } from './reactions';
import type { RichTextDoc } from '~/modules/content/richtext';
import { withCurrentNames } from './mentions.server';
import { sendPostNotices } from './post-notices.server';

/**
 * What people do in the forum: start threads, reply, edit and delete their posts, react, follow.
 * Each use-case re-checks permission, writes in one transaction with its realtime events, and
 * returns a result the route turns into a page or a redirect. Callers have already validated input
 * and checked rate limits.
 */
export type Body = { doc: RichTextDoc; text: string };
export type Denied = { ok: false; reason: 'forbidden' | 'notFound' };
const denied: Denied = { ok: false, reason: 'forbidden' };

/** A new account's first post waits for review where the channel asks for it. */
async function initialStatus(tx: Tx, channel: Channel, userId: string) {
  if (!channel.holdFirstPosts) return 'published';
  const published = await tx.post.count({ where: { authorId: userId, status: 'published', deletedAt: null } });
  return published > 0 ? 'published' : 'pending';
}

function threadEvents(channelId: string, threadId: string, type: string, payload: Record<string, unknown> = {}): RealtimeEvent[] {
  return [
    { room: `thread:${threadId}`, type, payload: { threadId, ...payload } },
    { room: `channel:${channelId}`, type, payload: { threadId, ...payload } },
  ];
}

export async function startThread(user: SessionUser, channel: Channel, member: boolean, input: { title: string } & Body) {
  if (!canStartThread(user, channel, member)) return denied;
  return transaction(async (tx) => {
    const body = await withCurrentNames(tx, input.doc);
    const status = await initialStatus(tx, channel, user.id);
    const now = new Date();
    const thread = await tx.thread.create({
      data: {
        channelId: channel.id, authorId: user.id, title: input.title, lastActivityAt: now, createdAt: now,
        // A held opening post keeps its thread out of sight until a moderator approves it.
        hiddenAt: status === 'pending' ? now : null,
        hiddenReason: status === 'pending' ? 'held' : null,
      },
    });
    const post = await tx.post.create({
      data: { threadId: thread.id, authorId: user.id, isOpening: true, body: body.doc as never, text: body.text, status, createdAt: now },
      select: { id: true },
    });
    // The author follows their new thread.
    await tx.follow.create({ data: { userId: user.id, targetKind: 'thread', targetId: thread.id, level: 'follow' }, select: { level: true } });
    if (status === 'published') {
      await sendPostNotices(tx, { id: post.id, authorId: user.id, authorName: user.displayName, isOpening: true, body: body.doc, thread: { id: thread.id, title: thread.title, channel } });
      await publishAfterCommit(tx, [{ room: `channel:${channel.id}`, type: 'thread.created', payload: { threadId: thread.id } }]);
    }
    return { ok: true as const, threadId: thread.id, postId: post.id, held: status === 'pending' };
  });
}

type ThreadForReply = { id: string; title: string; locked: boolean; hiddenAt: Date | null; deletedAt: Date | null };

export async function reply(user: SessionUser, channel: Channel, member: boolean, thread: ThreadForReply, input: Body & { quotedPostId?: string }) {
  if (!canReply(user, channel, member, thread)) return denied;
  return transaction(async (tx) => {
    const quoted = input.quotedPostId
      ? await tx.post.findFirst({ where: { id: input.quotedPostId, threadId: thread.id, deletedAt: null, hiddenAt: null, status: 'published' }, select: { id: true } })
      : null;
    const body = await withCurrentNames(tx, input.doc);
    const status = await initialStatus(tx, channel, user.id);
    const now = new Date();
    // The thread's row first: on PostgreSQL its lock makes concurrent replies to one thread take
    // turns, so each one's follower notices see the groups the previous one made (no duplicates).
    if (status === 'published') {
      await tx.thread.update({ where: { id: thread.id }, data: { replyCount: { increment: 1 }, lastActivityAt: now }, select: { id: true } });
    }
    const post = await tx.post.create({
      data: { threadId: thread.id, authorId: user.id, body: body.doc as never, text: body.text, status, quotedPostId: quoted?.id ?? null, createdAt: now },
      select: { id: true },
    });
    // Replying follows the thread, but never undoes a mute. (The no-op update lets Prisma use
    // the database's INSERT ... ON CONFLICT: one statement instead of three.)
    await tx.follow.upsert({
      where: { userId_targetKind_targetId: { userId: user.id, targetKind: 'thread', targetId: thread.id } },
      create: { userId: user.id, targetKind: 'thread', targetId: thread.id, level: 'follow' },
      update: { userId: user.id },
      select: { level: true },
    });
    if (status === 'published') {
      await sendPostNotices(tx, { id: post.id, authorId: user.id, authorName: user.displayName, isOpening: false, body: body.doc, thread: { id: thread.id, title: thread.title, channel } });
      await publishAfterCommit(tx, threadEvents(channel.id, thread.id, 'post.created', { postId: post.id }));
    }
    return { ok: true as const, postId: post.id, held: status === 'pending' };
  });
}

type PostForChange = {
  id: string; threadId: string; authorId: string; isOpening: boolean; body: unknown; text: string; status: string;
  hiddenAt: Date | null; deletedAt: Date | null;
  thread: ThreadForReply & { channel: Channel };
};

/** Edits keep the previous version as a revision (visible to moderators) and mark the post "edited". */
export async function editPost(user: SessionUser, member: boolean, post: PostForChange, input: Body & { title?: string }) {
  const channel = post.thread.channel;
  if (!canEditPost(user, channel, member, post, post.thread)) return denied;
  return transaction(async (tx) => {
    await tx.postRevision.create({ data: { postId: post.id, editorId: user.id, body: post.body as never, text: post.text } });
    const body = await withCurrentNames(tx, input.doc);
    await tx.post.update({ where: { id: post.id }, data: { body: body.doc as never, text: body.text, editedAt: new Date() } });
    if (post.isOpening && input.title) await tx.thread.update({ where: { id: post.threadId }, data: { title: input.title } });
    if (post.status === 'published') await publishAfterCommit(tx, threadEvents(channel.id, post.threadId, 'post.updated', { postId: post.id }));
    return { ok: true as const };
  });
}

/** Deleting the opening post deletes the thread. */
export async function deletePost(user: SessionUser, member: boolean, post: PostForChange) {
  const channel = post.thread.channel;
  if (!canDeletePost(user, channel, member, post)) return denied;
  return transaction(async (tx) => {
    const now = new Date();
    // Only the first of two identical submits deletes (and counts) anything.
    const { count } = await tx.post.updateMany({ where: { id: post.id, deletedAt: null }, data: { deletedAt: now } });
    if (count === 0) return { ok: true as const, threadDeleted: post.isOpening };
    if (post.isOpening) {
      await tx.thread.update({ where: { id: post.threadId }, data: { deletedAt: now } });
      await publishAfterCommit(tx, threadEvents(channel.id, post.threadId, 'thread.deleted'));
    } else if (post.status === 'published' && !post.hiddenAt) {
      await tx.thread.update({ where: { id: post.threadId }, data: { replyCount: { decrement: 1 } } });
      await publishAfterCommit(tx, threadEvents(channel.id, post.threadId, 'post.deleted', { postId: post.id }));
    }
    return { ok: true as const, threadDeleted: post.isOpening };
  });
}

/** Adds the reaction, or takes it back if it was there (one of each kind per person). */
export async function toggleReaction(user: SessionUser, member: boolean, post: PostForChange, kind: ReactionKind) {
  if (!canReact(user, post.thread.channel, member, post, post.thread)) return denied;
  return transaction(async (tx) => {
    const key = { postId_userId_kind: { postId: post.id, userId: user.id, kind } };
    const existing = await tx.reaction.findUnique({ where: key });
    if (existing) await tx.reaction.delete({ where: key });
    else await tx.reaction.create({ data: { postId: post.id, userId: user.id, kind } });
    const count = await tx.reaction.count({ where: { postId: post.id, kind } });
    await publishAfterCommit(tx, [{ room: `thread:${post.threadId}`, type: 'reaction.changed', payload: { threadId: post.threadId, postId: post.id, kind, count } }]);
    return { ok: true as const, added: !existing };
  });
}

export async function setFollow(user: SessionUser, targetKind: 'thread' | 'channel', targetId: string, level: 'follow' | 'mute' | 'none') {
  await transaction(async (tx) => {
    const key = { userId_targetKind_targetId: { userId: user.id, targetKind, targetId } };
    if (level === 'none') await tx.follow.deleteMany({ where: { userId: user.id, targetKind, targetId } });
    else await tx.follow.upsert({ where: key, create: { userId: user.id, targetKind, targetId, level }, update: { level } });
  });
}

/**
 * Remembers how far a signed-in reader has read a thread (for unread markers). A reader already
 * past the thread's last activity costs a read, not a write; the upsert is one statement. Only a
 * convenience: when the database takes no writes, the thread is still shown (bestEffortWrite).
 */
export async function markRead(userId: string, thread: { id: string; lastActivityAt: Date }, at: Date) {
  const key = { userId_threadId: { userId, threadId: thread.id } };
  const marker = await db().readMarker.findUnique({ where: key, select: { lastReadAt: true } });
  if (marker && marker.lastReadAt >= thread.lastActivityAt) return;
  await bestEffortWrite('read marker', () =>
    db().readMarker.upsert({ where: key, create: { userId, threadId: thread.id, lastReadAt: at }, update: { lastReadAt: at }, select: { lastReadAt: true } }),
  );
}
