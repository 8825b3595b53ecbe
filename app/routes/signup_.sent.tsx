import type { MetaFunction } from '@remix-run/node';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { pageTitle } from '~/lib/meta';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:sent.title');

/** After sign-up: the same page whether or not the address already had an account. */
export default function SignUpSent() {
  const { t } = useTranslation('auth');
  return (
    <div className="stack">
      <h1>{t('sent.title')}</h1>
      <p>{t('sent.body')}</p>
      <p>{t('sent.spam')}</p>
      <p>
        <Link to="/signin">{t('signIn.title')}</Link>
      </p>
    </div>
  );
}
