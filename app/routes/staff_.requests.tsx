import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ActionBar } from '~/components/action-bar';
import { StatusBadge } from '~/components/badge';
import { DataTable } from '~/components/data-table';
import { Pager } from '~/components/pager';
import { formatDateTime } from '~/lib/format';
import { localized, type LocalizedText } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { LiveBanner } from '~/modules/channels/components/live-banner';
import { DueDate } from '~/modules/requests/components/due-date';
import { latestEventId } from '~/modules/realtime/publish.server';
import { assigneeOptions } from '~/modules/requests/handling/handling.server';
import { isOverdue } from '~/modules/requests/lifecycle';
import { QUEUE_SORTS } from '~/modules/requests/queue/queue-options';
import { PRIORITIES_BY_URGENCY, REQUEST_SOURCES, REQUEST_STATUSES } from '~/modules/requests/values';
import { listQueue, queueOptions, queueQuery } from '~/modules/requests/queue/queue.server';
import { requireQueue } from '~/modules/requests/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:queue.title');

/**
 * The staff queue: the requests of the departments the reader handles (all for staff and admins,
 * a liaison's own), filtered and sorted by GET parameters, 50 a page (keyset), live.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope, filter } = await requireQueue(request);
  const now = new Date();
  // Read before the page's data: an event committed in between is then replayed, not lost.
  const since = await latestEventId();
  const [page, options, people] = await Promise.all([listQueue(filter, scope, user.id, now), queueOptions(scope), assigneeOptions(scope)]);
  const rooms = options.departments.map((d) => `department:${d.id}`);
  return json(
    {
      ...page,
      options,
      people,
      since,
      rooms,
      filter,
      query: queueQuery(filter),
      nextQuery: page.next ? queueQuery(filter, page.next) : null,
      now: now.toISOString(),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

function age(from: string, now: string) {
  const hours = Math.max(0, Math.floor((new Date(now).getTime() - new Date(from).getTime()) / 3_600_000));
  return hours < 48 ? { key: 'queue.ageHours', count: hours } : { key: 'queue.ageDays', count: Math.floor(hours / 24) };
}

export default function StaffQueue() {
  const { t, i18n } = useTranslation('requests');
  const { rows, options, people, since, rooms, filter, query, nextQuery, now } = useLoaderData<typeof loader>();
  const { city } = useRootData();
  const lng = i18n.language;
  const name = (v: LocalizedText) => localized(v, lng).text;
  const when = (d: string) => formatDateTime(d, lng, city.timeZone, 'short');
  const select = (id: string, label: string, value: string | undefined, choices: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`q-${id}`}>{label}</label>
      <select id={`q-${id}`} name={id} defaultValue={value ?? ''}>
        <option value="">{t('queue.any')}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="stack">
      <h1>{t('queue.title')}</h1>
      <p>
        <Link to="/staff/requests/new" className="button">
          {t('record.link')}
        </Link>
      </p>
      <LiveBanner rooms={rooms} since={since} countTypes={['request.created', 'request.updated']} messageKey="requests:queue.live" />
      <Form method="get" className="stack" aria-label={t('queue.filters')}>
        <div className="field-row">
          {options.departments.length > 1
            ? select(
                'department',
                t('queue.department'),
                filter.department,
                options.departments.map((d) => ({ value: d.id, label: name(d.name) })),
              )
            : null}
          {select(
            'type',
            t('queue.type'),
            filter.type,
            options.types.map((d) => ({ value: d.id, label: name(d.name) })),
          )}
          {select(
            'priority',
            t('queue.priority'),
            filter.priority,
            PRIORITIES_BY_URGENCY.map((p) => ({ value: p, label: t(`priorities.${p}`) })),
          )}
          {select(
            'neighborhood',
            t('queue.neighborhood'),
            filter.neighborhood,
            options.neighborhoods.map((d) => ({ value: d.id, label: name(d.name) })),
          )}
          {select(
            'source',
            t('queue.source'),
            filter.source,
            REQUEST_SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) })),
          )}
          {select('assignee', t('queue.assignee'), filter.assignee, [
            { value: 'me', label: t('queue.me') },
            { value: 'unassigned', label: t('queue.unassigned') },
            ...people.map((p) => ({ value: p.id, label: p.displayName })),
          ])}
          <div className="field">
            <label htmlFor="q-sort">{t('queue.sort')}</label>
            <select id="q-sort" name="sort" defaultValue={filter.sort}>
              {QUEUE_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`queue.sorts.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset>
          <legend>{t('queue.status')}</legend>
          <p className="hint">{t('queue.statusHint')}</p>
          <div className="field-row">
            {REQUEST_STATUSES.map((s) => (
              <div className="field field-checkbox" key={s}>
                <input type="checkbox" id={`q-status-${s}`} name="status" value={s} defaultChecked={filter.status.includes(s)} />
                <label htmlFor={`q-status-${s}`}>{t(`status.${s}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="field field-checkbox">
          <input type="checkbox" id="q-overdue" name="overdue" value="1" defaultChecked={filter.overdue} />
          <label htmlFor="q-overdue">{t('queue.overdueOnly')}</label>
        </div>
        <ActionBar>
          <button type="submit" className="button">
            {t('queue.apply')}
          </button>
          <Link to="/staff/requests">{t('queue.reset')}</Link>
          <a href={`/staff/requests.csv${query ? `?${query}` : ''}`} download>
            {t('queue.csv')}
          </a>
        </ActionBar>
      </Form>
      <DataTable
        caption={t('queue.caption')}
        rows={rows}
        rowKey={(r) => r.id}
        rowProps={(r) => ({ 'data-code': r.publicCode })}
        empty={t('queue.empty')}
        columns={[
          {
            key: 'code',
            header: t('queue.code'),
            rowHeader: true,
            cell: (r) => <Link to={`/requests/${r.publicCode}`}>{r.publicCode}</Link>,
          },
          { key: 'type', header: t('queue.type'), cell: (r) => name(r.type.name) },
          { key: 'status', header: t('queue.status'), cell: (r) => <StatusBadge status={r.status} label={t(`status.${r.status}`)} /> },
          { key: 'priority', header: t('queue.priority'), cell: (r) => t(`priorities.${r.priority}`) },
          { key: 'neighborhood', header: t('queue.neighborhood'), cell: (r) => (r.neighborhood ? name(r.neighborhood) : '—') },
          {
            key: 'age',
            header: t('queue.age'),
            cell: (r) => {
              const a = age(r.createdAt, now);
              return t(a.key, { count: a.count });
            },
          },
          {
            key: 'due',
            header: t('queue.due'),
            cell: (r) => <DueDate dueAt={r.dueAt} label={when(r.dueAt)} overdue={isOverdue(r, new Date(now))} />,
          },
          { key: 'assignee', header: t('queue.assignee'), cell: (r) => r.assignee?.displayName ?? t('queue.unassigned') },
        ]}
      />
      <Pager label={t('queue.pages')} next={nextQuery ? { to: `/staff/requests?${nextQuery}`, label: t('queue.next') } : null} />
    </div>
  );
}
