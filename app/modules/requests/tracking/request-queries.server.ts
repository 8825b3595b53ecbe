import { db } from '~/lib/db.server';
import { visiblePostIds } from '~/modules/channels/queries.server';
import type { SessionUser } from '~/modules/identity/session.server';
import type { LocalizedText } from '~/lib/i18n';
import { parseFieldSet } from '~/modules/requests/catalog/schemas';
import type { Answers } from '~/modules/surveys/answers';
import { photosOf } from '../intake/photo-uploads.server';
import type { RequestStatus } from '../values';

/** Reads for the resident's pages: the tracking page, its photos, "My requests", followers. */

/** What an access check needs, by public code (null: no such request). */
export async function getRequestAccess(publicCode: string) {
  return db().serviceRequest.findUnique({
    where: { publicCode },
    select: { id: true, publicCode: true, requesterId: true, departmentId: true, trackingTokenHash: true, status: true },
  });
}

/** Does this person follow the request (a Follow row: it gives them the resident's view)? */
export async function followsRequest(userId: string | undefined, requestId: string): Promise<boolean> {
  if (!userId) return false;
  const row = await db().follow.findUnique({
    where: { userId_targetKind_targetId: { userId, targetKind: 'request', targetId: requestId } },
    select: { level: true },
  });
  return row?.level === 'follow';
}

/**
 * The tracking page: the request, its type and field version, its timeline (public entries only
 * unless `staff`), photos (unless `photos: false`, for mere followers), and contact details only
 * for `staff`.
 */
export async function getRequestView(id: string, options: { staff: boolean; photos?: boolean }) {
  const row = await db().serviceRequest.findUnique({
    where: { id },
    select: {
      id: true,
      publicCode: true,
      status: true,
      priority: true,
      source: true,
      description: true,
      answers: true,
      address: true,
      addressId: true,
      latitude: true,
      longitude: true,
      mediaUrl: true,
      createdAt: true,
      dueAt: true,
      acknowledgedAt: true,
      resolvedAt: true,
      closedAt: true,
      requesterId: true,
      type: { select: { code: true, name: true } },
      fieldVersion: { select: { fields: true } },
      neighborhood: { select: { name: true } },
      department: { select: { name: true } },
      contact: options.staff ? { select: { name: true, email: true, phone: true } } : false,
      // The request this one was merged into: its public progress only (never its contact or
      // internal notes), so a duplicate's requester keeps following what the city does.
      duplicateOf: {
        select: {
          publicCode: true,
          status: true,
          events: {
            where: { public: true },
            select: { id: true, kind: true, fromStatus: true, toStatus: true, note: true, createdAt: true },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          },
        },
      },
      events: {
        where: options.staff ? {} : { public: true },
        select: {
          id: true,
          kind: true,
          public: true,
          fromStatus: true,
          toStatus: true,
          note: true,
          createdAt: true,
          actor: options.staff ? { select: { displayName: true } } : false,
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      },
    },
  });
  if (!row) return null;
  const attachments = options.photos === false ? [] : await photosOf({ kind: 'request', id });
  const { fieldVersion, type, neighborhood, department, contact, duplicateOf, ...rest } = row;
  return {
    ...rest,
    status: rest.status as RequestStatus,
    answers: rest.answers as Answers,
    fields: parseFieldSet(fieldVersion.fields),
    type: { code: type.code, name: type.name as LocalizedText },
    neighborhood: neighborhood ? (neighborhood.name as LocalizedText) : null,
    department: department.name as LocalizedText,
    contact: options.staff ? (contact ?? null) : null,
    mergedInto:
      rest.status === 'duplicate' && duplicateOf
        ? {
            code: duplicateOf.publicCode,
            status: duplicateOf.status as RequestStatus,
            events: duplicateOf.events.map((e) => ({ ...e, public: true, actorName: null })),
          }
        : null,
    // Who did what is for staff; residents see what the city did, not which employee.
    events: rest.events.map(({ actor, ...e }) => ({ ...e, actorName: options.staff ? (actor?.displayName ?? null) : null })),
    attachments,
  };
}

/**
 * The forum posts linked to a request, for the staff handling it (thread title, and the post to
 * open or to unlink from its promote page), as far as this viewer may see each post (the forum's
 * rule, canSeePostById: a liaison does not learn the title of a hidden thread or of a members-only
 * channel they cannot read). Deleted posts and threads are left out.
 */
export async function linkedForumPosts(requestId: string, viewer: SessionUser) {
  const links = await db().requestLink.findMany({
    where: { requestId, targetKind: { in: ['post', 'thread'] } },
    select: { targetKind: true, targetId: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  if (!links.length) return [];
  const posts = await db().post.findMany({
    where: {
      deletedAt: null,
      thread: { deletedAt: null },
      OR: [
        { id: { in: links.filter((l) => l.targetKind === 'post').map((l) => l.targetId) } },
        { isOpening: true, threadId: { in: links.filter((l) => l.targetKind === 'thread').map((l) => l.targetId) } },
      ],
    },
    select: {
      id: true,
      threadId: true,
      isOpening: true,
      thread: { select: { title: true } },
    },
  });
  const seen = await visiblePostIds(
    viewer,
    posts.map((p) => p.id),
  );
  const visible = posts.filter((p) => seen.has(p.id));
  const out: { postId: string; threadId: string; title: string; isOpening: boolean }[] = [];
  for (const l of links) {
    const post = visible.find((p) => (l.targetKind === 'post' ? p.id === l.targetId : p.isOpening && p.threadId === l.targetId));
    if (post) out.push({ postId: post.id, threadId: post.threadId, title: post.thread.title, isOpening: post.isOpening });
  }
  return out;
}

const MY_REQUESTS_PAGE = 20;

/** A resident's own requests, newest first, keyset-paginated (after = the last id shown). */
export async function listMyRequests(userId: string, after?: string) {
  let cursor: { createdAt: Date; id: string } | null = null;
  if (after) {
    cursor = await db().serviceRequest.findFirst({ where: { id: after, requesterId: userId }, select: { createdAt: true, id: true } });
  }
  const rows = await db().serviceRequest.findMany({
    where: {
      requesterId: userId,
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    },
    select: { id: true, publicCode: true, status: true, createdAt: true, address: true, type: { select: { name: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: MY_REQUESTS_PAGE + 1,
  });
  const page = rows.slice(0, MY_REQUESTS_PAGE);
  return {
    requests: page.map((r) => ({ ...r, status: r.status as RequestStatus, type: { name: r.type.name as LocalizedText } })),
    next: rows.length > MY_REQUESTS_PAGE ? page[page.length - 1].id : null,
  };
}
