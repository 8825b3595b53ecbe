import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { stringify } from 'csv-stringify';
import { formatDateTime } from '~/lib/format';
import { stableStringify } from '~/modules/audit/format';
import { auditFilterFromUrl } from '~/modules/audit/filter.server';
import { exportAudit } from '~/modules/audit/queries.server';
import { getLocale, getT } from '~/modules/identity/locale.server';
import { requirePermission } from '~/modules/identity/session.server';
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
  if (!parsed.ok) return json({ error: 'badRequest', errors: parsed.errors }, { status: 400 });
  const [t, lng] = await Promise.all([getT(request, 'admin'), getLocale(request)]);
  const columns = ['id', 'createdAt', 'localTime', 'actorName', 'actorEmail', 'action', 'targetKind', 'targetId', 'before', 'after', 'requestId'] as const;
  const csv = stringify({ header: true, columns: columns.map((key) => ({ key, header: t(`audit.csvColumns.${key}`) })), escape_formulas: true, bom: true });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      csv.on('data', (chunk: Buffer | string) => controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : new Uint8Array(chunk)));
      const done = new Promise<void>((resolve, reject) => {
        csv.on('end', resolve);
        csv.on('error', reject);
      });
      try {
        for await (const e of exportAudit(parsed.filter)) {
          csv.write({
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
          });
        }
        csv.end();
        await done;
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-log-${stamp}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
