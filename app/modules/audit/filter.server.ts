import type { FormFailure } from '~/lib/forms';
import { parseForm } from '~/lib/forms';
import { startOfDayIn } from '~/lib/time';
import type { AuditFilter } from './queries.server';
import { AuditFilterSchema } from './schemas';

/**
 * The audit filter from a URL's query string. Dates are calendar days in the city's time zone:
 * "from" starts at that day's midnight there, "to" includes the whole day.
 */
export function auditFilterFromUrl(url: URL, timeZone: string): { ok: true; filter: AuditFilter; values: Record<string, string> } | FormFailure {
  const params = new FormData();
  for (const [key, value] of url.searchParams) params.append(key, value);
  const form = parseForm(AuditFilterSchema, params);
  if (!form.ok) return form;
  const { from, to, ...rest } = form.data;
  const values: Record<string, string> = {};
  for (const key of ['action', 'actor', 'targetKind', 'from', 'to'] as const) {
    const v = form.data[key];
    if (v) values[key] = v;
  }
  return {
    ok: true,
    values,
    filter: { ...rest, from: from ? startOfDayIn(from, timeZone) : undefined, to: to ? startOfDayIn(to, timeZone, 1) : undefined },
  };
}
