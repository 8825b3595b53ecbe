import { useRevalidator } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import type { LiveEvent } from './client';

/**
 * Subscribes a component to realtime rooms while it is mounted. `since` is the last event id
 * the page's data already includes (from the loader), so nothing is applied twice or missed.
 * When more was missed than the server replays, the page's data is reloaded instead.
 */
export function useLive(rooms: readonly string[], since: number, onEvent: (event: LiveEvent) => void) {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const revalidator = useRevalidator();
  const reload = useRef(revalidator.revalidate);
  reload.current = revalidator.revalidate;
  const key = rooms.join('|');
  useEffect(() => {
    let stop: (() => void)[] = [];
    let cancelled = false;
    void import('./client').then(({ listen }) => {
      if (cancelled) return;
      const listener = { onEvent: (e: LiveEvent) => handler.current(e), onReload: () => reload.current() };
      stop = key
        .split('|')
        .filter(Boolean)
        .map((room) => listen(room, listener, since));
    });
    return () => {
      cancelled = true;
      for (const s of stop) s();
    };
  }, [key, since]);
}
