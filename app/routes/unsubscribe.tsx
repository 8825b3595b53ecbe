import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { PostForm } from '~/components/forms';
import { pageTitle } from '~/lib/meta';
import { readForm } from '~/lib/security.server';
import { setEmailPreference, verifyUnsubscribe } from '~/modules/notifications/email.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'notifications:unsubscribe.title');

/** The signed link from a notification mail: valid without signing in, for that person only. */
function check(url: URL) {
  const userId = url.searchParams.get('u') ?? '';
  const sig = url.searchParams.get('s') ?? '';
  if (!userId || userId.length > 40 || !sig || sig.length > 100 || !verifyUnsubscribe(userId, sig)) throw json({ error: 'notFound' }, { status: 404 });
  return userId;
}

export async function loader({ request }: LoaderFunctionArgs) {
  check(new URL(request.url));
  return json({ done: new URL(request.url).searchParams.get('done') === '1' });
}

/**
 * Mail clients' one-click unsubscribe (RFC 8058) posts "List-Unsubscribe=One-Click" without a
 * CSRF token: the signature in the URL is the proof. The page's own button posts with one.
 */
export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  const userId = check(url);
  const body = await request.clone().text();
  if (body.trim() !== 'List-Unsubscribe=One-Click') await readForm(request);
  await setEmailPreference(userId, 'never');
  if (body.trim() === 'List-Unsubscribe=One-Click') return new Response(null, { status: 204 });
  url.searchParams.set('done', '1');
  return new Response(null, { status: 303, headers: { Location: url.pathname + url.search } });
}

export default function Unsubscribe() {
  const { t } = useTranslation('notifications');
  const { done } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t('unsubscribe.title')}</h1>
      {done ? (
        <p role="status">{t('unsubscribe.done')}</p>
      ) : (
        <>
          <p>{t('unsubscribe.intro')}</p>
          <PostForm>
            <button type="submit" className="button">
              {t('unsubscribe.confirm')}
            </button>
          </PostForm>
        </>
      )}
      <p>
        <Link to="/account/notifications">{t('unsubscribe.settings')}</Link>
      </p>
    </div>
  );
}
