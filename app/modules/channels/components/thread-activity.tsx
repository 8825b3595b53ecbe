import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { Avatar, type AvatarPerson } from '~/components/ui/avatar';
import { RelativeTime } from '~/components/ui/relative-time';
import { formatNumber } from '~/lib/format';
import { localized, type LocalizedText } from '~/lib/i18n';

/** A thread's activity as a list row's meta: its replies, its last activity and who took part. */
export function ThreadActivity({ thread }: { thread: { replyCount: number; lastActivityAt: string; participants: AvatarPerson[] } }) {
  const { t, i18n } = useTranslation('channels');
  return (
    <>
      <span>{t('channel.replies', { count: thread.replyCount, formatted: formatNumber(thread.replyCount, i18n.language) })}</span>
      <span>
        {t('channel.lastActivity')} <RelativeTime value={thread.lastActivityAt} />
      </span>
      {thread.participants.length ? (
        <span className="avatar-stack">
          <span className="visually-hidden">{t('activity.participants')}</span>
          {thread.participants.map((p) => (
            <Avatar key={p.id} person={p} size="s" label={p.displayName} />
          ))}
        </span>
      ) : null}
    </>
  );
}

export type ActivityThread = {
  id: string;
  title: string;
  replyCount: number;
  lastActivityAt: string;
  participants: AvatarPerson[];
  channel: { slug: string; name: LocalizedText } | null;
};

/** Threads of several channels (home, /latest): each with its channel and its activity. */
export function ActivityThreadList({ threads }: { threads: ActivityThread[] }) {
  const { t, i18n } = useTranslation('channels');
  return (
    <ul className="thread-list">
      {threads.map((thread) => (
        <li key={thread.id} className="thread-item">
          <h3 className="thread-title">
            <Link to={`/threads/${thread.id}`}>{thread.title}</Link>
          </h3>
          <p className="thread-meta">
            {thread.channel ? (
              <span>
                {t('activity.in')} <Link to={`/channels/${thread.channel.slug}`}>{localized(thread.channel.name, i18n.language).text}</Link>
              </span>
            ) : null}
            <ThreadActivity thread={thread} />
          </p>
        </li>
      ))}
    </ul>
  );
}
