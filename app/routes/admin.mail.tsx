import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AuthorName } from '~/components/author-name';
import { AdminTrail } from '~/components/admin';
import { DataTable } from '~/components/ui/data-table';
import { Pager } from '~/components/ui/pager';
import { formatDateTime } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { requirePermission } from '~/modules/identity/guards.server';
import { listMail } from '~/modules/mail/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:mail.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:mail-outbox');
  const after = new URL(request.url).searchParams.get('after')?.slice(0, 64) || undefined;
  return json(await listMail(after));
}

export default function AdminMail() {
  const { t, i18n } = useTranslation('admin');
  const { city } = useRootData();
  const { messages, nextAfter, accounts } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const when = (date: string) => <time dateTime={date}>{formatDateTime(date, lng, city.timeZone)}</time>;
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('mail.title')}</h1>
      <p>{t('mail.intro')}</p>
      <DataTable
        caption={t('mail.caption')}
        rows={messages}
        rowKey={(m) => m.id}
        empty={t('mail.empty')}
        columns={[
          { key: 'created', header: t('mail.created'), rowHeader: true, cell: (m) => when(m.createdAt) },
          {
            key: 'status',
            header: t('mail.status'),
            cell: (m) => (
              <>
                <span className={`status status-${m.status}`}>{t(`mail.statuses.${m.status}`, { defaultValue: m.status })}</span>
                {m.status === 'failed' && m.lastError ? (
                  <>
                    <br />
                    <span className="muted">{t('mail.attempts', { count: m.attempts })}</span>
                  </>
                ) : null}
              </>
            ),
          },
          {
            key: 'kind',
            // Kinds are codes (`notification.digest`): worded per kind, the code kept as a fallback.
            header: t('mail.kind'),
            cell: (m) => t(`mail.kinds.${m.kind.replace(/\./g, '-')}`, { defaultValue: m.kind }),
          },
          {
            key: 'to',
            header: t('mail.to'),
            cell: (m) => {
              const account = accounts[m.to.toLowerCase()];
              return (
                <>
                  {account ? <AuthorName author={account} /> : <span className="muted">{t('mail.noAccount')}</span>}
                  <br />
                  <span className={account ? 'muted' : undefined}>{m.to}</span>
                </>
              );
            },
          },
          {
            key: 'subject',
            header: t('mail.subject'),
            cell: (m) => (
              <details>
                <summary>{m.subject}</summary>
                <pre className="mail-text">{m.text}</pre>
                {m.lastError ? (
                  <p className="field-error">
                    {t('mail.lastError')}: {m.lastError}
                  </p>
                ) : null}
              </details>
            ),
          },
          {
            key: 'sent',
            header: t('mail.sent'),
            cell: (m) => (m.sentAt ? when(m.sentAt) : <span className="muted">{t('mail.notSent')}</span>),
          },
        ]}
      />
      <Pager
        label={t('mail.pages')}
        next={nextAfter ? { to: `/admin/mail?after=${encodeURIComponent(nextAfter)}`, label: t('mail.older') } : null}
      />
    </div>
  );
}
