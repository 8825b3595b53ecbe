/**
 * Calendar dates in the city's time zone. A filter "from 2025-03-09" means midnight in the city,
 * not in UTC; these helpers turn such a date into the UTC instant it starts at (DST-aware).
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** One formatter per zone: building one costs far more than using it (imports convert thousands of dates). */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC (in ms) at a given instant. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The calendar day (YYYY-MM-DD) an instant falls on in the time zone. */
export function dateIn(instant: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The instant a calendar day (YYYY-MM-DD) begins in the time zone; `addDays` moves the day first. */
export function startOfDayIn(date: string, timeZone: string, addDays = 0): Date {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return wallTimeIn({ year: +m[1], month: +m[2], day: +m[3] + addDays }, timeZone);
}

/** The instant a wall-clock time (as read on a clock in the time zone) stands for. */
export function wallTimeIn(
  t: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number },
  timeZone: string,
): Date {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour ?? 0, t.minute ?? 0, t.second ?? 0);
  // Two passes settle the offset across a DST change.
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant an `<input type="datetime-local">` value (`2026-03-09T18:30`) stands for as read on
 * a clock in the time zone, or null for a value that is no such time (a 31st of April, 25:00).
 */
export function localDateTimeIn(value: string, timeZone: string): Date | null {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m || !isIsoDate(`${m[1]}-${m[2]}-${m[3]}`) || +m[4] > 23 || +m[5] > 59 || +(m[6] ?? 0) > 59) return null;
  return wallTimeIn({ year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +(m[6] ?? 0) }, timeZone);
}

/** The wall-clock time (YYYY-MM-DDTHH:MM, as a datetime-local input shows it) of an instant in the time zone. */
export function wallTimeOf(instant: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}
