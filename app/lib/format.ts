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

export function formatDateTime(value: Date | string, lng: string, timeZone: string, style: 'short' | 'medium' | 'long' = 'medium') {
  return dateFormat(lng, { dateStyle: style, timeStyle: 'short', timeZone }).format(new Date(value));
}

export function formatDate(value: Date | string, lng: string, timeZone: string, style: 'short' | 'medium' | 'long' | 'full' = 'long') {
  return dateFormat(lng, { dateStyle: style, timeZone }).format(new Date(value));
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

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long ago, in whole days ("today", "yesterday", "3 days ago"; "hoy", "ayer", "hace 3 días"),
 * counted from `now` (the server's, sent with the page, so the browser draws the same words).
 */
export function formatAge(value: Date | string, now: Date | string, lng: string) {
  const key = `r|${lng}`;
  let f = cache.get(key) as Intl.RelativeTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.RelativeTimeFormat(lng, { numeric: 'auto' })));
  const days = Math.floor((new Date(now).getTime() - new Date(value).getTime()) / DAY_MS);
  return f.format(-Math.max(0, days), 'day');
}
