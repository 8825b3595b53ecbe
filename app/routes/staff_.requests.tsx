import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { ActionBar } from '~/components/ui/action-bar';
import { StatusBadge } from '~/components/ui/badge';
import { DataTable } from '~/components/ui/data-table';
import { CheckboxField, GetForm, SelectField } from '~/components/ui/forms';
import { Tabs } from '~/components/ui/tabs';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { SavedFilterActionSchema } from '~/modules/requests/queue/saved-filter-schemas';
import { deleteQueueFilter, saveQueueFilter, savedQueueFilters } from '~/modules/requests/queue/saved-filters.server';
import { DeleteSavedFilter, SaveFilterForm } from '~/modules/requests/queue/components/saved-filter-forms';
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
import { OPEN_QUEUE, QUEUE_SORTS, QueueFilterSchema } from '~/modules/requests/queue/queue-options';
import { ChoiceGroup } from '~/modules/requests/components/answer-fields';
import { ListHeading } from '~/modules/requests/components/list-heading';
import { useSchemaForm } from '~/lib/use-schema-form';
import { PRIORITIES_BY_URGENCY, REQUEST_SOURCES, REQUEST_STATUSES } from '~/modules/requests/values';
import { countQueue, listQueue, queueOptions, queueQuery } from '~/modules/requests/queue/queue.server';
import { requireQueue } from '~/modules/requests/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:queue.title');

/**
 * The staff queue: the requests of the departments the reader handles (all for staff and admins,
 * a liaison's own), filtered and sorted by GET parameters, 50 a page (keyset), live. Above it the
 * reader's saved filters as tabs with their counts, after the default view (the open requests).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, scope, filter } = await requireQueue(request);
  const now = new Date();
  // Read before the page's data: an event committed in between is then replayed, not lost.
  const since = await latestEventId();
  const [page, options, people, openCount, saved] = await Promise.all([
    listQueue(filter, scope, user.id, now),
    queueOptions(scope),
    assigneeOptions(scope),
    countQueue(OPEN_QUEUE, scope, user.id, now),
    savedQueueFilters(callerFor(user, context), now),
  ]);
  const rooms = options.departments.map((d) => `department:${d.id}`);
  return json(
    {
      ...page,
      options,
      people,
      since,
      rooms,
      filter,
      openCount,
      saved,
      query: queueQuery(filter),
      nextQuery: page.next ? queueQuery(filter, page.next) : null,
      now: now.toISOString(),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

/**
 * Saving the current filter under a name, or deleting a saved one: the reader's own only (another
 * person's is a 404). A taken name or the limit comes back on the form as a 400.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireQueue(request);
  const submission = await readSubmission(request, SavedFilterActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const caller = callerFor(user, context);
  const done =
    submission.value.intent === 'saveFilter'
      ? await saveQueueFilter(caller, submission.value)
      : await deleteQueueFilter(caller, submission.value.id);
  if (!done.ok) return respondToForm(submission, done);
  // Saved: on to its tab. Deleted: back to the open requests.
  const to = done.value ? `/staff/requests${done.value.query ? `?${done.value.query}` : ''}` : '/staff/requests';
  const key = done.value ? 'requests:savedFilters.saved' : 'requests:savedFilters.deleted';
  return redirectWithFlash(to, { kind: 'success', key }, { status: 303 });
}

function age(from: string, now: string) {
  const hours = Math.max(0, Math.floor((new Date(now).getTime() - new Date(from).getTime()) / 3_600_000));
  return hours < 48 ? { key: 'queue.ageHours', count: hours } : { key: 'queue.ageDays', count: Math.floor(hours / 24) };
}

export default function StaffQueue() {
  const { t, i18n } = useTranslation('requests');
  const { rows, options, people, since, rooms, filter, query, nextQuery, now, openCount, saved } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { city } = useRootData();
  const lng = i18n.language;
  const name = (v: LocalizedText) => localized(v, lng).text;
  const nameOption = (o: { id: string; name: LocalizedText }) => ({ value: o.id, label: name(o.name) });
  const when = (d: string) => formatDateTime(d, lng, city.timeZone, 'short');
  const [form, fields] = useSchemaForm(QueueFilterSchema, { id: 'queue-filter', defaultValue: { ...filter, overdue: undefined } });
  const any = { value: '', label: t('queue.any') };
  // The tab of the current filter: the first whose query is the page's (the cursor aside).
  const views = [{ id: null, name: t('savedFilters.open'), query: '', count: openCount }, ...saved];
  const current = views.findIndex((v) => v.query === query);
  const currentSaved = current > 0 ? saved[current - 1] : null;
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
      <Tabs
        label={t('savedFilters.tabs')}
        tabs={views.map((v, i) => ({
          to: `/staff/requests${v.query ? `?${v.query}` : ''}`,
          label: v.name,
          count: v.count,
          current: i === current,
        }))}
      />
      {currentSaved ? <DeleteSavedFilter filter={currentSaved} lastResult={lastResult} /> : null}
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
      {currentSaved ? null : <SaveFilterForm query={query} lastResult={lastResult} />}
      <DataTable
        dense
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
