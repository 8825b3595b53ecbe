import { useTranslation } from 'react-i18next';
import { PostForm, SelectField } from '~/components/ui/forms';
import { useSchemaForm } from '~/lib/use-schema-form';
import { ThreadActionsSchema } from '~/modules/channels/schemas';
import { HidePostForm, PostActionButton } from './post-actions';

/** Thread-level moderation (lock, pin, move) shown to the channel's moderators on the thread page. */
export function ThreadTools({
  thread,
  channels,
}: {
  thread: { id: string; locked: boolean; pinned: boolean; channelId: string };
  channels: { id: string; name: string }[];
}) {
  const { t } = useTranslation('moderation');
  return (
    <section aria-labelledby="mod-tools" className="mod-tools">
      <h2 id="mod-tools">{t('tools.title')}</h2>
      <PostForm className="actions" action={`/threads/${thread.id}`}>
        <input type="hidden" name="intent" value="moderate" />
        <input type="hidden" name="threadId" value={thread.id} />
        <button type="submit" name="action" value={thread.locked ? 'unlock' : 'lock'} className="button button-secondary button-small">
          {thread.locked ? t('actions.unlock') : t('actions.lock')}
        </button>
        <button type="submit" name="action" value={thread.pinned ? 'unpin' : 'pin'} className="button button-secondary button-small">
          {thread.pinned ? t('actions.unpin') : t('actions.pin')}
        </button>
      </PostForm>
      {channels.length > 1 ? <MoveForm thread={thread} channels={channels} /> : null}
    </section>
  );
}

/** Moving a thread to another channel of the same moderators: the thread page's "moderate" intent. */
function MoveForm({ thread, channels }: { thread: { id: string; channelId: string }; channels: { id: string; name: string }[] }) {
  const { t } = useTranslation('moderation');
  const [form, fields] = useSchemaForm(ThreadActionsSchema, { defaultValue: { channelId: thread.channelId } });
  return (
    <PostForm form={form} className="actions" action={`/threads/${thread.id}`}>
      <input type="hidden" name="intent" value="moderate" />
      <input type="hidden" name="threadId" value={thread.id} />
      <input type="hidden" name="action" value="move" />
      <SelectField label={t('tools.moveTo')} field={fields.channelId} options={channels.map((c) => ({ value: c.id, label: c.name }))} />
      <button type="submit" className="button button-secondary button-small">
        {t('actions.move')}
      </button>
    </PostForm>
  );
}

/** Post-level moderation on the thread page: hide with a reason, restore, delete, history. */
export function PostTools({ post, back }: { post: { id: string; hiddenAt: string | null; status: string }; back: string }) {
  const { t } = useTranslation('moderation');
  const target = { postId: post.id, action: '/moderation', back };
  return (
    <details className="post-tools">
      <summary>{t('tools.post')}</summary>
      <div className="stack">
        {post.status === 'pending' ? <PostActionButton intent="approve" {...target} /> : null}
        {post.hiddenAt ? <PostActionButton intent="restore" {...target} /> : <HidePostForm {...target} />}
        <PostActionButton intent="delete" {...target} />
        <a href={`/posts/${post.id}/history`}>{t('history.link')}</a>
      </div>
    </details>
  );
}
