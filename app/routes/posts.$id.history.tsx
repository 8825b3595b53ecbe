import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthorName } from '~/components/author-name';
import { Card } from '~/components/ui/card';
import { formatDateTime } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { loadPostToModerate } from '~/modules/channels/guards.server';
import { postHistory } from '~/modules/moderation/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'moderation:history.title');

/** A post's earlier versions and the moderation actions on it: for its moderators only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { post } = await loadPostToModerate(request, context, params.id ?? '');
  const history = await postHistory(post.id);
  return json({ post: { id: post.id, threadId: post.threadId, title: post.thread.title, text: post.text }, ...history });
}

/** The entries of a history, oldest first, or a note that there are none. */
function History<Item extends { id: string | number }>({
  items,
  empty,
  entry,
}: {
  items: Item[];
  empty: string;
  entry: (item: Item) => ReactNode;
}) {
  return (
    <>
      {items.length === 0 ? <p>{empty}</p> : null}
      <ol className="history">
        {items.map((item) => (
          <li key={item.id}>{entry(item)}</li>
        ))}
      </ol>
    </>
  );
}

export default function PostHistory() {
  const { t, i18n } = useTranslation('moderation');
  const { city } = useRootData();
  const { post, revisions, actions } = useLoaderData<typeof loader>();
  const when = (d: string) => formatDateTime(d, i18n.language, city.timeZone, 'short');
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/threads/${post.threadId}?from=${post.id}#post-${post.id}`}>{post.title}</Link>
      </p>
      <h1>{t('history.title')}</h1>
      <Card title={t('history.current')} id="current">
        <p className="queue-text">{post.text}</p>
      </Card>
      <Card title={t('history.versions')} id="versions">
        <History
          items={revisions}
          empty={t('history.noVersions')}
          entry={(r) => (
            <>
              <p className="muted">
                <time dateTime={r.createdAt}>{when(r.createdAt)}</time>
              </p>
              <p className="queue-text">{r.text}</p>
            </>
          )}
        />
      </Card>
      <Card title={t('history.actions')} id="actions">
        <History
          items={actions}
          empty={t('history.noActions')}
          entry={(a) => (
            <>
              <time dateTime={a.createdAt}>{when(a.createdAt)}</time> — <AuthorName author={a.actor} />:{' '}
              {t(`history.action.${a.action}`, { defaultValue: a.action })}
              {(a.after as { hiddenReason?: string } | null)?.hiddenReason
                ? ` (${(a.after as { hiddenReason: string }).hiddenReason})`
                : ''}
            </>
          )}
        />
      </Card>
    </div>
  );
}
