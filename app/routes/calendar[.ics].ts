import type { LoaderFunctionArgs } from '@remix-run/node';
import { communityCalendar, icalendar } from '~/modules/blockwatch/calendar.server';
import { calendarFilter } from '~/modules/blockwatch/calendar-filter.server';
import { getLocale, getT } from '~/modules/identity/locale.server';
import { getCity } from '~/modules/places/queries.server';

/**
 * GET /calendar.ics[?neighborhood=<slug>]: the community calendar as an iCalendar feed, for
 * anyone (calendar apps do not sign in): public meetings and survey closings of the next year.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const [filter, lng, t, city] = await Promise.all([calendarFilter(request), getLocale(request), getT(request, ['blockwatch']), getCity()]);
  if (!filter) return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  const entries = await communityCalendar({ neighborhoodId: filter.neighborhood?.id ?? null, from: new Date(), days: 366, lng });
  const body = icalendar(t('blockwatch:calendar.feedName', { city: city.name }), entries, (e) =>
    e.kind === 'survey' ? t('blockwatch:calendar.surveyCloses') : e.group ? t('blockwatch:calendar.meetingOf', { group: e.group }) : '',
  );
  return new Response(body, {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'public, max-age=300', Vary: 'Accept-Language, Cookie' },
  });
}
