import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { PostForm } from '~/components/ui/forms';
import { Pager } from '~/components/ui/pager';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { readSubmission } from '~/lib/submission.server';
import { requireSignedIn } from '~/modules/channels/guards.server';
import { ConfirmSchema } from '~/modules/channels/schemas';
import { markNotificationsRead } from '~/modules/notifications/notify.server';
import { describeNotification, notificationLink } from '~/modules/notifications/describe';
import { listNotifications } from '~/modules/notifications/queries.server';
import { ActionBar } from '~/components/ui/action-bar';
import { Badge } from '~/components/ui/badge';
import { RelativeTime } from '~/components/ui/relative-time';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'notifications:title');

/** Showing notifications marks them read; the ones that were new stay highlighted on this visit. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireSignedIn(request, context);
  const user = caller.user;
  const after = new URL(request.url).searchParams.get('after') ?? undefined;
  const page = await listNotifications(user.id, after && after.length <= 40 ? after : undefined);
  const unseen = page.notifications.filter((n) => !n.readAt).map((n) => n.id);
  if (unseen.length) await markNotificationsRead(caller, unseen);
  return json(page);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requireSignedIn(request, context);
  await readSubmission(request, ConfirmSchema);
  await markNotificationsRead(caller, 'all');
  return redirectWithFlash('/notifications', { kind: 'success', key: 'notifications:allRead' }, { status: 303 });
}

export default function Notifications() {
  const { t } = useTranslation(['notifications', 'moderation']);
  const { notifications, nextAfter } = useLoaderData<typeof loader>();
  const describe = (n: (typeof notifications)[number]) => describeNotification(t, n);
  return (
    <div className="stack">
      <h1>{t('notifications:title')}</h1>
      <ActionBar>
        <PostForm>
          <button type="submit" className="button button-secondary button-small">
            {t('notifications:markAll')}
          </button>
        </PostForm>
        <Link to="/account/notifications">{t('notifications:settings')}</Link>
      </ActionBar>
      {notifications.length === 0 ? <p>{t('notifications:empty')}</p> : null}
      <ul className="notification-list">
        {notifications.map((n) => {
          const href = notificationLink(n);
          return (
            <li key={n.id} className={n.readAt ? 'notification' : 'notification unread'}>
              {!n.readAt ? <Badge tone="pill-unread">{t('notifications:new')}</Badge> : null}{' '}
              {href ? <Link to={href}>{describe(n)}</Link> : describe(n)}
              <p className="muted">
                <RelativeTime value={n.createdAt} />
              </p>
            </li>
          );
        })}
      </ul>
      <Pager
        label={t('notifications:pages')}
        next={nextAfter ? { to: `/notifications?after=${nextAfter}`, label: t('notifications:older') } : null}
      />
    </div>
  );
}
