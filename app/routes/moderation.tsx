import { parseWithSchema } from '~/lib/schema-parse';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { AuthorName } from '~/components/author-name';
import { FormErrors, GetForm, SelectField } from '~/components/ui/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { safeRedirectPath } from '~/lib/http.server';
import { formatDateTime } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { useRootData } from '~/lib/root-data';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { requireModerator } from '~/modules/channels/guards.server';
import { LiveBanner } from '~/modules/channels/components/live-banner';
import { can } from '~/modules/identity/policy';
import { HidePostForm, PostActionButton } from '~/modules/moderation/components/post-actions';
import { moderatePost } from '~/modules/moderation/moderation.server';
import { channelsForFilter, moderationQueue } from '~/modules/moderation/queries.server';
import { PostActionSchema, QueueFilterSchema } from '~/modules/moderation/schemas';
import { latestEventId } from '~/modules/realtime/publish.server';
import { roomOf } from '~/modules/realtime/names';
import { EmptyState } from '~/components/ui/empty-state';
import { Menu } from '~/components/ui/menu';
import { RichText } from '~/modules/content/components/rich-text';
import ShieldCheck from 'lucide-react/icons/shield-check';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'moderation:queue.title');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, channels } = await requireModerator(request, context);
  const filter = parseWithSchema(new URL(request.url).searchParams, QueueFilterSchema);
  const { channel, after } = filter.status === 'success' ? filter.value : {};
  const choices = await channelsForFilter(channels);
  const selected = channel && choices.some((c) => c.id === channel) ? channel : undefined;
  // Read before the page's data: an event committed in between is then replayed, not lost.
  const since = await latestEventId();
  const queue = await moderationQueue(channels, { channelId: selected, after });
  return json({ ...queue, choices, selected: selected ?? '', since, canModerateUsers: can(user, 'moderate:user') });
}

/** One post action (an intent per button: approve, hide, restore, delete, dismiss). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { caller } = await requireModerator(request, context);
  const submission = await readSubmission(request, PostActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await moderatePost(caller, submission.value);
  if (!result.ok) return respondToForm(submission, result);
  // Actions taken from a thread page go back there.
  const url = new URL(request.url);
  const back = safeRedirectPath(submission.value.redirectTo, url.pathname + url.search);
  return redirectWithFlash(back, { kind: 'success', key: `moderation:done.${submission.value.intent}` }, { status: 303 });
}

export default function ModerationQueue() {
  const { t, i18n } = useTranslation('moderation');
  const { city } = useRootData();
  const data = useLoaderData<typeof loader>();
  // The queue's forms are buttons; a hide without a reason comes back with its error here.
  const [form] = useSchemaForm(PostActionSchema, { lastResult: useActionData<typeof action>() });
  const [filterForm, filterFields] = useSchemaForm(QueueFilterSchema, { id: 'queue-filter', defaultValue: { channel: data.selected } });
  const lng = i18n.language;
  return (
    <div className="stack">
      <h1>{t('queue.title')}</h1>
      <p>{t('queue.intro')}</p>
      <GetForm form={filterForm} className="filters">
        <SelectField
          label={t('queue.channel')}
          field={filterFields.channel}
          options={[
            { value: '', label: t('queue.allChannels') },
            ...data.choices.map((c) => ({ value: c.id, label: localized(c.name, lng).text })),
          ]}
        />
        <div className="field">
          <button type="submit" className="button button-secondary">
            {t('queue.filter')}
          </button>
        </div>
      </GetForm>
      <LiveBanner
        rooms={data.choices.map((c) => roomOf('moderation', c.id))}
        since={data.since}
        countTypes={['queue.changed']}
        messageKey="moderation:queue.changed"
      />
      <FormErrors form={form} />
      {data.items.length === 0 ? <EmptyState icon={ShieldCheck} title={t('queue.empty')} /> : null}
      <ol className="posts">
        {data.items.map((item) => (
          <li key={item.id}>
            <article className="post" aria-labelledby={`q-${item.id}`}>
              <h2 id={`q-${item.id}`} className="thread-title">
                <Link to={`/threads/${item.thread.id}?from=${item.id}#post-${item.id}`}>{item.thread.title}</Link>
              </h2>
              <p className="thread-meta">
                <span>{localized(item.thread.channel.name, lng).text}</span>
                <span>
                  {data.canModerateUsers ? (
                    <Link to={`/moderation/users/${item.author.id}`}>
                      <AuthorName author={item.author} linked={false} />
                    </Link>
                  ) : (
                    <AuthorName author={item.author} />
                  )}
                </span>
                <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, lng, city.timeZone, 'short')}</time>
                {item.status === 'pending' ? <span className="pill">{t('queue.held')}</span> : null}
                {item.hiddenAt ? <span className="pill">{t('queue.hidden')}</span> : null}
              </p>
              <div className="post-body">
                <RichText doc={item.body} />
              </div>
              {item.reports.length ? (
                <ul aria-label={t('queue.flags')} className="report-list">
                  {item.reports.map((r) => (
                    <li key={r.reason}>
                      <strong>{t(`reasons.${r.reason}`)}</strong>
                      {t('queue.reportCount', { count: r.count })}{' '}
                      {r.reporters.map((person, i) => (
                        <span key={person.id}>
                          {i ? ', ' : null}
                          <AuthorName author={person} />
                        </span>
                      ))}
                      {r.notes.map((note, i) => (
                        <q key={i} className="report-note">
                          {note}
                        </q>
                      ))}
                    </li>
                  ))}
                </ul>
              ) : null}
              {/* The deciding actions in sight; dismissing, deleting and the history behind one menu. */}
              <div className="actions">
                {item.status === 'pending' || item.reports.length ? <PostActionButton intent="approve" postId={item.id} /> : null}
                <Menu label={t('queue.moreActions')}>
                  {item.reports.length ? <PostActionButton intent="dismiss" postId={item.id} /> : null}
                  <PostActionButton intent="delete" postId={item.id} />
                  <Link to={`/posts/${item.id}/history`}>{t('history.link')}</Link>
                </Menu>
              </div>
              {!item.hiddenAt ? <HidePostForm postId={item.id} /> : null}
            </article>
          </li>
        ))}
      </ol>
      {data.nextAfter ? (
        <p>
          <Link to={`/moderation?${new URLSearchParams({ ...(data.selected ? { channel: data.selected } : {}), after: data.nextAfter })}`}>
            {t('queue.more')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
