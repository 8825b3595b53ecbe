import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { publicFilterFromUrl, publicMapFeatures } from '~/modules/requests/public/public-requests.server';

/**
 * GET /requests/map.geojson?neighborhood=&type=&status=: the map of /requests, every matching
 * published request with a position (not only the list's page), as GeoJSON. Public and the same
 * for everyone, so shared caches may keep it a minute; a malformed filter is a 400.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = publicFilterFromUrl(new URL(request.url));
  if (!parsed.ok) return json({ type: 'FeatureCollection', features: [] }, { status: 400, headers: { 'Cache-Control': 'no-store' } });
  return json(await publicMapFeatures(parsed.filter), {
    headers: { 'Content-Type': 'application/geo+json; charset=utf-8', 'Cache-Control': 'public, max-age=60' },
  });
}
