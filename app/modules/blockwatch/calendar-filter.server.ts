import { db } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { parseWithSchema } from '~/lib/schema-parse';
import { dateIn, startOfDayIn } from '~/lib/time';
import { CalendarFilterSchema } from './schemas';

/** How far back and ahead the community calendar may be paged, in days from today. */
const REACH_BACK = 366;
const REACH_AHEAD = 2 * 366;

export type CalendarFilter = {
  neighborhood: { id: string; slug: string } | null;
  /** The first day shown (YYYY-MM-DD in the city's zone) */
  from: string;
  today: string;
};

/**
 * The community calendar's filter from a URL's query string (`?neighborhood=<slug>&from=<date>`),
 * read with Conform like any form: an unknown neighborhood or a day out of reach comes back as the
 * form's `reply`, with the values as given.
 */
export async function calendarFilterFromUrl(url: URL, timeZone: string, now = new Date()) {
  const values: Record<string, string> = {};
  for (const key of ['neighborhood', 'from'] as const) {
    const v = url.searchParams.get(key)?.trim();
    if (v) values[key] = v;
  }
  const today = dateIn(now, timeZone);
  const submission = parseWithSchema(url.searchParams, CalendarFilterSchema);
  if (submission.status !== 'success') return { ok: false as const, reply: submission.reply(), values };
  const { neighborhood: slug, from = today } = submission.value;
  const neighborhood = slug ? await db().neighborhood.findUnique({ where: { slug }, select: { id: true, slug: true } }) : null;
  const errors: Record<string, string[]> = {};
  if (slug && !neighborhood) errors.neighborhood = [msg('blockwatch:errors.noNeighborhood')];
  if (
    startOfDayIn(from, timeZone) < startOfDayIn(today, timeZone, -REACH_BACK) ||
    startOfDayIn(from, timeZone) > startOfDayIn(today, timeZone, REACH_AHEAD)
  )
    errors.from = [msg('blockwatch:errors.calendarRange')];
  if (Object.keys(errors).length) return { ok: false as const, reply: submission.reply({ fieldErrors: errors }), values };
  return { ok: true as const, filter: { neighborhood, from, today } satisfies CalendarFilter, values };
}
