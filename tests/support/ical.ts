import ICAL from 'ical.js';

/** The events of an iCalendar document as an independent parser (ical.js) reads them. */
export function eventsOf(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    name: String(calendar.getFirstPropertyValue('x-wr-calname') ?? calendar.getFirstPropertyValue('name') ?? ''),
    events: calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        summary: event.summary,
        description: event.description,
        location: event.location,
        start: event.startDate.toJSDate(),
        end: event.endDate.toJSDate(),
        /** Whether the time was written in UTC (…Z): apps then place it right in any zone */
        utc: event.startDate.zone === ICAL.Timezone.utcTimezone,
        status: String(vevent.getFirstPropertyValue('status') ?? ''),
        url: String(vevent.getFirstPropertyValue('url') ?? ''),
      };
    }),
  };
}
