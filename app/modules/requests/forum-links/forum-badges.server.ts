import { db } from '~/lib/db.server';
import type { Actor } from '~/modules/identity/policy';
import type { RequestBadge } from './components/request-badges';
import { canReadRequest, asVisibility } from '../policy';
import type { RequestStatus } from '../values';

/**
 * The service-request badges of a thread page's posts: public code and status of each request a
 * post (or, for the opening post, its thread) is linked to. Only published, visible posts get
 * one, so a hidden or held post never shows (or leaks) its link. `open`: the reader may open the
 * request's page; `follow`: the reader wrote the post and may follow the request with one click.
 * Badges follow the request type's public visibility (./visibility.ts): a `none` type's badge
 * shows only to readers who may open the request and to the post's author. Two queries per page,
 * whatever its length.
 */
type PagePost = { id: string; isOpening: boolean; status: string; hiddenAt: Date | string | null; authorId: string };

export async function requestBadges(threadId: string, posts: readonly PagePost[], viewer: Actor): Promise<Record<string, RequestBadge[]>> {
  const shown = posts.filter((p) => p.status === 'published' && !p.hiddenAt);
  if (!shown.length) return {};
  const opening = shown.find((p) => p.isOpening);
  const links = await db().requestLink.findMany({
    where: {
      OR: [
        { targetKind: 'post', targetId: { in: shown.map((p) => p.id) } },
        ...(opening ? [{ targetKind: 'thread', targetId: threadId }] : []),
      ],
    },
    select: {
      targetKind: true,
      targetId: true,
      request: {
        select: {
          id: true,
          publicCode: true,
          status: true,
          requesterId: true,
          departmentId: true,
          type: { select: { publicVisibility: true } },
        },
      },
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  if (!links.length) return {};
  const followed = viewer
    ? new Set(
        (
          await db().follow.findMany({
            where: { userId: viewer.id, targetKind: 'request', targetId: { in: links.map((l) => l.request.id) } },
            select: { targetId: true },
          })
        ).map((f) => f.targetId),
      )
    : new Set<string>();
  const byPost: Record<string, RequestBadge[]> = {};
  for (const link of links) {
    const post = link.targetKind === 'thread' ? opening : shown.find((p) => p.id === link.targetId);
    if (!post) continue;
    const r = link.request;
    const open = canReadRequest(viewer, r, false, followed.has(r.id));
    const author = !!viewer && viewer.id === post.authorId;
    // A request of an unpublished type is not listed publicly: only those who may open it, and
    // the post's author (who may follow it), see that the post led to one.
    if (asVisibility(r.type.publicVisibility) === 'none' && !open && !author) continue;
    (byPost[post.id] ??= []).push({
      code: r.publicCode,
      status: r.status as RequestStatus,
      open,
      follow: !open && author && viewer.status !== 'banned' && viewer.status !== 'deleted',
    });
  }
  return byPost;
}
