import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { formatDateTime } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { requirePermission } from '~/modules/identity/session.server';
import { listMail } from '~/modules/mail/queries.server';
import { TableScroller } from '~/components/table-scroller';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:mail.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:mail-outbox');
  const after = new URL(request.url).searchParams.get('after')?.slice(0, 64) || undefined;
  return json(await listMail(after));
}

export default function AdminMail() {
  const { t, i18n } = useTranslation('admin');
  const { city } = useRootData();
  const { messages, nextAfter } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('mail.title')}</h1>
      <p>{t('mail.intro')}</p>
      <TableScroller>
        <table>
          <caption>{t('mail.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mail.created')}</th>
              <th scope="col">{t('mail.status')}</th>
              <th scope="col">{t('mail.kind')}</th>
              <th scope="col">{t('mail.to')}</th>
              <th scope="col">{t('mail.subject')}</th>
              <th scope="col">{t('mail.sent')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, lng, city.timeZone)}</time>
                </th>
                <td>
                  <span className={`status status-${m.status}`}>{t(`mail.statuses.${m.status}`, { defaultValue: m.status })}</span>
                  {m.status === 'failed' && m.lastError ? (
                    <>
                      <br />
                      <span className="muted">{t('mail.attempts', { count: m.attempts })}</span>
                    </>
                  ) : null}
                </td>
                <td>
                  <code>{m.kind}</code>
                </td>
                <td>{m.to}</td>
                <td>
                  <details>
                    <summary>{m.subject}</summary>
                    <pre className="mail-text">{m.text}</pre>
                    {m.lastError ? (
                      <p className="field-error">
                        {t('mail.lastError')}: {m.lastError}
                      </p>
                    ) : null}
                  </details>
                </td>
                <td>{m.sentAt ? <time dateTime={m.sentAt}>{formatDateTime(m.sentAt, lng, city.timeZone)}</time> : <span className="muted">{t('mail.notSent')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
      {messages.length === 0 ? <p>{t('mail.empty')}</p> : null}
      {nextAfter ? (
        <p className="pager">
          <Link to={`/admin/mail?after=${encodeURIComponent(nextAfter)}`}>{t('mail.older')}</Link>
        </p>
      ) : null}
    </div>
  );
}
