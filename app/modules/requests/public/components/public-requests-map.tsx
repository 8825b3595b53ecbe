import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicMapFeatures } from '../public-requests.server';
import { RequestsMap, type MapTiles } from './requests-map';

/**
 * The map of /requests: every matching request with a position, fetched as GeoJSON
 * (/requests/map.geojson with the list's filter) once the page runs, so the list's HTML stays one
 * page long. Without JavaScript there is no map (RequestsMap), and the list is the way.
 */
export function PublicRequestsMap({
  filter,
  tiles,
  typeNames,
}: {
  /** The list's filter as given (neighborhood, type, status). */
  filter: Record<string, string>;
  tiles: MapTiles;
  /** Type code → name in the reader's language (the filter's choices). */
  typeNames: { value: string; label: string }[];
}) {
  const { t } = useTranslation('requests');
  const [features, setFeatures] = useState<PublicMapFeatures['features']>([]);
  const query = new URLSearchParams(Object.entries(filter).filter(([key, value]) => key !== 'page' && value !== '')).toString();
  useEffect(() => {
    // A plain fetch: Remix's fetcher reads only application/json, and this is application/geo+json.
    const abort = new AbortController();
    fetch(`/requests/map.geojson?${query}`, { signal: abort.signal })
      .then((res) => (res.ok ? (res.json() as Promise<PublicMapFeatures>) : null))
      .then((data) => data && setFeatures(data.features))
      .catch(() => undefined); // an aborted or failed load leaves the map as it was: the list is there
    return () => abort.abort();
  }, [query]);
  const markers = useMemo(() => {
    const names = new Map(typeNames.map((o) => [o.value, o.label]));
    return features.map(({ geometry, properties: p }) => ({
      code: p.code,
      label: t('public.item', { code: p.code, type: names.get(p.type) ?? p.type }),
      lat: geometry.coordinates[1],
      lng: geometry.coordinates[0],
      href: `/requests/${p.code}`,
    }));
  }, [features, typeNames, t]);
  return <RequestsMap label={t('public.map')} tiles={tiles} markers={markers} />;
}
