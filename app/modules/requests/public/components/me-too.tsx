import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { PostForm, SubmitButton } from '~/components/ui/forms';

/**
 * "Follow it / me too" for one request: a plain POST to /requests/<code>/me-too (works without
 * JavaScript), a sign-in link for visitors, or what is already so. `code` is named in the button
 * for screen readers when several are listed.
 */
export function MeTooButton({
  code,
  signedIn,
  follows,
  open,
  here,
}: {
  code: string;
  signedIn: boolean;
  follows: boolean;
  open: boolean;
  /** The page to come back to after signing in. */
  here: string;
}) {
  const { t } = useTranslation('requests');
  if (!open) return <p>{t('metoo.closed')}</p>;
  if (follows) return <p>{t('metoo.already')}</p>;
  if (!signedIn)
    return (
      <p>
        <Link to={`/signin?redirectTo=${encodeURIComponent(here)}`}>{t('metoo.signIn')}</Link>
      </p>
    );
  return (
    <PostForm action={`/requests/${code}/me-too`} className="inline-form">
      <input type="hidden" name="intent" value="metoo" />
      <SubmitButton className="button button-secondary">
        {t('metoo.submit')}
        <span className="visually-hidden"> ({code})</span>
      </SubmitButton>
    </PostForm>
  );
}
