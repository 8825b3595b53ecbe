import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ActionBar } from '~/components/ui/action-bar';
import { StatusBadge } from '~/components/ui/badge';
import { DataTable } from '~/components/ui/data-table';
import { CheckboxField, GetForm, SelectField } from '~/components/ui/forms';
import { Pager } from '~/components/ui/pager';
import { formatDateTime } from '~/lib/format';
import { localized, type LocalizedText } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { LiveBanner } from '~/modules/channels/components/live-banner';
import { DueDate } from '~/modules/requests/components/due-date';
import { latestEventId } from '~/modules/realtime/publish.server';
import { assigneeOptions } from '~/modules/requests/handling/handling.server';
import { isOverdue } from '~/modules/requests/lifecycle';
import { QUEUE_SORTS, QueueFilterSchema } from '~/modules/requests/queue/queue-options';
import { ChoiceGroup } from '~/modules/requests/components/answer-fields';
import { ListHeading } from '~/modules/requests/components/list-heading';
import { useSchemaForm } from '~/lib/use-schema-form';
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
  const nameOption = (o: { id: string; name: LocalizedText }) => ({ value: o.id, label: name(o.name) });
  const when = (d: string) => formatDateTime(d, lng, city.timeZone, 'short');
  const [form, fields] = useSchemaForm(QueueFilterSchema, { id: 'queue-filter', defaultValue: { ...filter, overdue: undefined } });
  const any = { value: '', label: t('queue.any') };
  const selects = [
    ...(options.departments.length > 1
      ? [{ field: fields.department, label: t('queue.department'), choices: options.departments.map(nameOption) }]
      : []),
    { field: fields.type, label: t('queue.type'), choices: options.types.map(nameOption) },
    {
      field: fields.priority,
      label: t('queue.priority'),
      choices: PRIORITIES_BY_URGENCY.map((p) => ({ value: p, label: t(`priorities.${p}`) })),
    },
    { field: fields.neighborhood, label: t('queue.neighborhood'), choices: options.neighborhoods.map(nameOption) },
    { field: fields.source, label: t('queue.source'), choices: REQUEST_SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) })) },
    {
      field: fields.assignee,
      label: t('queue.assignee'),
      choices: [
        { value: 'me', label: t('queue.me') },
        { value: 'unassigned', label: t('queue.unassigned') },
        ...people.map((p) => ({ value: p.id, label: p.displayName })),
      ],
    },
  ];
  return (
    <div className="stack">
      <ListHeading title={t('queue.title')} action={{ to: '/staff/requests/new', label: t('record.link') }} />
      <LiveBanner rooms={rooms} since={since} countTypes={['request.created', 'request.updated']} messageKey="requests:queue.live" />
      <GetForm form={form} className="stack" aria-label={t('queue.filters')}>
        <div className="field-row">
          {selects.map(({ field, label, choices }) => (
            <SelectField key={field.name} field={field} label={label} options={[any, ...choices]} />
          ))}
          <SelectField
            field={fields.sort}
            label={t('queue.sort')}
            options={QUEUE_SORTS.map((s) => ({ value: s, label: t(`queue.sorts.${s}`) }))}
          />
        </div>
        <ChoiceGroup
          type="checkbox"
          field={fields.status}
          label={t('queue.status')}
          hint={t('queue.statusHint')}
          options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <CheckboxField field={fields.overdue} label={t('queue.overdueOnly')} value="1" defaultChecked={filter.overdue} />
        <ActionBar>
          <button type="submit" className="button">
            {t('queue.apply')}
          </button>
          <Link to="/staff/requests">{t('queue.reset')}</Link>
          <a href={`/staff/requests.csv${query ? `?${query}` : ''}`} download>
            {t('queue.csv')}
          </a>
        </ActionBar>
      </GetForm>
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
