import { db, isUniqueViolation, transaction, type Tx } from '~/lib/db.server';
import { dialect } from '~/lib/dialect/index.server';
import type { Caller } from '~/lib/caller.server';
import { msg } from '~/lib/forms';
import { fail, ok, type Failure, type Result } from '~/lib/result';
import { auditRequest } from '../audit.server';
import type { SessionUser } from '~/modules/identity/session.server';
import { notify } from '~/modules/notifications/notify.server';
import { publishAfterCommit, type RealtimeEvent } from '~/modules/realtime/publish.server';
import type { Answers } from '~/modules/surveys/answers';
import type { RequestStatus } from '../values';
import { fileRequest } from '../intake/file-request.server';
import type { IntakeInput } from '../intake/intake-schemas';
import { canHandleRequests, canReadRequest } from '../policy';
import type { IntakeType } from '../intake/intake-queries.server';

/**
 * Forum posts and service requests (docs/decisions/0011-service-requests.md, "Forum links"):
 * promoting a post files a request (source `forum`, recorded by the staff member) linked to it;
 * a post can instead be linked to an existing request by its code, so several posts about one
 * problem point at one request; links can be removed. Each is one transaction: the RequestLink
 * row, an internal `link` (or `unlink`) timeline entry naming the thread, an audit entry, the post author's notification and the
 * live events (the thread's room, so its badge updates and its cached anonymous pages are
 * dropped, and the request's rooms).
 */
/** The staff member promoting or linking (the guard, requirePromotable, has checked they may). */
type Promoter = Caller & { user: SessionUser };

/** The post being promoted, as the promote page loaded it (already checked visible and allowed). */
export type PromoteSource = { postId: string; threadId: string; isOpening: boolean; authorId: string; title: string };

/** An opening post stands for its thread (title + first post); a reply for itself. */
function linkTarget(source: PromoteSource) {
  return source.isOpening
    ? { targetKind: 'thread' as const, targetId: source.threadId }
    : { targetKind: 'post' as const, targetId: source.postId };
}

/** A refusal shown by the form's field (a 400 with the form kept). */
const refusal = (field: string, key: string): Failure => fail.invalid({ [field]: msg(key) });

function promoter(caller: Caller): Promoter | null {
  return caller.user ? (caller as Promoter) : null;
}

async function writeLink(
  tx: Tx,
  actor: Promoter,
  source: PromoteSource,
  request: { id: string; code: string; departmentId: string },
  action: 'request.promote' | 'request.link',
) {
  const target = linkTarget(source);
  await tx.requestLink.create({ data: { requestId: request.id, ...target } });
  // Internal: the forum post may later be hidden, and residents' timelines need not name it.
  await tx.requestEvent.create({
    data: { requestId: request.id, actorId: actor.user.id, kind: 'link', public: false, note: source.title.slice(0, 300) },
  });
  await auditRequest(tx, actor, action, request.id, { after: { ...target, postId: source.postId } });
  if (source.authorId !== actor.user.id) {
    await notify(tx, [
      {
        userId: source.authorId,
        kind: 'promoted',
        targetKind: 'request',
        targetId: request.id,
        data: { code: request.code, title: source.title.slice(0, 200), threadId: source.threadId },
      },
    ]);
  }
  await publishAfterCommit(tx, [
    // Ids only: the thread page re-reads which badges its reader may see.
    { room: `thread:${source.threadId}`, type: 'request.linked', payload: { threadId: source.threadId } },
    { room: `request:${request.id}`, type: 'request.updated', payload: { requestId: request.id } },
    {
      room: `department:${request.departmentId}`,
      type: 'request.updated',
      payload: { requestId: request.id, code: request.code, change: 'link' },
    },
  ]);
}

/** A post promoted already: its request is the one to follow (thrown inside the filing's transaction). */
class AlreadyPromoted extends Error {}

/**
 * Serializes promoting one post: on PostgreSQL the post's row lock is held until commit, so a
 * second promote waits and then sees the first one's link (SQLite writes one transaction at a time).
 */
async function lockPost(tx: Tx, postId: string) {
  if (dialect().engine === 'postgres') await tx.$queryRaw`SELECT 1 FROM "Post" WHERE "id" = ${postId} FOR UPDATE`;
}

/** Whether the post (a thread's opening post: its thread) is linked to any request. */
async function isLinked(tx: Tx, source: PromoteSource) {
  return (await tx.requestLink.count({ where: linkTarget(source) })) > 0;
}

/** Files a new request from the post (the intake's checks ran on the form already). */
export async function promotePost(
  caller: Caller,
  source: PromoteSource,
  input: { type: IntakeType; version: number; form: IntakeInput; answers: Answers; locale: string },
): Promise<Result<{ code: string }>> {
  const actor = promoter(caller);
  if (!actor) return fail.forbidden();
  const filing = fileRequest(actor, {
    type: input.type,
    version: input.version,
    form: { ...input.form, anonymous: false, contactName: undefined, contactEmail: undefined, contactPhone: undefined },
    answers: input.answers,
    photos: [],
    locale: input.locale,
    source: 'forum',
    // Nobody to give a secret link to: the author follows the request from the notice instead.
    onBehalf: { requesterId: null, secretLink: false },
    also: async (tx, filed) => {
      // One request per post: a linked post is followed through its request, not filed again.
      await lockPost(tx, source.postId);
      if (await isLinked(tx, source)) throw new AlreadyPromoted();
      await writeLink(tx, actor, source, { ...filed, departmentId: input.type.departmentId }, 'request.promote');
    },
  });
  try {
    const filed = await filing;
    return filed.ok ? ok({ code: filed.value.code }) : filed;
  } catch (error) {
    if (error instanceof AlreadyPromoted) return fail.conflict('requests:promote.errors.alreadyPromoted');
    throw error;
  }
}

/** Links the post to an existing request by its public code (several posts, one request). */
export async function linkPost(caller: Caller, source: PromoteSource, code: string): Promise<Result<{ code: string }>> {
  const actor = promoter(caller);
  if (!actor) return fail.forbidden();
  try {
    return await transaction(async (tx) => {
      const request = await tx.serviceRequest.findUnique({
        where: { publicCode: code },
        select: { id: true, publicCode: true, departmentId: true },
      });
      // Linking shows the request's code and status on the thread and lets the post's author
      // follow it: only those who handle the request may, and to anyone else a request they may
      // not handle is the same as one that does not exist.
      if (!request || !canHandleRequests(actor.user, request.departmentId)) return refusal('code', 'requests:promote.errors.unknownCode');
      const target = linkTarget(source);
      const existing = await tx.requestLink.findUnique({
        where: { requestId_targetKind_targetId: { requestId: request.id, ...target } },
        select: { id: true },
      });
      if (existing) return refusal('code', 'requests:promote.errors.alreadyLinked');
      await writeLink(tx, actor, source, { id: request.id, code: request.publicCode, departmentId: request.departmentId }, 'request.link');
      return ok({ code: request.publicCode });
    });
  } catch (error) {
    // The same link submitted twice at once (PostgreSQL): the unique index keeps one.
    if (isUniqueViolation(error)) return refusal('code', 'requests:promote.errors.alreadyLinked');
    throw error;
  }
}

/** Removes the post's link to a request (the request itself stays). */
export async function unlinkPost(caller: Caller, source: PromoteSource, code: string): Promise<Result<{ code: string }>> {
  const actor = promoter(caller);
  if (!actor) return fail.forbidden();
  return transaction(async (tx) => {
    const request = await tx.serviceRequest.findUnique({
      where: { publicCode: code },
      select: { id: true, publicCode: true, departmentId: true, requesterId: true },
    });
    if (!request || !canHandleRequests(actor.user, request.departmentId)) return refusal('', 'requests:promote.errors.notLinked');
    const target = linkTarget(source);
    const removed = await tx.requestLink.deleteMany({ where: { requestId: request.id, ...target } });
    if (removed.count === 0) return refusal('', 'requests:promote.errors.notLinked');
    await tx.requestEvent.create({
      data: { requestId: request.id, actorId: actor.user.id, kind: 'unlink', public: false, note: source.title.slice(0, 300) },
    });
    await auditRequest(tx, actor, 'request.unlink', request.id, { before: { ...target, postId: source.postId } });
    const events: RealtimeEvent[] = [
      { room: `thread:${source.threadId}`, type: 'request.linked', payload: { threadId: source.threadId } },
      { room: `request:${request.id}`, type: 'request.updated', payload: { requestId: request.id } },
      {
        room: `department:${request.departmentId}`,
        type: 'request.updated',
        payload: { requestId: request.id, code: request.publicCode, change: 'link' },
      },
    ];
    // The link was what let the post's author follow (and read) the request: unless they filed it
    // or another of their posts is still linked to it, that access ends with it, sockets included.
    if (source.authorId !== request.requesterId && !(await authorsVisibleLink(tx, source.authorId, request.id))) {
      const dropped = await tx.follow.deleteMany({ where: { userId: source.authorId, targetKind: 'request', targetId: request.id } });
      if (dropped.count) events.push({ room: `user:${source.authorId}`, type: 'access.changed', payload: {} });
    }
    await publishAfterCommit(tx, events);
    return ok({ code: request.publicCode });
  });
}

/**
 * Live events for the pages that show a request's status: threads holding posts linked to it
 * (their badges; their cached anonymous pages are dropped) and meetings it was raised at (their
 * minutes), written with a status change so they update once it commits.
 */
export async function linkedPageEvents(tx: Tx, requestId: string): Promise<RealtimeEvent[]> {
  const links = await tx.requestLink.findMany({
    where: { requestId, targetKind: { in: ['post', 'thread', 'meeting'] } },
    select: { targetKind: true, targetId: true },
  });
  const postIds = links.filter((l) => l.targetKind === 'post').map((l) => l.targetId);
  const posts = postIds.length ? await tx.post.findMany({ where: { id: { in: postIds } }, select: { threadId: true } }) : [];
  const threadIds = new Set([...links.filter((l) => l.targetKind === 'thread').map((l) => l.targetId), ...posts.map((p) => p.threadId)]);
  // A meeting link's target is `<meeting id>/<date>` (blockwatch/meeting-requests.server.ts).
  const meetingIds = new Set(links.filter((l) => l.targetKind === 'meeting').map((l) => l.targetId.split('/')[0]));
  return [
    ...[...threadIds].map((threadId): RealtimeEvent => ({ room: `thread:${threadId}`, type: 'request.linked', payload: { threadId } })),
    ...[...meetingIds].map((meetingId): RealtimeEvent => ({
      room: `meeting:${meetingId}`,
      type: 'request.updated',
      payload: { requestId },
    })),
  ];
}

/**
 * The posts (and threads) of `userId` linked to a request that are still visible to everyone:
 * their author may follow the request. Hidden, held or deleted posts give no such right.
 */
async function authorsVisibleLink(client: Tx, userId: string, requestId: string): Promise<boolean> {
  const links = await client.requestLink.findMany({
    where: { requestId, targetKind: { in: ['post', 'thread'] } },
    select: { targetKind: true, targetId: true },
  });
  const postIds = links.filter((l) => l.targetKind === 'post').map((l) => l.targetId);
  const threadIds = links.filter((l) => l.targetKind === 'thread').map((l) => l.targetId);
  if (!postIds.length && !threadIds.length) return false;
  const visible = { authorId: userId, status: 'published', hiddenAt: null, deletedAt: null, thread: { deletedAt: null, hiddenAt: null } };
  const count = await client.post.count({
    where: {
      ...visible,
      OR: [
        ...(postIds.length ? [{ id: { in: postIds } }] : []),
        ...(threadIds.length ? [{ threadId: { in: threadIds }, isOpening: true }] : []),
      ],
    },
  });
  return count > 0;
}

/** What the follow page needs: the request, and whether this person follows or may follow it. */
export async function followState(user: SessionUser, code: string) {
  const request = await db().serviceRequest.findUnique({
    where: { publicCode: code },
    select: { id: true, publicCode: true, status: true, requesterId: true, departmentId: true },
  });
  if (!request) return null;
  const follows = !!(await db().follow.findUnique({
    where: { userId_targetKind_targetId: { userId: user.id, targetKind: 'request', targetId: request.id } },
    select: { level: true },
  }));
  const mayFollow = follows || canReadRequest(user, request) || (await authorsVisibleLink(db(), user.id, request.id));
  return { request, follows, mayFollow };
}

/** Follows a request the person may follow (see followState); not found when they may not. */
export async function followRequest(caller: Caller, code: string): Promise<Result> {
  const user = caller.user;
  const state = user && (await followState(user, code));
  if (!user || !state?.mayFollow) return fail.notFound();
  await db().follow.upsert({
    where: { userId_targetKind_targetId: { userId: user.id, targetKind: 'request', targetId: state.request.id } },
    create: { userId: user.id, targetKind: 'request', targetId: state.request.id, level: 'follow' },
    update: { level: 'follow' },
  });
  return ok();
}

/** Stops following a request (the page then reads as any other non-follower's). */
export async function unfollowRequest(caller: Caller, code: string): Promise<Result> {
  if (!caller.user) return fail.notFound();
  const request = await db().serviceRequest.findUnique({ where: { publicCode: code }, select: { id: true } });
  if (request) await db().follow.deleteMany({ where: { userId: caller.user.id, targetKind: 'request', targetId: request.id } });
  return ok();
}

/** The requests a post (or, for an opening post, its thread) is linked to, for the promote page. */
export async function currentLinks(source: PromoteSource) {
  const rows = await db().requestLink.findMany({
    where: source.isOpening ? { targetKind: 'thread', targetId: source.threadId } : { targetKind: 'post', targetId: source.postId },
    select: { request: { select: { publicCode: true, status: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => ({ code: r.request.publicCode, status: r.request.status as RequestStatus }));
}
