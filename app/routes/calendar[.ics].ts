import type { LoaderFunctionArgs } from '@remix-run/node';
import { startOfDayIn } from '~/lib/time';
import { communityCalendar, communityFeed, icalendar, FEED_DAYS_AHEAD, FEED_DAYS_BACK } from '~/modules/blockwatch/calendar.server';
import { calendarFilterFromUrl } from '~/modules/blockwatch/calendar-filter.server';
import { getLocale, getT } from '~/modules/identity/locale.server';
import { getCity } from '~/modules/places/queries.server';

/**
 * GET /calendar.ics[?neighborhood=<slug>]: the community calendar as an iCalendar feed, for
 * anyone (calendar apps do not sign in): public meetings and survey closings from a month back to
 * a year ahead. An unknown neighborhood answers 404.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const city = await getCity();
  const [parsed, lng, t] = await Promise.all([
    calendarFilterFromUrl(new URL(request.url), city.timeZone),
    getLocale(request),
    getT(request, ['blockwatch']),
  ]);
  if (!parsed.ok)
    return new Response(`${t('blockwatch:calendar.feedNotFound')}\n`, {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  const { neighborhood, today } = parsed.filter;
  const body = await communityFeed(`${city.name}|${lng}|${neighborhood?.id ?? ''}|${today}`, async () => {
    const entries = await communityCalendar({
      neighborhoodId: neighborhood?.id ?? null,
      from: startOfDayIn(today, city.timeZone, -FEED_DAYS_BACK),
      days: FEED_DAYS_BACK + FEED_DAYS_AHEAD,
      lng,
    });
    return icalendar(t('blockwatch:calendar.feedName', { city: city.name }), entries, (e) =>
      e.kind === 'survey'
        ? t('blockwatch:calendar.surveyCloses')
        : e.kind === 'voteOpens' || e.kind === 'voteCloses'
          ? t(`blockwatch:calendar.${e.kind}`)
          : e.group
            ? t('blockwatch:calendar.meetingOf', { group: e.group.name })
            : '',
    );
  });
  return new Response(body, {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'public, max-age=300', Vary: 'Accept-Language, Cookie' },
  });
}
