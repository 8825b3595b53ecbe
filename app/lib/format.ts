/**
 * Dates and numbers through Intl, in the city's time zone and the reader's language. Intl
 * formatters are costly to build, so each combination is built once and reused.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function dateFormat(lng: string, options: Intl.DateTimeFormatOptions) {
  const key = `d|${lng}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(lng, options)));
  return f;
}

/**
 * Formatted text by formatter and instant. Pages show the same moments to every reader (a thread
 * page has 50), and Intl's format costs microseconds each; the set is bounded, emptied when full.
 */
const formatted = new Map<string, string>();
const FORMATTED_MAX = 20_000;

function remembered(key: string, format: () => string) {
  let text = formatted.get(key);
  if (text === undefined) {
    if (formatted.size >= FORMATTED_MAX) formatted.clear();
    formatted.set(key, (text = format()));
  }
  return text;
}

export function formatDateTime(value: Date | string, lng: string, timeZone: string, style: 'short' | 'medium' | 'long' = 'medium') {
  const date = new Date(value);
  return remembered(`dt|${style}|${lng}|${timeZone}|${date.getTime()}`, () =>
    dateFormat(lng, { dateStyle: style, timeStyle: 'short', timeZone }).format(date),
  );
}

export function formatDate(value: Date | string, lng: string, timeZone: string, style: 'short' | 'medium' | 'long' | 'full' = 'long') {
  const date = new Date(value);
  return remembered(`d|${style}|${lng}|${timeZone}|${date.getTime()}`, () => dateFormat(lng, { dateStyle: style, timeZone }).format(date));
}

/**
 * Two times of one day as a span ("6:30 PM – 8:00 PM", "18:30 – 20:00"); one time when they are
 * equal. Not Intl's formatRange: its spacing differs between Node's and browsers' ICU, which breaks
 * hydration.
 */
export function formatTimeRange(start: Date | string, end: Date | string, lng: string, timeZone: string) {
  const f = dateFormat(lng, { timeStyle: 'short', timeZone });
  const a = new Date(start);
  const b = new Date(end);
  return a.getTime() === b.getTime() ? f.format(a) : `${f.format(a)} – ${f.format(b)}`;
}

export function formatNumber(value: number, lng: string) {
  const key = `n|${lng}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(lng)));
  return f.format(value);
}

export function monthName(month: number, lng: string) {
  return dateFormat(lng, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));
}

/**
 * A share (0…1) as a percentage in the reader's language, with at most `digits` decimals
 * ("42.5%", "42,5 %"; a poll's whole "43 %").
 */
export function formatPercent(share: number, lng: string, digits = 1) {
  const key = `p${digits}|${lng}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(lng, { style: 'percent', maximumFractionDigits: digits })));
  return f.format(share);
}

const RELATIVE_STEPS: [limit: number, unit: Intl.RelativeTimeFormatUnit, size: number][] = [
  [60, 'second', 1],
  [3600, 'minute', 60],
  [86_400, 'hour', 3600],
  [7 * 86_400, 'day', 86_400],
  [35 * 86_400, 'week', 7 * 86_400],
];

/**
 * How long ago (or how soon) `value` is from `now`, in the reader's language ("3 days ago",
 * "hace 3 días", "in 2 hours", "now"); null beyond about a month, where a date says more.
 */
export function formatRelative(value: Date | string, now: number, lng: string): string | null {
  const seconds = (new Date(value).getTime() - now) / 1000;
  const step = RELATIVE_STEPS.find(([limit]) => Math.abs(seconds) < limit);
  if (!step) return null;
  const [, unit, size] = step;
  // Under a minute is "now": seconds ticking by say nothing on a page read for minutes.
  const count = unit === 'second' ? 0 : Math.trunc(seconds / size);
  return remembered(`r|${lng}|${unit}|${count}`, () => {
    const key = `r|${lng}`;
    let f = cache.get(key) as Intl.RelativeTimeFormat | undefined;
    if (!f) cache.set(key, (f = new Intl.RelativeTimeFormat(lng, { numeric: 'auto' })));
    return f.format(count, unit);
  });
}
