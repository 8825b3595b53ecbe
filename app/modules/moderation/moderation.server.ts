import type { Caller } from '~/lib/caller.server';
import { transaction, type Tx } from '~/lib/db.server';
import { fail, ok, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import { threadEvents } from '~/modules/channels/channels.server';
import { sendPostNotices } from '~/modules/channels/post-notices.server';
import { canModerate, canSeePostById } from '~/modules/channels/policy';
import { channelAccess } from '~/modules/channels/queries.server';
import { can } from '~/modules/identity/policy';
import { notify } from '~/modules/notifications/notify.server';
import { publishAfterCommit, type RealtimeEvent } from '~/modules/realtime/publish.server';
import { roomOf } from '~/modules/realtime/names';
import type { RichTextDoc } from '~/modules/content/richtext';
import type { PostActionInput, ThreadActionInput, UserActionInput } from './schemas';
import type { FlagReason, FlagResolution } from './values';

/** The audit row of a moderator's action (`post.hide`, `thread.move`, `user.ban`, …), with what changed. */
function auditModeration(
  tx: Tx,
  caller: Caller,
  actorId: string,
  target: { kind: 'post' | 'thread' | 'user'; id: string; action: string },
  change: { before: unknown; after: unknown },
) {
  return audit(tx, {
    actorId,
    action: `${target.kind}.${target.action}`,
    targetKind: target.kind,
    targetId: target.id,
    ...change,
    requestId: caller.requestId,
  });
}

/**
 * Keeping the forum civil: flags from readers, and moderators' and staff's actions on posts,
 * threads and accounts. Every action is audited (who, what, before/after), tells the author,
 * and publishes what changed to the thread's and channel's rooms.
 */

const postSelect = {
  id: true,
  threadId: true,
  authorId: true,
  isOpening: true,
  status: true,
  hiddenAt: true,
  hiddenReason: true,
  deletedAt: true,
  text: true,
  body: true,
  author: { select: { displayName: true } },
  thread: {
    select: {
      id: true,
      title: true,
      channelId: true,
      hiddenAt: true,
      deletedAt: true,
      locked: true,
      authorId: true,
      channel: { select: { id: true, visibility: true } },
    },
  },
} as const;

/** One flag per person per post; a second flag from the same person changes nothing. */
export async function flagPost(caller: Caller, postId: string, input: { reason: FlagReason; note?: string }): Promise<Result> {
  const user = caller.user;
  if (!user) return fail.forbidden();
  return transaction(async (tx): Promise<Result> => {
    const post = await tx.post.findUnique({ where: { id: postId }, select: postSelect });
    if (!post) return fail.notFound();
    // What this person may not see (held, hidden, in a hidden thread) does not exist for them.
    const { readable } = await channelAccess(user, post.thread.channel);
    if (!canSeePostById(user, post.thread.channel, readable, post, post.thread)) return fail.notFound();
    if (user.status !== 'active') return fail.forbidden();
    const existing = await tx.flag.findUnique({ where: { postId_userId: { postId, userId: user.id } } });
    if (existing) return fail.invalid({ '': 'moderation:flag.already' });
    await tx.flag.create({ data: { postId, userId: user.id, reason: input.reason, note: input.note ?? null } });
    await publishAfterCommit(tx, [{ room: roomOf('moderation', post.thread.channelId), type: 'queue.changed', payload: { postId } }]);
    return ok();
  });
}

async function resolveFlags(tx: Tx, postId: string, actorId: string, resolution: FlagResolution) {
  await tx.flag.updateMany({ where: { postId, resolvedAt: null }, data: { resolvedAt: new Date(), resolvedById: actorId, resolution } });
}

/** approve | hide | restore | delete | dismiss (flags) on one post. */
export async function moderatePost(caller: Caller, input: PostActionInput): Promise<Result> {
  const actor = caller.user;
  if (!actor) return fail.forbidden();
  const action = input.intent;
  const reason = input.intent === 'hide' ? input.reason : undefined;
  return transaction(async (tx): Promise<Result> => {
    const post = await tx.post.findUnique({ where: { id: input.postId }, select: postSelect });
    if (!post || post.deletedAt) return fail.notFound();
    const channel = post.thread.channel;
    if (!canModerate(actor, channel)) return fail.forbidden();
    const now = new Date();
    const before = { status: post.status, hiddenAt: post.hiddenAt, hiddenReason: post.hiddenReason };
    let after: Record<string, unknown> = {};
    let countChange = 0;
    const visibleBefore = post.status === 'published' && !post.hiddenAt;

    if (action === 'approve') {
      after = { status: 'published' };
      await tx.post.update({ where: { id: post.id }, data: { status: 'published' } });
      if (post.isOpening && post.thread.hiddenAt)
        await tx.thread.update({ where: { id: post.threadId }, data: { hiddenAt: null, hiddenReason: null } });
      if (!visibleBefore && !post.hiddenAt && !post.isOpening) countChange = 1;
      await resolveFlags(tx, post.id, actor.id, 'approved');
    } else if (action === 'hide') {
      after = { hiddenAt: now, hiddenReason: reason };
      // The post only: an opening post's replies stay readable under its "hidden" notice.
      await tx.post.update({ where: { id: post.id }, data: { hiddenAt: now, hiddenReason: reason, hiddenById: actor.id } });
      if (visibleBefore && !post.isOpening) countChange = -1;
      await resolveFlags(tx, post.id, actor.id, 'hidden');
    } else if (action === 'restore') {
      after = { hiddenAt: null, hiddenReason: null };
      await tx.post.update({ where: { id: post.id }, data: { hiddenAt: null, hiddenReason: null, hiddenById: null } });
      // Threads hidden with their opening post (before it was hidden alone) come back with it;
      // a held opening post's thread waits for approval.
      if (post.isOpening && post.thread.hiddenAt && post.status === 'published')
        await tx.thread.update({ where: { id: post.threadId }, data: { hiddenAt: null, hiddenReason: null } });
      if (post.hiddenAt && post.status === 'published' && !post.isOpening) countChange = 1;
    } else if (action === 'delete') {
      after = { deletedAt: now };
      await tx.post.update({ where: { id: post.id }, data: { deletedAt: now } });
      if (post.isOpening) await tx.thread.update({ where: { id: post.threadId }, data: { deletedAt: now } });
      if (visibleBefore && !post.isOpening) countChange = -1;
      await resolveFlags(tx, post.id, actor.id, 'deleted');
    } else {
      after = { flags: 'dismissed' };
      await resolveFlags(tx, post.id, actor.id, 'dismissed');
    }
    if (countChange) await tx.thread.update({ where: { id: post.threadId }, data: { replyCount: { increment: countChange } } });
    // A held post now appears: its followers and the people it mentions hear of it, as for any
    // post (after the thread's row is locked, as a reply does).
    if (action === 'approve' && post.status === 'pending') {
      await sendPostNotices(tx, {
        id: post.id,
        authorId: post.authorId,
        authorName: post.author.displayName,
        isOpening: post.isOpening,
        body: post.body as unknown as RichTextDoc,
        thread: post.thread,
      });
    }

    await auditModeration(tx, caller, actor.id, { kind: 'post', id: post.id, action }, { before, after });
    if (action !== 'dismiss' && post.authorId !== actor.id) {
      await notify(tx, [
        {
          userId: post.authorId,
          kind: 'moderation',
          targetKind: 'post',
          targetId: post.id,
          data: { action, reason: reason ?? null, threadId: post.threadId, title: post.thread.title },
        },
      ]);
    }
    await publishAfterCommit(tx, [
      ...threadEvents(channel.id, post.threadId, 'post.moderated', { postId: post.id, action }),
      { room: roomOf('moderation', channel.id), type: 'queue.changed', payload: { postId: post.id } },
    ]);
    return ok();
  });
}

/** lock | unlock | pin | unpin | move (to another channel the actor also moderates). */
export async function moderateThread(caller: Caller, input: ThreadActionInput): Promise<Result> {
  const actor = caller.user;
  if (!actor) return fail.forbidden();
  return transaction(async (tx): Promise<Result> => {
    const thread = await tx.thread.findUnique({
      where: { id: input.threadId },
      select: {
        id: true,
        title: true,
        authorId: true,
        locked: true,
        pinned: true,
        channelId: true,
        deletedAt: true,
        channel: { select: { id: true, visibility: true } },
      },
    });
    if (!thread || thread.deletedAt) return fail.notFound();
    if (!canModerate(actor, thread.channel)) return fail.forbidden();
    let data: { locked?: boolean; pinned?: boolean; channelId?: string } = {};
    if (input.action === 'lock' || input.action === 'unlock') data = { locked: input.action === 'lock' };
    if (input.action === 'pin' || input.action === 'unpin') data = { pinned: input.action === 'pin' };
    if (input.action === 'move') {
      const target = input.channelId
        ? await tx.channel.findUnique({ where: { id: input.channelId }, select: { id: true, visibility: true } })
        : null;
      if (!target) return fail.notFound();
      if (!canModerate(actor, target)) return fail.forbidden();
      data = { channelId: target.id };
    }
    const before = { locked: thread.locked, pinned: thread.pinned, channelId: thread.channelId };
    await tx.thread.update({ where: { id: thread.id }, data });
    await auditModeration(tx, caller, actor.id, { kind: 'thread', id: thread.id, action: input.action }, { before, after: data });
    if (thread.authorId !== actor.id) {
      await notify(tx, [
        {
          userId: thread.authorId,
          kind: 'moderation',
          targetKind: 'thread',
          targetId: thread.id,
          data: { action: input.action, reason: null, threadId: thread.id, title: thread.title },
        },
      ]);
    }
    const events: RealtimeEvent[] = threadEvents(thread.channelId, thread.id, 'thread.moderated', { action: input.action });
    if (data.channelId)
      events.push({ room: roomOf('channel', data.channelId), type: 'thread.moderated', payload: { threadId: thread.id, action: 'move' } });
    await publishAfterCommit(tx, events);
    return ok();
  });
}

/** warn | suspend (days) | ban | reinstate an account: staff and admins only. */
export async function moderateUser(caller: Caller, input: UserActionInput): Promise<Result> {
  const actor = caller.user;
  if (!actor || !can(actor, 'moderate:user')) return fail.forbidden();
  if (input.userId === actor.id) return fail.forbidden();
  return transaction(async (tx): Promise<Result> => {
    const target = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, status: true, suspendedUntil: true, roleGrants: { select: { role: true } } },
    });
    if (!target || target.status === 'deleted') return fail.notFound();
    // Staff cannot sanction administrators; only administrators can.
    if (target.roleGrants.some((g) => g.role === 'admin') && !can(actor, 'manage:role')) return fail.forbidden();
    const before = { status: target.status, suspendedUntil: target.suspendedUntil };
    let after: { status: string; suspendedUntil: Date | null } = { status: target.status, suspendedUntil: target.suspendedUntil };
    if (input.action === 'suspend')
      after = { status: 'suspended', suspendedUntil: new Date(Date.now() + (input.days ?? 1) * 24 * 3600 * 1000) };
    if (input.action === 'ban') after = { status: 'banned', suspendedUntil: null };
    if (input.action === 'reinstate') after = { status: 'active', suspendedUntil: null };
    if (input.action !== 'warn') await tx.user.update({ where: { id: target.id }, data: after });
    if (input.action === 'ban') await tx.session.deleteMany({ where: { userId: target.id } });
    await auditModeration(
      tx,
      caller,
      actor.id,
      { kind: 'user', id: target.id, action: input.action },
      { before, after: { ...after, message: input.message } },
    );
    await notify(tx, [
      {
        userId: target.id,
        kind: 'moderation',
        targetKind: 'user',
        targetId: target.id,
        data: { action: input.action, reason: input.message, days: input.days ?? null },
      },
    ]);
    // A ban ends every session at once; any change of status re-checks the person's open sockets.
    await publishAfterCommit(tx, [
      { room: roomOf('user', target.id), type: input.action === 'ban' ? 'session.ended' : 'access.changed', payload: {} },
    ]);
    return ok();
  });
}
