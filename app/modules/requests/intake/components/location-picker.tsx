import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestsMap, type MapTiles } from '../../public/components/requests-map';
import { useHydrated } from '~/lib/use-hydrated';

type Point = { lat: number; lng: number };

/**
 * The filing form's map (JavaScript only; without it the typed address and the coordinate fields
 * are the way): a tap sets the pin, "Use my location" asks the browser (navigator.geolocation),
 * and either fills the form's latitude and longitude fields, which the server validates as typed.
 */
export function LocationPicker({ tiles, center }: { tiles: MapTiles; center: Point | null }) {
  const { t } = useTranslation('requests');
  const box = useRef<HTMLDivElement>(null);
  const [pin, setPin] = useState<Point | null>(null);
  const [status, setStatus] = useState('');
  const ready = useHydrated();
  const place = (point: Point) => {
    const form = box.current?.closest('form');
    for (const [name, value] of [
      ['latitude', point.lat],
      ['longitude', point.lng],
    ] as const) {
      const input = form?.elements.namedItem(name) as HTMLInputElement | null;
      if (input) input.value = String(value);
    }
    setPin(point);
    setStatus(t('map.pinned', { latitude: point.lat, longitude: point.lng }));
  };
  const locate = () => {
    if (!navigator.geolocation) return setStatus(t('map.locationFailed'));
    setStatus(t('map.locating'));
    navigator.geolocation.getCurrentPosition(
      (position) => place({ lat: round(position.coords.latitude), lng: round(position.coords.longitude) }),
      () => setStatus(t('map.locationFailed')),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };
  if (!ready) return null;
  return (
    <div ref={box} className="stack location-picker">
      <p className="hint">{t('map.pickHint')}</p>
      <RequestsMap label={t('map.pick')} tiles={tiles} markers={[]} center={center} pin={pin} onPick={place} />
      <p>
        <button type="button" className="button button-secondary" onClick={locate}>
          {t('map.useLocation')}
        </button>
      </p>
      <p role="status">{status}</p>
    </div>
  );
}

const round = (degrees: number) => Math.round(degrees * 1e6) / 1e6;
