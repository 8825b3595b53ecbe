import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import leafletStyles from 'leaflet/dist/leaflet.css';
import { StatusBadge } from '~/components/ui/badge';
import { FormErrors, GetForm, SelectField, SubmitButton } from '~/components/ui/forms';
import { Pager } from '~/components/ui/pager';
import { RelativeTime } from '~/components/ui/relative-time';
import { pageTitle } from '~/lib/meta';
import { useSchemaForm } from '~/lib/use-schema-form';
import { getLocale } from '~/modules/identity/locale.server';
import { getUser } from '~/modules/identity/session.server';
import { ListHeading } from '~/modules/requests/components/list-heading';
import { PublicRequestsMap } from '~/modules/requests/public/components/public-requests-map';
import {
  countMappedRequests,
  listPublicRequests,
  MAP_CAP,
  mapTiles,
  type PublicListItem,
  publicFilterFromUrl,
  publicFilterOptions,
} from '~/modules/requests/public/public-requests.server';
import { PUBLIC_STATUS_FILTERS, PublicListFilterSchema } from '~/modules/requests/public/public-schemas';
import { EmptyState } from '~/components/ui/empty-state';
import MapPin from 'lucide-react/icons/map-pin';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:public.title');

// Leaflet's own CSS, on the pages that draw a map only.
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }];

/**
 * The public list and map of service requests, for everyone: only published types, each request
 * with what its type's visibility allows (published.server, the rule Open311 follows too),
 * filtered through a GET form by neighborhood, type and status, 25 to a page. The map shows every
 * matching request (up to MAP_CAP) at its published position, fetched as GeoJSON
 * (requests.map[.]geojson); the list is its accessible equivalent. "My
 * requests" is at /requests/mine (an old `?after=` link of it goes there).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.has('after')) return redirect(`/requests/mine${url.search}`, 301);
  const [user, lng] = await Promise.all([getUser(request), getLocale(request)]);
  const parsed = publicFilterFromUrl(url);
  const [options, list, mapped] = await Promise.all([
    publicFilterOptions(lng),
    parsed.ok ? listPublicRequests(parsed.filter, lng) : { items: [] as PublicListItem[], page: 1, more: false },
    parsed.ok ? countMappedRequests(parsed.filter) : 0,
  ]);
  const query = (page: number) => `?${new URLSearchParams({ ...parsed.values, page: String(page) })}`;
  return json(
    {
      reply: parsed.ok ? undefined : parsed.reply,
      values: parsed.values,
      options,
      ...list,
      previous: list.page > 1 ? query(list.page - 1) : null,
      next: list.more ? query(list.page + 1) : null,
      tiles: mapTiles(),
      mapped,
      mapCap: MAP_CAP,
      signedIn: !!user,
    },
    { status: parsed.ok ? 200 : 400 },
  );
}

export default function PublicRequests() {
  const { t } = useTranslation('requests');
  const data = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(PublicListFilterSchema, { lastResult: data.reply, defaultValue: data.values, id: 'request-filter' });
  return (
    <div className="stack">
      <ListHeading title={t('public.title')} action={{ to: '/requests/new', label: t('mine.new') }} />
      <p>{t('public.intro')}</p>
      {data.signedIn ? (
        <p>
          <Link to="/requests/mine">{t('public.mine')}</Link>
        </p>
      ) : null}
      <GetForm form={form} className="filters">
        <FormErrors form={form} />
        <SelectField
          label={t('public.neighborhood')}
          field={fields.neighborhood}
          options={[{ value: '', label: t('public.anyNeighborhood') }, ...data.options.neighborhoods]}
        />
        <SelectField
          label={t('public.type')}
          field={fields.type}
          options={[{ value: '', label: t('public.anyType') }, ...data.options.types]}
        />
        <SelectField
          label={t('public.status')}
          field={fields.status}
          options={[
            { value: '', label: t('public.anyStatus') },
            ...PUBLIC_STATUS_FILTERS.map((s) => ({ value: s, label: s === 'open' ? t('public.open') : t(`status.${s}`) })),
          ]}
        />
        <div className="field">
          <SubmitButton>{t('public.show')}</SubmitButton>
        </div>
      </GetForm>
      {data.mapped ? (
        <>
          <p className="hint">
            {t('public.mapHint')}
            {data.mapped > data.mapCap ? ` ${t('public.mapCapped', { shown: data.mapCap, total: data.mapped })}` : null}
          </p>
          <PublicRequestsMap filter={data.values} tiles={data.tiles} typeNames={data.options.types} />
        </>
      ) : null}
      <h2>{t('public.results')}</h2>
      {data.items.length === 0 ? (
        <EmptyState icon={MapPin} title={data.page > 1 ? t('public.noMore') : t('public.empty')} />
      ) : (
        <ul className="cards request-list">
          {data.items.map((r) => (
            <li key={r.code} className="card">
              <h3 className="h3">
                <Link to={`/requests/${r.code}`}>{t('public.item', { code: r.code, type: r.type })}</Link>
              </h3>
              <p className="request-facts">
                <StatusBadge status={r.status} label={t(`status.${r.status}`)} />
                <span>{r.neighborhood ?? t('public.noNeighborhood')}</span>
                <RelativeTime value={r.createdAt} />
              </p>
              {r.address ? <p>{r.address}</p> : null}
            </li>
          ))}
        </ul>
      )}
      <Pager
        label={t('public.pages')}
        previous={data.previous ? { to: data.previous, label: t('public.newer') } : null}
        next={data.next ? { to: data.next, label: t('public.older') } : null}
      />
    </div>
  );
}
