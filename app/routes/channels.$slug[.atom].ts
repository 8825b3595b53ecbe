import type { LoaderFunctionArgs } from '@remix-run/node';
import fresh from 'fresh';
import { getEnv } from '~/lib/env.server';
import { localized } from '~/lib/i18n';
import { feedEtag, feedThreads, feedUpdated, renderAtom, summarize } from '~/modules/channels/feed.server';
import { canRead } from '~/modules/channels/policy';
import { getChannel } from '~/modules/channels/queries.server';
import { getLocale, getT } from '~/modules/identity/locale.server';
import { getCity } from '~/modules/places/queries.server';

/**
 * GET /channels/<slug>.atom: the Atom feed of a public channel. Members-only channels answer 404
 * (feed readers do not sign in, and the answer may be cached publicly). The language follows the
 * reader (cookie or Accept-Language), hence the Vary header. ETag (the document's hash) and
 * Last-Modified (feedUpdated) let readers poll with If-None-Match / If-Modified-Since: 304.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? '';
  const channel = slug.length <= 100 ? await getChannel(slug) : null;
  // Feed readers do not sign in: only what a visitor may read (canRead, policy.ts).
  if (!channel || !canRead(null, channel, false)) {
    return new Response('Not found\n', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const [threads, city, lng, t] = await Promise.all([
    feedThreads(channel.id),
    getCity(),
    getLocale(request),
    getT(request, ['search', 'account']),
  ]);
  const updated = await feedUpdated(channel.id, threads[0]?.lastActivityAt);
  const base = getEnv().PUBLIC_URL;
  const name = localized(channel.name, lng).text;
  const htmlUrl = `${base}/channels/${encodeURIComponent(channel.slug)}`;
  const xml = renderAtom({
    id: htmlUrl,
    title: t('search:feed.title', { channel: name, city: city.name }),
    subtitle: t('search:feed.subtitle', { channel: name }),
    lang: lng,
    selfUrl: `${htmlUrl}.atom`,
    htmlUrl,
    updated,
    entries: threads.map((thread) => ({
      id: `${base}/threads/${thread.id}`,
      title: thread.title,
      url: `${base}/threads/${thread.id}`,
      author: thread.author.status === 'deleted' || !thread.author.displayName ? t('account:deletedAccount') : thread.author.displayName,
      published: thread.createdAt,
      updated: thread.lastActivityAt,
      summary: summarize(thread.posts[0]?.text ?? ''),
    })),
  });
  const validators = { ETag: feedEtag(xml), 'Last-Modified': updated.toUTCString() };
  const headers = { 'Cache-Control': 'public, max-age=300', Vary: 'Accept-Language, Cookie', ...validators };
  // Feed readers poll: one that already has this document gets 304 and no body.
  if (fresh(Object.fromEntries(request.headers), { etag: validators.ETag, 'last-modified': validators['Last-Modified'] })) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', ...headers } });
}
