import { useRevalidator } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLive } from '~/modules/realtime/use-live';

/**
 * "This request was updated" (LiveBanner-style): events in the request's room are announced in a
 * polite live region with a button that loads the new state; the page never moves by itself.
 * Without JavaScript or a socket the page is simply current on reload.
 */
export function RequestLiveNotice({ requestId, since }: { requestId: string; since: number }) {
  const { t } = useTranslation('requests');
  const revalidator = useRevalidator();
  const [pending, setPending] = useState(0);
  useLive([`request:${requestId}`], since, () => setPending((n) => n + 1));
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
          {t('track.updated')}
        </button>
      ) : null}
    </div>
  );
}
