import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { PostForm } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDateTime } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { readSubmission } from '~/lib/submission.server';
import { listSessions } from '~/modules/identity/account-queries.server';
import { ButtonOnlySchema } from '~/modules/identity/schemas';
import { signOutEverywhere } from '~/modules/identity/sign-in.server';
import { AccountNav } from '~/modules/identity/components/account-nav';
import { clearSessionCookie } from '~/modules/identity/session.server';
import { requireUser } from '~/modules/identity/guards.server';
import { TableScroller } from '~/components/ui/table-scroller';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account:sessions.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sessions = await listSessions(user.id, user.sessionId);
  return json({
    sessions: sessions.map((s) => ({ createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), current: s.current })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await readSubmission(request, ButtonOnlySchema);
  await signOutEverywhere(callerFor(user, context));
  return redirectWithFlash(
    '/signin',
    { kind: 'info', key: 'account:sessions.done' },
    { status: 303, headers: { 'Set-Cookie': await clearSessionCookie() } },
  );
}

export default function Sessions() {
  const { t, i18n } = useTranslation('account');
  const { city } = useRootData();
  const { sessions } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  return (
    <div className="stack">
      <h1>{t('sessions.title')}</h1>
      <AccountNav />
      <p>{t('sessions.intro')}</p>
      <TableScroller>
        <table aria-describedby="last-seen-hint">
          <caption className="visually-hidden">{t('sessions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sessions.device')}</th>
              <th scope="col">{t('sessions.signedIn')}</th>
              <th scope="col">{t('sessions.lastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s, i) => (
              <tr key={`${s.createdAt}-${i}`}>
                <td>{s.current ? <strong className="pill">{t('sessions.thisDevice')}</strong> : t('sessions.otherDevice')}</td>
                <td>
                  <time dateTime={s.createdAt}>{formatDateTime(s.createdAt, lng, city.timeZone)}</time>
                </td>
                <td>
                  <time dateTime={s.lastSeenAt}>{formatDateTime(s.lastSeenAt, lng, city.timeZone)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      <p className="hint" id="last-seen-hint">
        {t('sessions.lastSeenHint')}
      </p>

      <section aria-labelledby="everywhere" className="danger-zone">
        <h2 id="everywhere">{t('sessions.everywhereTitle')}</h2>
        <p>{t('sessions.everywhereIntro')}</p>
        <PostForm>
          <button type="submit" className="button button-danger">
            {t('sessions.everywhere')}
          </button>
        </PostForm>
      </section>
    </div>
  );
}
