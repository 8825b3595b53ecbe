import { parseWithSchema } from '~/lib/schema-parse';
import { startOfDayIn } from '~/lib/time';
import type { AuditFilter } from './queries.server';
import { AUDIT_FILTER_KEYS, AuditFilterSchema } from './schemas';

/**
 * The audit filter from a URL's query string, read with Conform like any form. Dates are calendar
 * days in the city's time zone: "from" starts at that day's midnight there, "to" includes the
 * whole day. `values` are the filters given (for the CSV and "older" links); bad filters come
 * back as the form's `reply`.
 */
export function auditFilterFromUrl(url: URL, timeZone: string) {
  const values: Record<string, string> = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const v = url.searchParams.get(key)?.trim();
    if (v) values[key] = v;
  }
  const submission = parseWithSchema(url.searchParams, AuditFilterSchema);
  if (submission.status !== 'success') return { ok: false as const, reply: submission.reply(), values };
  const { from, to, ...rest } = submission.value;
  const filter: AuditFilter = {
    ...rest,
    from: from ? startOfDayIn(from, timeZone) : undefined,
    to: to ? startOfDayIn(to, timeZone, 1) : undefined,
  };
  return { ok: true as const, filter, values };
}
