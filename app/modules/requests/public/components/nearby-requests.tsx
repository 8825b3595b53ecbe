import { useFetcher } from '@remix-run/react';
import { Link } from '~/components/link';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '~/components/ui/badge';
import type { RequestStatus } from '../../values';
import { MeTooButton } from './me-too';

type Nearby = {
  neighborhood: { id: string; name: string } | null;
  items: { code: string; status: RequestStatus; type: string; address: string | null; createdAt: string }[];
};

/** The intake form's fields that say where the problem is. */
const PLACE_FIELDS = new Set(['neighborhoodId', 'address']);

/**
 * "Already reported?" on the filing form (outside it: each entry's "Follow it / me too" is a form
 * of its own). The page's loader lists the open requests of the type in the reader's neighborhood,
 * so it works without JavaScript; with it, the list follows the form's neighborhood and address as
 * they change (GET /requests/nearby).
 */
export function NearbyRequests({
  typeCode,
  initial,
  signedIn,
  here,
}: {
  typeCode: string;
  initial: Nearby;
  signedIn: boolean;
  here: string;
}) {
  const { t } = useTranslation('requests');
  const fetcher = useFetcher<Nearby>();
  const { load } = fetcher;
  useEffect(() => {
    const onChange = (event: Event) => {
      const target = event.target as HTMLInputElement | HTMLSelectElement | null;
      const form = target?.form;
      if (!target || !form || !PLACE_FIELDS.has(target.name) || !form.elements.namedItem('submissionKey')) return;
      const value = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
      load(`/requests/nearby?${new URLSearchParams({ type: typeCode, neighborhood: value('neighborhoodId'), address: value('address') })}`);
    };
    document.addEventListener('change', onChange);
    return () => document.removeEventListener('change', onChange);
  }, [load, typeCode]);
  const data = fetcher.data ?? initial;
  if (!data.neighborhood) return null;
  return (
    <section aria-labelledby="nearby-heading" className="card stack">
      <h2 id="nearby-heading">{t('nearby.title')}</h2>
      <p aria-live="polite">
        {data.items.length ? t('nearby.introNeighborhood', { neighborhood: data.neighborhood.name }) : t('nearby.none')}
      </p>
      {data.items.length ? (
        <ul className="stack">
          {data.items.map((r) => (
            <li key={r.code}>
              <p>
                <Link to={`/requests/${r.code}`}>{t('nearby.open', { code: r.code })}</Link>{' '}
                <StatusBadge status={r.status} label={t(`status.${r.status}`)} />
              </p>
              {r.address ? <p>{r.address}</p> : null}
              <MeTooButton code={r.code} signedIn={signedIn} follows={false} open here={here} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
