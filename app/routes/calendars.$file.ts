import type { LoaderFunctionArgs } from '@remix-run/node';
import { fixedT } from '~/lib/i18n.server';
import { FEED_DAYS_AHEAD, FEED_DAYS_BACK, groupCalendar, groupOfCalendarToken, icalendar } from '~/modules/blockwatch/calendar.server';
import { getCity } from '~/modules/places/queries.server';

/**
 * GET /calendars/<token>.ics: a member's private feed of their group (members-only meetings
 * too), in the member's language. A token never made, revoked, or of someone no longer in the
 * group answers 404. Never cached by anyone but the subscriber.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const file = params.file ?? '';
  const found = file.endsWith('.ics') ? await groupOfCalendarToken(file.slice(0, -4)) : null;
  if (!found)
    return new Response('Not found\n', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  const t = await fixedT(found.locale ?? (await getCity()).defaultLocale, ['blockwatch']);
  const entries = await groupCalendar(
    found.group.id,
    new Date(Date.now() - FEED_DAYS_BACK * 24 * 3600 * 1000),
    FEED_DAYS_BACK + FEED_DAYS_AHEAD,
  );
  const body = icalendar(found.group.name, entries, () => t('blockwatch:calendar.meetingOf', { group: found.group.name }));
  return new Response(body, {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' },
  });
}
