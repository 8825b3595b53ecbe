import type { LoaderFunctionArgs } from '@remix-run/node';
import { csvDownload } from '~/lib/csv.server';
import { formatDateTime } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { getLocale, getT } from '~/modules/identity/locale.server';
import { getCity } from '~/modules/places/queries.server';
import { isOverdue } from '~/modules/requests/lifecycle';
import { exportQueue } from '~/modules/requests/queue/queue.server';
import { requireQueue } from '~/modules/requests/guards.server';

/**
 * /staff/requests.csv: the queue with the page's filters, every matching request in the page's
 * order, streamed. Never the requester's contact details (they live in another table and are not
 * selected) nor the description. Headers and labels in the reader's language; times in UTC (ISO)
 * and in the city's zone. Cells a spreadsheet would run as a formula are escaped.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope, filter } = await requireQueue(request);
  const [t, lng, city] = await Promise.all([getT(request, 'requests'), getLocale(request), getCity()]);
  const columns = [
    'code',
    'type',
    'typeCode',
    'status',
    'priority',
    'source',
    'department',
    'neighborhood',
    'address',
    'createdAt',
    'localTime',
    'dueAt',
    'overdue',
    'assignee',
    'acknowledgedAt',
    'resolvedAt',
    'closedAt',
  ] as const;
  const now = new Date();
  const iso = (d: Date | null) => (d ? d.toISOString() : '');
  async function* rows() {
    for await (const r of exportQueue(filter, scope, user.id, now)) {
      yield {
        code: r.publicCode,
        type: localized(r.type.name, lng).text,
        typeCode: r.type.code,
        status: t(`requests:status.${r.status}`),
        priority: t(`requests:priorities.${r.priority}`),
        source: t(`requests:sources.${r.source}`),
        department: localized(r.department, lng).text,
        neighborhood: r.neighborhood ? localized(r.neighborhood, lng).text : '',
        address: r.address ?? '',
        createdAt: iso(r.createdAt),
        localTime: formatDateTime(r.createdAt, lng, city.timeZone),
        dueAt: iso(r.dueAt),
        overdue: isOverdue(r, now) ? t('requests:queue.yes') : '',
        assignee: r.assignee?.displayName ?? '',
        acknowledgedAt: iso(r.acknowledgedAt),
        resolvedAt: iso(r.resolvedAt),
        closedAt: iso(r.closedAt),
      };
    }
  }
  const header = columns.map((key) => ({ key, header: t(`requests:queue.csvColumns.${key}`) }));
  return csvDownload(`service-requests-${now.toISOString().slice(0, 10)}.csv`, header, rows());
}
