import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AuthorName } from '~/components/author-name';
import { formatDateTime } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { loadPostToModerate } from '~/modules/channels/access.server';
import { postHistory } from '~/modules/moderation/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'moderation:history.title');

/** A post's earlier versions and the moderation actions on it: for its moderators only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { post } = await loadPostToModerate(request, context, params.id ?? '');
  const history = await postHistory(post.id);
  return json({ post: { id: post.id, threadId: post.threadId, title: post.thread.title, text: post.text }, ...history });
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
      <section aria-labelledby="current">
        <h2 id="current">{t('history.current')}</h2>
        <p className="queue-text">{post.text}</p>
      </section>
      <section aria-labelledby="versions">
        <h2 id="versions">{t('history.versions')}</h2>
        {revisions.length === 0 ? <p>{t('history.noVersions')}</p> : null}
        <ol className="history">
          {revisions.map((r) => (
            <li key={r.id}>
              <p className="muted">
                <time dateTime={r.createdAt}>{when(r.createdAt)}</time>
              </p>
              <p className="queue-text">{r.text}</p>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="actions">
        <h2 id="actions">{t('history.actions')}</h2>
        {actions.length === 0 ? <p>{t('history.noActions')}</p> : null}
        <ol className="history">
          {actions.map((a) => (
            <li key={a.id}>
              <time dateTime={a.createdAt}>{when(a.createdAt)}</time> — <AuthorName author={a.actor} />:{' '}
              {t(`history.action.${a.action}`, { defaultValue: a.action })}
              {(a.after as { hiddenReason?: string } | null)?.hiddenReason
                ? ` (${(a.after as { hiddenReason: string }).hiddenReason})`
                : ''}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
