import { json } from '@remix-run/node';
import { getUser } from '~/modules/identity/session.server';
import { asChannel, channelAccess, getPost } from './queries.server';

/** Loads a post with its thread and channel for the edit and delete pages (404 if not readable). */
export async function loadPost(request: Request, id: string) {
  const [user, post] = await Promise.all([getUser(request), id.length <= 40 ? getPost(id) : null]);
  if (!post || post.deletedAt || post.thread.deletedAt) throw json({ error: 'notFound' }, { status: 404 });
  const channel = asChannel(post.thread.channel);
  const access = await channelAccess(user, channel);
  if (!access.readable) throw json({ error: 'notFound' }, { status: 404 });
  return { user, post: { ...post, thread: { ...post.thread, channel } }, channel, ...access };
}
