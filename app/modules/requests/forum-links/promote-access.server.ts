import { json, redirect } from '@remix-run/node';
import { db } from '~/lib/db.server';
import { loadPost } from '~/modules/channels/post-access.server';
import { getCity } from '~/modules/places/queries.server';
import type { PromoteSource } from './forum-links.server';
import { canPromotePost } from '../policy';
import type { RequestStatus } from '../intake/intake-schemas';

/**
 * The post behind the promote page, if this reader may promote it: anonymous visitors are sent
 * to sign in, readers without the right get 403, and a post nobody may see (deleted, hidden, held,
 * or in a hidden thread) is a 404: it cannot become (or be linked to) a request.
 */
export async function requirePromotable(request: Request, postId: string) {
  const { user, post, channel } = await loadPost(request, postId);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/signin?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  const { moderatorsMayPromote } = await getCity();
  if (!canPromotePost(user, channel, moderatorsMayPromote)) throw json({ error: 'forbidden' }, { status: 403 });
  if (post.status !== 'published' || post.hiddenAt || post.thread.hiddenAt || post.thread.deletedAt) throw json({ error: 'notFound' }, { status: 404 });
  const source: PromoteSource = { postId: post.id, threadId: post.thread.id, isOpening: post.isOpening, authorId: post.authorId, title: post.thread.title };
  // A thread is promoted as its title and opening post; a reply as its own text.
  const prefill = post.isOpening ? `${post.thread.title}\n\n${post.text}` : post.text;
  return { user, source, prefill: prefill.slice(0, 4000), channel };
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
