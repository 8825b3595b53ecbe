import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '~/components/ui/confirm-button';
import { PostForm, TextField } from '~/components/ui/forms';
import { useSchemaForm } from '~/lib/use-schema-form';
import { PostActionSchema } from '../schemas';

/**
 * The forms of one post action (PostActionSchema), shared by the moderation queue and a post's
 * tools on the thread page: they post to the queue's action (`action="/moderation"` from a
 * thread page, which `back` then returns to; the queue posts to itself, keeping its filter).
 */
type Target = { postId: string; action?: string; back?: string };

function PostFields({ postId, back }: Target) {
  return (
    <>
      <input type="hidden" name="postId" value={postId} />
      {back ? <input type="hidden" name="redirectTo" value={back} /> : null}
    </>
  );
}

const BUTTON = {
  approve: 'button button-small',
  restore: 'button button-secondary button-small',
  dismiss: 'button button-secondary button-small',
  delete: 'button button-danger button-small',
} as const;

/** One button that approves, restores, deletes a post or dismisses its flags. */
export function PostActionButton({ intent, ...target }: Target & { intent: keyof typeof BUTTON }) {
  const { t } = useTranslation('moderation');
  return (
    <PostForm action={target.action} className="inline-form">
      <PostFields {...target} />
      {intent === 'delete' ? (
        <ConfirmButton
          name="intent"
          value={intent}
          className={BUTTON[intent]}
          question={t('actions.deleteQuestion')}
          confirmLabel={t('actions.delete')}
          cancelLabel={t('actions.cancel')}
        >
          {t('actions.delete')}
        </ConfirmButton>
      ) : (
        <button type="submit" name="intent" value={intent} className={BUTTON[intent]}>
          {t(`actions.${intent}`)}
        </button>
      )}
    </PostForm>
  );
}

/** Hiding a post, with the reason its author is told. */
export function HidePostForm(target: Target) {
  const { t } = useTranslation('moderation');
  const [form, fields] = useSchemaForm(PostActionSchema, { id: `hide-${target.postId}` });
  return (
    <PostForm form={form} action={target.action} className="hide-form">
      <PostFields {...target} />
      <input type="hidden" name="intent" value="hide" />
      <TextField label={t('actions.hideReason')} field={fields.reason} maxLength={300} required />
      <button type="submit" className="button button-secondary button-small">
        {t('actions.hide')}
      </button>
    </PostForm>
  );
}
