import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { AuthorName } from '~/components/author-name';
import { Pager } from '~/components/ui/pager';
import { redirectWithFlash } from '~/lib/flash.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { loadChannel, loadChannelToAct } from '~/modules/channels/guards.server';
import { setFollow } from '~/modules/channels/channels.server';
import { FollowForm } from '~/modules/channels/components/follow-form';
import { LiveBanner } from '~/modules/channels/components/live-banner';
import { canStartThread } from '~/modules/channels/policy';
import { getFollow, listThreads } from '~/modules/channels/queries.server';
import { FollowSchema } from '~/modules/channels/schemas';
import { can } from '~/modules/identity/policy';
import { latestEventId } from '~/modules/realtime/publish.server';
import { roomOf } from '~/modules/realtime/names';
import { ActionBar } from '~/components/ui/action-bar';
import { Badge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { ThreadBadges } from '~/modules/channels/components/thread-badges';
import { ThreadActivity } from '~/modules/channels/components/thread-activity';
import { EmptyState } from '~/components/ui/empty-state';
import MessagesSquare from 'lucide-react/icons/messages-square';

/**
 * Title, and for public channels the Atom feed as <link rel="alternate">. Remix v2's `links`
 * export takes no arguments (it cannot see the slug), so the link is a meta descriptor with
 * tagName "link", which Remix renders in <head> the same way.
 */
export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const name = data ? localized(data.channel.name, (matches[0]?.data as { locale?: string })?.locale ?? 'en').text : '';
  const title = pageTitle(matches, 'channels:channel.title', { name });
  if (!data || data.channel.visibility !== 'public') return title;
  return [
    ...title,
    { tagName: 'link', rel: 'alternate', type: 'application/atom+xml', title: name, href: `/channels/${data.channel.slug}.atom` },
  ];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, channel, member, moderator } = await loadChannel(request, context, params.slug ?? '');
  const after = new URL(request.url).searchParams.get('after') ?? undefined;
  // Read before the page's data: an event committed in between is then replayed, not lost.
  const since = await latestEventId();
  const [page, follow] = await Promise.all([
    listThreads(channel.id, { viewer: user, moderator, after: after && after.length <= 40 ? after : undefined }),
    getFollow(user?.id, 'channel', channel.id),
  ]);
  return json({
    channel: { id: channel.id, slug: channel.slug, name: channel.name, description: channel.description, visibility: channel.visibility },
    ...page,
    after: after ?? null,
    follow,
    since,
    signedIn: !!user,
    canStart: canStartThread(user, channel, member),
    canManage: can(user, 'manage:channel'),
    needsVerification: !!user && !user.emailVerifiedAt,
  });
}

/** The channel's follow form (the only form here). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, channel } = await loadChannelToAct(request, context, params.slug ?? '');
  const submission = await readSubmission(request, FollowSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await setFollow(caller, 'channel', channel.id, submission.value.level);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(
    `/channels/${channel.slug}`,
    { kind: 'success', key: `channels:follow.saved.${submission.value.level}` },
    { status: 303 },
  );
}

export default function ChannelPage() {
  const { t, i18n } = useTranslation('channels');
  const data = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const name = localized(data.channel.name, lng);
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to="/channels">{t('list.title')}</Link>
      </p>
      <h1>
        {name.text}
        {data.channel.visibility === 'members' ? <Badge>{t('list.membersOnly')}</Badge> : null}
      </h1>
      {name.fellBack ? <p className="muted">{t('common:fallbackNote')}</p> : null}
      {data.channel.description ? <p>{localized(data.channel.description, lng).text}</p> : null}
      <ActionBar>
        {data.canStart ? (
          <Link className="button" to={`/channels/${data.channel.slug}/new`}>
            {t('channel.newThread')}
          </Link>
        ) : data.signedIn ? (
          <p className="muted">{data.needsVerification ? t('channel.verifyToPost') : t('channel.cannotPost')}</p>
        ) : (
          <p>
            <Link to={`/signin?redirectTo=/channels/${data.channel.slug}`}>{t('channel.signInToPost')}</Link>
          </p>
        )}
        {data.signedIn ? <FollowForm level={data.follow} /> : null}
        {data.canManage ? <Link to={`/channels/${data.channel.slug}/settings`}>{t('settings.manage')}</Link> : null}
        {data.channel.visibility === 'public' ? (
          <a href={`/channels/${data.channel.slug}.atom`} type="application/atom+xml" className="feed-link">
            {t('search:feed.link')}
          </a>
        ) : null}
      </ActionBar>
      <LiveBanner
        rooms={[roomOf('channel', data.channel.id)]}
        since={data.since}
        countTypes={['thread.created', 'post.created']}
        messageKey="channel.newActivity"
      />
      <Card title={t('channel.threads')} id="threads-heading">
        {data.threads.length === 0 ? <EmptyState icon={MessagesSquare} title={t('channel.empty')} /> : null}
        <ul className="thread-list">
          {data.threads.map((thread) => (
            <li key={thread.id} className={thread.unread ? 'thread-item unread' : 'thread-item'}>
              <h3 className="thread-title">
                <Link to={`/threads/${thread.id}`}>{thread.title}</Link>
              </h3>
              <p className="thread-meta">
                <ThreadBadges thread={thread} />
                {thread.unread ? <Badge tone="pill-unread">{t('channel.unread')}</Badge> : null}
                <span>
                  {t('channel.startedBy')} <AuthorName author={thread.author} />
                </span>
                <ThreadActivity thread={thread} />
              </p>
            </li>
          ))}
        </ul>
        <Pager
          label={t('channel.pages')}
          previous={data.after ? { to: `/channels/${data.channel.slug}`, label: t('channel.newest') } : null}
          next={data.nextAfter ? { to: `/channels/${data.channel.slug}?after=${data.nextAfter}`, label: t('channel.older') } : null}
        />
      </Card>
    </div>
  );
}
