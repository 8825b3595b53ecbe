import { json } from '@remix-run/node';
import { getUser } from '~/modules/identity/session.server';
import { canSeePostById } from './policy';
import { asChannel, channelAccess, getPost } from './queries.server';

/**
 * Loads a post with its thread and channel for every page and action that takes a post id (edit,
 * delete, flag, history, promote): 404 unless this reader may see it (canSeePostById: held,
 * hidden and hidden-thread posts only to their moderators and authors).
 */
export async function loadPost(request: Request, id: string) {
  const [user, post] = await Promise.all([getUser(request), id.length <= 40 ? getPost(id) : null]);
  if (!post || post.deletedAt || post.thread.deletedAt) throw json({ error: 'notFound' }, { status: 404 });
  const channel = asChannel(post.thread.channel);
  const access = await channelAccess(user, channel);
  if (!canSeePostById(user, channel, access.readable, post, post.thread)) throw json({ error: 'notFound' }, { status: 404 });
  return { user, post: { ...post, thread: { ...post.thread, channel } }, channel, ...access };
}
