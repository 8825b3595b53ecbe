import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Leaflet from 'leaflet';
import { useHydrated } from '~/lib/use-hydrated';

/** A request on the map: its public position and the link its popup opens. */
export type MapMarker = { code: string; label: string; lat: number; lng: number; href: string };
export type MapTiles = { url: string; attribution: string };
type Point = { lat: number; lng: number };

/** With no marker to frame, the map shows this much of the world until a pin or a location is set. */
const WORLD_ZOOM = 2;
const PIN_ZOOM = 17;
const CITY_ZOOM = 13;

/**
 * A Leaflet map (progressive enhancement: without JavaScript it is not drawn at all, and the page's
 * list or address field is the way). Leaflet is loaded in an effect (`import('leaflet')`), so it
 * never runs on the server and only map pages download it. The container is a labelled region;
 * markers are circles (no icon images to fetch) whose popups link to the request. With `onPick`,
 * a tap or click sets the pin (the filing form's latitude and longitude), and `pin` moves it.
 */
export function RequestsMap({
  label,
  tiles,
  markers,
  center = null,
  pin,
  onPick,
}: {
  label: string;
  tiles: MapTiles;
  markers: MapMarker[];
  /** Where to look when there is no marker to frame. */
  center?: Point | null;
  pin?: Point | null;
  onPick?: (point: Point) => void;
}) {
  const { t } = useTranslation('requests');
  const container = useRef<HTMLElement>(null);
  const map = useRef<Leaflet.Map | null>(null);
  const pinLayer = useRef<Leaflet.CircleMarker | null>(null);
  const leaflet = useRef<typeof Leaflet | null>(null);
  const ready = useHydrated();
  const pick = useRef(onPick);
  pick.current = onPick;

  const markerKey = JSON.stringify(markers);

  useEffect(() => {
    if (!ready || !container.current) return;
    let cancelled = false;
    void import('leaflet').then((module) => {
      const L = ((module as { default?: typeof Leaflet }).default ?? module) as typeof Leaflet;
      if (cancelled || !container.current) return;
      leaflet.current = L;
      const m = L.map(container.current, { zoomControl: false, attributionControl: false });
      L.control.zoom({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(m);
      L.control.attribution({ prefix: false }).addTo(m);
      L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19 }).addTo(m);
      // Leaflet words its popups' close button in English only; it is named in the reader's language.
      m.on('popupopen', (event: Leaflet.PopupEvent) => {
        event.popup.getElement()?.querySelector('.leaflet-popup-close-button')?.setAttribute('aria-label', t('map.closePopup'));
      });
      for (const marker of markers) {
        const link = document.createElement('a');
        link.href = marker.href;
        link.textContent = marker.label;
        L.circleMarker([marker.lat, marker.lng], { radius: 9, weight: 2, className: 'map-marker' }).bindPopup(link).addTo(m);
      }
      if (markers.length) m.fitBounds(L.latLngBounds(markers.map((p) => [p.lat, p.lng] as [number, number])).pad(0.2), { maxZoom: 16 });
      else if (center) m.setView([center.lat, center.lng], CITY_ZOOM);
      else m.setView([0, 0], WORLD_ZOOM);
      m.on('click', (event: Leaflet.LeafletMouseEvent) => {
        if (!pick.current) return;
        const point = { lat: round(event.latlng.lat), lng: round(event.latlng.lng) };
        pick.current(point);
      });
      map.current = m;
    });
    return () => {
      cancelled = true;
      map.current?.remove();
      map.current = null;
      pinLayer.current = null;
    };
    // Drawn again only when the page's data brings other markers (a new filter), compared by value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, tiles.url, tiles.attribution, markerKey, center?.lat, center?.lng]);

  useEffect(() => {
    const L = leaflet.current;
    const m = map.current;
    if (!L || !m) return;
    pinLayer.current?.remove();
    pinLayer.current = pin ? L.circleMarker([pin.lat, pin.lng], { radius: 10, weight: 3, className: 'map-pin' }).addTo(m) : null;
    if (pin) m.setView([pin.lat, pin.lng], Math.max(m.getZoom(), PIN_ZOOM));
  }, [pin]);

  // A labelled <section> is a region landmark.
  return <section ref={container} aria-label={label} className="map" hidden={!ready} data-markers={markers.length} />;
}

/** Six decimals (about 10 cm): what a tap can mean, and what the form's fields take. */
const round = (degrees: number) => Math.round(degrees * 1e6) / 1e6;
