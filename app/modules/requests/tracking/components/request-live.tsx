import { LiveBanner } from '~/modules/channels/components/live-banner';

/**
 * "This request was updated": events in the request's room are announced with a button that
 * loads the new state; the page never moves by itself. Without JavaScript or a socket the page
 * is simply current on reload.
 */
export function RequestLiveNotice({ requestId, since }: { requestId: string; since: number }) {
  return <LiveBanner rooms={[`request:${requestId}`]} since={since} messageKey="requests:track.updated" />;
}
