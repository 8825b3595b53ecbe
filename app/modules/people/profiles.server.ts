import { db } from '~/lib/db.server';
import type { LocalizedText } from '~/lib/i18n';
import { keysetArgs, keysetPage } from '~/lib/keyset';
import { PUBLIC_POST, PUBLIC_THREAD } from '~/modules/channels/policy';
import { profileBadges } from './badges.server';

/**
 * A person's public profile: only what anyone may already see of them elsewhere. Their name,
 * picture, neighborhood, role badges, the block-watch groups whose directory they chose to show
 * their name in, and their posts visible to everyone (public channels, published, neither hidden
 * nor deleted, nor in a hidden or deleted thread). Never their e-mail, requests, other groups or
 * posts in members-only channels. Only active accounts have one: a deleted, suspended or banned
 * account's profile is "not found" (404), so the page says nothing about why.
 */
const POSTS_PAGE = 20;

export async function getPublicProfile(userId: string) {
  if (!userId || userId.length > 40) return null;
  const user = await db().user.findFirst({
    where: { id: userId, status: 'active' },
    select: {
      id: true,
      displayName: true,
      status: true,
      avatarId: true,
      createdAt: true,
      neighborhood: { select: { slug: true, name: true } },
    },
  });
  if (!user) return null;
  const [badges, groups] = await Promise.all([
    profileBadges(user.id),
    db().groupMembership.findMany({
      where: { userId: user.id, status: 'active', sharedName: { not: null } },
      select: { group: { select: { slug: true, name: true } } },
      orderBy: { group: { name: 'asc' } },
    }),
  ]);
  return {
    ...user,
    neighborhood: user.neighborhood && { slug: user.neighborhood.slug, name: user.neighborhood.name as LocalizedText },
    badges,
    groups: groups.map((m) => m.group),
  };
}
export type PublicProfile = NonNullable<Awaited<ReturnType<typeof getPublicProfile>>>;

/** What of a post everyone may see, wherever the viewer comes from. */
export function publicPostsWhere(userId: string) {
  return { authorId: userId, ...PUBLIC_POST, thread: { ...PUBLIC_THREAD, channel: { visibility: 'public' } } };
}

/** A page of their public posts, newest first (keyset on the post id). */
export async function listPublicPosts(userId: string, after?: string) {
  const rows = await db().post.findMany({
    where: publicPostsWhere(userId),
    select: {
      id: true,
      text: true,
      isOpening: true,
      createdAt: true,
      thread: { select: { id: true, title: true, channel: { select: { slug: true, name: true } } } },
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...keysetArgs(POSTS_PAGE, after && after.length <= 40 ? after : undefined),
  });
  const { page, nextAfter } = keysetPage(rows, POSTS_PAGE);
  return {
    posts: page.map((p) => ({
      id: p.id,
      isOpening: p.isOpening,
      createdAt: p.createdAt,
      excerpt: p.text.length > 280 ? `${p.text.slice(0, 280)}…` : p.text,
      thread: { id: p.thread.id, title: p.thread.title },
      channel: { slug: p.thread.channel.slug, name: p.thread.channel.name as LocalizedText },
    })),
    nextAfter,
  };
}
