import type { Caller } from '~/lib/caller.server';
import { bestEffortWrite, db, transaction, type Tx } from '~/lib/db.server';
import { fail, ok, type Result } from '~/lib/result';
import { publishAfterCommit, type RealtimeEvent } from '~/modules/realtime/publish.server';
import { roomOf, type EventType } from '~/modules/realtime/names';
import type { SessionUser } from '~/modules/identity/session.server';
import { canDeletePost, canEditPost, canReact, canReply, canStartThread, PUBLIC_POST } from './policy';
import type { Channel } from './queries.server';
import type { FollowLevel, FollowTarget, PostStatus, ReactionKind } from './values';
import type { Body } from '~/modules/content/body.server';
import { limitPosting } from './limits.server';
import { withCurrentNames } from './mentions.server';
import { attachPostPictures, checkPostPictures } from './post-pictures.server';
import { sendPostNotices, type PublishedPost } from './post-notices.server';

/**
 * What people do in the forum: start threads, reply, edit and delete their posts, react, follow.
 * Each use case takes the caller first, re-checks permission (policy.ts), writes in one
 * transaction with its realtime events, and returns a Result (lib/result.ts) the route maps
 * with respond.server.ts. Input is validated by the route's schema before.
 */

/** A new account's first post waits for review where the channel asks for it. */
async function initialStatus(tx: Tx, channel: Channel, userId: string): Promise<PostStatus> {
  if (!channel.holdFirstPosts) return 'published';
  const published = await tx.post.count({ where: { authorId: userId, status: 'published', deletedAt: null } });
  return published > 0 ? 'published' : 'pending';
}

/** The author's post as its notices describe it (sendPostNotices). */
function publishedPost(
  author: SessionUser,
  id: string,
  isOpening: boolean,
  body: PublishedPost['body'],
  thread: PublishedPost['thread'],
): PublishedPost {
  return { id, authorId: author.id, authorName: author.displayName, isOpening, body, thread };
}

/** An event for the thread's room and the channel's (its lists show activity). */
export function threadEvents(channelId: string, threadId: string, type: EventType, payload: Record<string, unknown> = {}): RealtimeEvent[] {
  return [
    { room: roomOf('thread', threadId), type, payload: { threadId, ...payload } },
    { room: roomOf('channel', channelId), type, payload: { threadId, ...payload } },
  ];
}

/**
 * The caller's user when they may do it, else null. A form the caller may no longer send (the
 * thread was locked meanwhile, the account suspended) comes back with a form-level error (400),
 * as the page offered it; other refusals are `forbidden`.
 */
function acting(caller: Caller, allowed: (user: SessionUser) => boolean): SessionUser | null {
  return caller.user && allowed(caller.user) ? caller.user : null;
}

export async function startThread(
  caller: Caller,
  channel: Channel,
  member: boolean,
  input: { title: string } & Body,
  /** What else the thread is made for, written in its transaction (a budget proposal). */
  alongside?: (tx: Tx, thread: { id: string }) => Promise<void>,
): Promise<Result<{ threadId: string; postId: string; held: boolean }>> {
  const user = acting(caller, (u) => canStartThread(u, channel, member));
  if (!user) return fail.invalid({ '': 'channels:errors.cannotPost' });
  const pictures = await checkPostPictures(user.id, input.doc);
  if (!pictures.ok) return pictures;
  return limitPosting(caller, user, () =>
    transaction(async (tx) => {
      const written = await writeThread(tx, user, channel, input);
      await alongside?.(tx, { id: written.threadId });
      return ok(written);
    }),
  );
}

/**
 * A new thread and its opening post, written in the caller's transaction: the author follows it,
 * and its notices and realtime event go out with the commit. startThread's core, for modules that
 * open a thread as part of their own write (budget facts' topics) after checking who may.
 */
export async function writeThread(
  tx: Tx,
  user: SessionUser,
  channel: Channel,
  input: { title: string } & Body,
): Promise<{ threadId: string; postId: string; held: boolean }> {
  const body = await withCurrentNames(tx, input.doc);
  const status = await initialStatus(tx, channel, user.id);
  const now = new Date();
  const thread = await tx.thread.create({
    data: {
      channelId: channel.id,
      authorId: user.id,
      title: input.title,
      lastActivityAt: now,
      createdAt: now,
      // A held opening post keeps its thread out of sight until a moderator approves it.
      hiddenAt: status === 'pending' ? now : null,
      hiddenReason: status === 'pending' ? 'held' : null,
    },
  });
  const post = await tx.post.create({
    data: { threadId: thread.id, authorId: user.id, isOpening: true, body: body.doc as never, text: body.text, status, createdAt: now },
    select: { id: true },
  });
  await attachPostPictures(tx, user.id, post.id, body.doc);
  // The author follows their new thread.
  await tx.follow.create({
    data: { userId: user.id, targetKind: 'thread', targetId: thread.id, level: 'follow' },
    select: { level: true },
  });
  if (status === 'published') {
    await sendPostNotices(tx, publishedPost(user, post.id, true, body.doc, { id: thread.id, title: thread.title, channel }));
    await publishAfterCommit(tx, [{ room: roomOf('channel', channel.id), type: 'thread.created', payload: { threadId: thread.id } }]);
  }
  return { threadId: thread.id, postId: post.id, held: status === 'pending' };
}

type ThreadForReply = { id: string; title: string; locked: boolean; hiddenAt: Date | null; deletedAt: Date | null };

export async function reply(
  caller: Caller,
  channel: Channel,
  member: boolean,
  thread: ThreadForReply,
  input: Body & { quotedPostId?: string },
): Promise<Result<{ postId: string; held: boolean }>> {
  const user = acting(caller, (u) => canReply(u, channel, member, thread));
  if (!user) return fail.invalid({ '': 'channels:errors.cannotReply' });
  const pictures = await checkPostPictures(user.id, input.doc);
  if (!pictures.ok) return pictures;
  return limitPosting(caller, user, () =>
    transaction(async (tx) => {
      const quoted = input.quotedPostId
        ? await tx.post.findFirst({ where: { id: input.quotedPostId, threadId: thread.id, ...PUBLIC_POST }, select: { id: true } })
        : null;
      const body = await withCurrentNames(tx, input.doc);
      const status = await initialStatus(tx, channel, user.id);
      const now = new Date();
      // The thread's row first: on PostgreSQL its lock makes concurrent replies to one thread take
      // turns, so each one's follower notices see the groups the previous one made (no duplicates).
      if (status === 'published') {
        await tx.thread.update({
          where: { id: thread.id },
          data: { replyCount: { increment: 1 }, lastActivityAt: now },
          select: { id: true },
        });
      }
      const post = await tx.post.create({
        data: {
          threadId: thread.id,
          authorId: user.id,
          body: body.doc as never,
          text: body.text,
          status,
          quotedPostId: quoted?.id ?? null,
          createdAt: now,
        },
        select: { id: true },
      });
      await attachPostPictures(tx, user.id, post.id, body.doc);
      // Replying follows the thread, but never undoes a mute. (The no-op update lets Prisma use
      // the database's INSERT ... ON CONFLICT: one statement instead of three.)
      await tx.follow.upsert({
        where: { userId_targetKind_targetId: { userId: user.id, targetKind: 'thread', targetId: thread.id } },
        create: { userId: user.id, targetKind: 'thread', targetId: thread.id, level: 'follow' },
        update: { userId: user.id },
        select: { level: true },
      });
      if (status === 'published') {
        await sendPostNotices(tx, publishedPost(user, post.id, false, body.doc, { id: thread.id, title: thread.title, channel }));
        await publishAfterCommit(tx, threadEvents(channel.id, thread.id, 'post.created', { postId: post.id }));
      }
      return ok({ postId: post.id, held: status === 'pending' });
    }),
  );
}

type PostForChange = {
  id: string;
  threadId: string;
  authorId: string;
  isOpening: boolean;
  body: unknown;
  text: string;
  status: string;
  hiddenAt: Date | null;
  deletedAt: Date | null;
  thread: ThreadForReply & { channel: Channel };
};

/** Edits keep the previous version as a revision (visible to moderators) and mark the post "edited". */
export async function editPost(caller: Caller, member: boolean, post: PostForChange, input: Body & { title?: string }): Promise<Result> {
  const channel = post.thread.channel;
  const user = acting(caller, (u) => canEditPost(u, channel, member, post, post.thread));
  if (!user) return fail.invalid({ '': 'channels:errors.cannotEdit' });
  const pictures = await checkPostPictures(user.id, input.doc, post.id);
  if (!pictures.ok) return pictures;
  return transaction(async (tx) => {
    await rewritePost(tx, user.id, { ...post, channelId: channel.id }, input);
    return ok();
  });
}

/**
 * A post's new text in the caller's transaction, the previous one kept as a revision; the opening
 * post's new title renames its thread. For editPost, and for what a thread was made for (a budget
 * proposal's edit rewrites its discussion's opening post).
 */
export async function rewritePost(
  tx: Tx,
  editorId: string,
  post: { id: string; threadId: string; channelId: string; isOpening: boolean; body: unknown; text: string; status: string },
  input: Body & { title?: string },
) {
  await tx.postRevision.create({ data: { postId: post.id, editorId, body: post.body as never, text: post.text } });
  const body = await withCurrentNames(tx, input.doc);
  await attachPostPictures(tx, editorId, post.id, body.doc);
  await tx.post.update({ where: { id: post.id }, data: { body: body.doc as never, text: body.text, editedAt: new Date() } });
  if (post.isOpening && input.title) await tx.thread.update({ where: { id: post.threadId }, data: { title: input.title } });
  if (post.status === 'published')
    await publishAfterCommit(tx, threadEvents(post.channelId, post.threadId, 'post.updated', { postId: post.id }));
}

/** Deleting the opening post deletes the thread. */
export async function deletePost(caller: Caller, member: boolean, post: PostForChange): Promise<Result<{ threadDeleted: boolean }>> {
  const channel = post.thread.channel;
  if (!acting(caller, (u) => canDeletePost(u, channel, member, post))) return fail.forbidden();
  return transaction(async (tx) => {
    const now = new Date();
    // Only the first of two identical submits deletes (and counts) anything.
    const { count } = await tx.post.updateMany({ where: { id: post.id, deletedAt: null }, data: { deletedAt: now } });
    if (count === 0) return ok({ threadDeleted: post.isOpening });
    if (post.isOpening) {
      await tx.thread.update({ where: { id: post.threadId }, data: { deletedAt: now } });
      await publishAfterCommit(tx, threadEvents(channel.id, post.threadId, 'thread.deleted'));
    } else if (post.status === 'published' && !post.hiddenAt) {
      await tx.thread.update({ where: { id: post.threadId }, data: { replyCount: { decrement: 1 } } });
      await publishAfterCommit(tx, threadEvents(channel.id, post.threadId, 'post.deleted', { postId: post.id }));
    }
    return ok({ threadDeleted: post.isOpening });
  });
}

/** Adds the reaction, or takes it back if it was there (one of each kind per person). */
export async function toggleReaction(
  caller: Caller,
  member: boolean,
  post: PostForChange,
  kind: ReactionKind,
): Promise<Result<{ added: boolean }>> {
  const user = acting(caller, (u) => canReact(u, post.thread.channel, member, post, post.thread));
  if (!user) return fail.forbidden(caller.user?.id === post.authorId ? 'channels:errors.ownReaction' : undefined);
  return transaction(async (tx) => {
    const key = { postId_userId_kind: { postId: post.id, userId: user.id, kind } };
    const existing = await tx.reaction.findUnique({ where: key });
    if (existing) await tx.reaction.delete({ where: key });
    else await tx.reaction.create({ data: { postId: post.id, userId: user.id, kind } });
    const count = await tx.reaction.count({ where: { postId: post.id, kind } });
    await publishAfterCommit(tx, [
      {
        room: roomOf('thread', post.threadId),
        type: 'reaction.changed',
        payload: { threadId: post.threadId, postId: post.id, kind, count },
      },
    ]);
    return ok({ added: !existing });
  });
}

/** The caller has already been shown the thread or channel (its page's guard). */
export async function setFollow(caller: Caller, targetKind: FollowTarget, targetId: string, level: FollowLevel): Promise<Result> {
  const user = caller.user;
  if (!user) return fail.forbidden();
  return transaction(async (tx) => {
    const key = { userId_targetKind_targetId: { userId: user.id, targetKind, targetId } };
    if (level === 'none') await tx.follow.deleteMany({ where: { userId: user.id, targetKind, targetId } });
    else await tx.follow.upsert({ where: key, create: { userId: user.id, targetKind, targetId, level }, update: { level } });
    return ok();
  });
}

/**
 * Remembers how far a signed-in reader has read a thread (for unread markers). A reader already
 * past the thread's last activity costs a read, not a write; the upsert is one statement. Only a
 * convenience: when the database takes no writes, the thread is still shown (bestEffortWrite).
 */
export async function markRead(caller: Caller, thread: { id: string; lastActivityAt: Date }, at: Date): Promise<Result> {
  if (!caller.user) return ok();
  const userId = caller.user.id;
  const key = { userId_threadId: { userId, threadId: thread.id } };
  const marker = await db().readMarker.findUnique({ where: key, select: { lastReadAt: true } });
  if (marker && marker.lastReadAt >= thread.lastActivityAt) return ok();
  await bestEffortWrite('read marker', () =>
    db().readMarker.upsert({
      where: key,
      create: { userId, threadId: thread.id, lastReadAt: at },
      update: { lastReadAt: at },
      select: { lastReadAt: true },
    }),
  );
  return ok();
}
