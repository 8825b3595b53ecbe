import { useRevalidator } from '@remix-run/react';
import type { EventType } from '../names';
import { useLive } from '../use-live';

/**
 * Reloads the page's data when one of these events arrives in these rooms, for pages whose
 * figures or statuses change elsewhere (a survey's results, the requests listed on a meeting's
 * minutes). The page stays right without it: a reload shows the same.
 */
export function ReloadOn({ rooms, types, since }: { rooms: readonly string[]; types: readonly EventType[]; since: number }) {
  const revalidator = useRevalidator();
  useLive(rooms, since, (event) => {
    if (types.includes(event.type)) revalidator.revalidate();
  });
  return null;
}
