import { useEffect, useRef } from 'react';
import type { LiveEvent } from './client';

/**
 * Subscribes a component to realtime rooms while it is mounted. `since` is the last event id
 * the page's data already includes (from the loader), so nothing is applied twice or missed.
 */
export function useLive(rooms: string[], since: number, onEvent: (event: LiveEvent) => void) {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = rooms.join('|');
  useEffect(() => {
    let stop: (() => void)[] = [];
    let cancelled = false;
    void import('./client').then(({ listen }) => {
      if (cancelled) return;
      stop = key.split('|').filter(Boolean).map((room) => listen(room, (e) => handler.current(e), since));
    });
    return () => {
      cancelled = true;
      for (const s of stop) s();
    };
  }, [key, since]);
}
