import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { csvDownload } from '~/lib/csv.server';
import { formatDateTime } from '~/lib/format';
import { stableStringify } from '~/modules/audit/format';
import { auditFilterFromUrl } from '~/modules/audit/filter.server';
import { exportAudit } from '~/modules/audit/queries.server';
import { getLocale, getT } from '~/modules/identity/locale.server';
import { requirePermission } from '~/modules/identity/guards.server';
import { getCity } from '~/modules/places/queries.server';

/**
 * /admin/audit.csv: the audit log with the page's filters, every matching entry (newest first),
 * streamed as CSV. Headers in the reader's language; times in UTC (ISO) and in the city's zone.
 * Cells that a spreadsheet would run as a formula are escaped.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:audit');
  const city = await getCity();
  const parsed = auditFilterFromUrl(new URL(request.url), city.timeZone);
  if (!parsed.ok) return json({ error: 'badRequest', errors: parsed.reply.error }, { status: 400 });
  const { filter } = parsed;
  const [t, lng] = await Promise.all([getT(request, 'admin'), getLocale(request)]);
  const columns = [
    'id',
    'createdAt',
    'localTime',
    'actorName',
    'actorEmail',
    'action',
    'targetKind',
    'targetId',
    'before',
    'after',
    'requestId',
  ] as const;
  async function* rows() {
    for await (const e of exportAudit(filter)) {
      yield {
        id: e.id,
        createdAt: e.createdAt.toISOString(),
        localTime: formatDateTime(e.createdAt, lng, city.timeZone),
        actorName: e.actor?.displayName ?? '',
        actorEmail: e.actor?.email ?? '',
        action: e.action,
        targetKind: e.targetKind,
        targetId: e.targetId ?? '',
        before: e.before === null ? '' : stableStringify(e.before),
        after: e.after === null ? '' : stableStringify(e.after),
        requestId: e.requestId ?? '',
      };
    }
  }
  const header = columns.map((key) => ({ key, header: t(`audit.csvColumns.${key}`) }));
  return csvDownload(`audit-log-${new Date().toISOString().slice(0, 10)}.csv`, header, rows());
}
