import { useTranslation } from 'react-i18next';
import { PostForm } from '~/components/ui/forms';
import { useSchemaForm } from '~/lib/use-schema-form';
import { FollowSchema } from '../schemas';

/** Follow / mute toggle for a thread or a channel; a plain form, so it works without JavaScript. */
export function FollowForm({ level, action }: { level: string | null; action?: string }) {
  const { t } = useTranslation('channels');
  const [form, fields] = useSchemaForm(FollowSchema);
  const next =
    level === 'follow'
      ? [
          { value: 'none', label: t('follow.unfollow') },
          { value: 'mute', label: t('follow.mute') },
        ]
      : level === 'mute'
        ? [{ value: 'none', label: t('follow.unmute') }]
        : [
            { value: 'follow', label: t('follow.follow') },
            { value: 'mute', label: t('follow.mute') },
          ];
  return (
    <PostForm form={form} action={action} className="actions follow-form" preventScrollReset>
      <input type="hidden" name="intent" value="follow" />
      <span className="muted">
        {level === 'follow' ? t('follow.following') : level === 'mute' ? t('follow.muted') : t('follow.notFollowing')}
      </span>
      {next.map((o) => (
        <button key={o.value} type="submit" name={fields.level.name} value={o.value} className="button button-secondary button-small">
          {o.label}
        </button>
      ))}
    </PostForm>
  );
}
