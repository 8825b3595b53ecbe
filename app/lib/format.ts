/** Dates and numbers through Intl, in the city's time zone and the reader's language. */
export function formatDateTime(value: Date | string, lng: string, timeZone: string, style: 'short' | 'medium' | 'long' = 'medium') {
  return new Intl.DateTimeFormat(lng, { dateStyle: style, timeStyle: 'short', timeZone }).format(new Date(value));
}

export function formatDate(value: Date | string, lng: string, timeZone: string, style: 'short' | 'medium' | 'long' = 'long') {
  return new Intl.DateTimeFormat(lng, { dateStyle: style, timeZone }).format(new Date(value));
}

export function formatNumber(value: number, lng: string) {
  return new Intl.NumberFormat(lng).format(value);
}

export function monthName(month: number, lng: string) {
  return new Intl.DateTimeFormat(lng, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));
}
