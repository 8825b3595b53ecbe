import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '~/lib/format';
import { useRootData } from '~/lib/root-data';

/** One clock for every relative time on the page, ticking each minute while any is shown. */
const listeners = new Set<(now: number) => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: (now: number) => void) {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((l) => l(Date.now())), 60_000);
  return () => {
    listeners.delete(listener);
    if (!listeners.size) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time: the server's while rendering there, the browser's from hydration on, each minute. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    return subscribe(setNow);
  }, []);
  return now;
}

/**
 * A moment as people say it ("3 days ago", "hace 3 días"), with the full date and time in the
 * city's time zone on hover and for screen readers; older than a month, the date itself. The
 * server's and the browser's clocks differ by the time the page took to arrive, so the words may
 * change on hydration (suppressHydrationWarning), then follow the clock each minute.
 */
export function RelativeTime({ value }: { value: Date | string }) {
  const { i18n } = useTranslation();
  const { city } = useRootData();
  const now = useNow();
  const lng = i18n.language;
  const full = formatDateTime(value, lng, city.timeZone, 'medium');
  const relative = formatRelative(value, now, lng);
  const iso = new Date(value).toISOString();
  if (!relative) return <time dateTime={iso}>{full}</time>;
  return (
    <time dateTime={iso} title={full}>
      <span aria-hidden="true" suppressHydrationWarning>
        {relative}
      </span>
      <span className="visually-hidden">{full}</span>
    </time>
  );
}
