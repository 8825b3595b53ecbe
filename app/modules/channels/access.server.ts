import { json, redirect } from '@remix-run/node';
import { getUser, type SessionUser } from '~/modules/identity/session.server';
import { canSeeThread } from './policy';
import { asChannel, channelAccess, getChannel, getThread } from './queries.server';

/**
 * Loads a channel or thread for a page and refuses what the reader may not see: a private
 * channel sends anonymous visitors to sign in and answers 403 to others; what does not exist
 * (or is deleted or hidden from this reader) is a 404.
 */
function refuse(request: Request, user: SessionUser | null): never {
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/signin?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  throw json({ error: 'forbidden' }, { status: 403 });
}

export async function loadChannel(request: Request, slug: string) {
  const [user, channel] = await Promise.all([getUser(request), getChannel(slug)]);
  if (!channel) throw json({ error: 'notFound' }, { status: 404 });
  const access = await channelAccess(user, channel);
  if (!access.readable) refuse(request, user);
  return { user, channel, ...access };
}

export async function loadThread(request: Request, id: string) {
  const [user, thread] = await Promise.all([getUser(request), id.length <= 40 ? getThread(id) : null]);
  if (!thread) throw json({ error: 'notFound' }, { status: 404 });
  const channel = asChannel(thread.channel);
  const access = await channelAccess(user, channel);
  if (!access.readable) refuse(request, user);
  if (!canSeeThread(user, channel, thread)) throw json({ error: 'notFound' }, { status: 404 });
  return { user, thread, channel, ...access };
}
