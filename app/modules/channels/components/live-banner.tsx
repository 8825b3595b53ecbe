import { useRevalidator } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveEvent } from '~/modules/realtime/client';
import type { EventType } from '~/modules/realtime/names';
import { useLive } from '~/modules/realtime/use-live';

/**
 * "N new replies" instead of moving the page: counts live events of the given types (all of them
 * without `countTypes`) and offers to show them (re-loading the page data); other events (edits,
 * reactions) refresh quietly, except `inPlaceTypes`, which a part of the page applies itself (a
 * poll's counts). `messageKey` is in the channels namespace unless it names another.
 */
export function LiveBanner({
  rooms,
  since,
  countTypes,
  inPlaceTypes = [],
  messageKey,
}: {
  rooms: string[];
  since: number;
  countTypes?: readonly EventType[];
  inPlaceTypes?: readonly EventType[];
  messageKey: string;
}) {
  const { t } = useTranslation('channels');
  const revalidator = useRevalidator();
  const [pending, setPending] = useState(0);
  // Fresh page data (a revalidation, or the reload after a long absence) already shows them.
  useEffect(() => setPending(0), [since]);
  useLive(rooms, since, (event: LiveEvent) => {
    if (inPlaceTypes.includes(event.type)) return;
    if (!countTypes || countTypes.includes(event.type)) setPending((n) => n + 1);
    else if (revalidator.state === 'idle') revalidator.revalidate();
  });
  return (
    <div aria-live="polite" className="live-region">
      {pending > 0 ? (
        <button
          type="button"
          className="button live-banner"
          onClick={() => {
            setPending(0);
            revalidator.revalidate();
          }}
        >
          {t(messageKey, { count: pending })}
        </button>
      ) : null}
    </div>
  );
}
