import { db } from '~/lib/db.server';
import type { Prisma } from '~/generated/sqlite/client';
import { localized, type LocalizedText } from '~/lib/i18n';
import { givenValues, parseWithSchema } from '~/lib/schema-parse';
import { getEnv } from '~/lib/env.server';
import { OPEN_STATUSES, type RequestStatus } from '../values';
import { PublicCodeSchema } from '../public-code';
import { asVisibility, coarsen } from '../policy';
import { neighborhoodOfAddress } from '../intake/geocode.server';
import { PublicListFilterSchema, type PublicListFilter } from './public-schemas';
import { PUBLISHED, PUBLISHED_SELECT, PUBLISHED_TYPE, publishAll, type PublishedRequest } from './published.server';

/**
 * The public list of service requests (/requests) and a request's public page: only published
 * requests (types whose visibility is not `none`), each with what its visibility allows, through
 * the same read as Open311 (published.server).
 */
export const PUBLIC_PAGE_SIZE = 25;

/** The map's tiles and credit line (MAP_TILE_URL, MAP_ATTRIBUTION), for the pages with a map. */
export function mapTiles() {
  const env = getEnv();
  return { url: env.MAP_TILE_URL, attribution: env.MAP_ATTRIBUTION };
}

/** What the list and the map show of a published request (the reader's language). */
export function listItem(p: PublishedRequest) {
  return {
    code: p.row.publicCode,
    status: p.row.status as RequestStatus,
    type: p.type.name,
    createdAt: p.row.createdAt.toISOString(),
    neighborhood: p.facts.neighborhood,
    // A summary's address is its neighborhood (policy.ts): shown once, as the neighborhood.
    address: p.type.visibility === 'full' ? p.facts.address : null,
    position: p.facts.latitude !== null && p.facts.longitude !== null ? { lat: p.facts.latitude, lng: p.facts.longitude } : null,
  };
}
export type PublicListItem = ReturnType<typeof listItem>;

/** The filter's choices: neighborhoods (by slug) and the published types, in the reader's language. */
export async function publicFilterOptions(lng: string) {
  const [neighborhoods, types] = await Promise.all([
    db().neighborhood.findMany({ select: { slug: true, name: true }, orderBy: { slug: 'asc' } }),
    db().requestType.findMany({ where: PUBLISHED_TYPE, select: { code: true, name: true } }),
  ]);
  return {
    neighborhoods: neighborhoods.map((n) => ({ value: n.slug, label: localized(n.name as LocalizedText, lng).text })),
    types: types
      .map((t) => ({ value: t.code, label: localized(t.name as LocalizedText, lng).text }))
      .sort((a, b) => a.label.localeCompare(b.label, lng)),
  };
}

/** The list's filter from the query string: the values as given, and the parsed filter or Conform's reply (400). */
export function publicFilterFromUrl(url: URL) {
  const values = givenValues(url.searchParams, ['neighborhood', 'type', 'status']);
  const submission = parseWithSchema(url.searchParams, PublicListFilterSchema);
  return submission.status === 'success'
    ? { ok: true as const, filter: submission.value, values }
    : { ok: false as const, reply: submission.reply(), values };
}

/**
 * One page of published requests, newest first, filtered by neighborhood (slug), type (code) and
 * status ('open': any open one). An unknown neighborhood or type matches nothing.
 */
function publicWhere(filter: PublicListFilter): Prisma.ServiceRequestWhereInput {
  return {
    type: { ...PUBLISHED_TYPE, ...(filter.type ? { code: filter.type } : {}) },
    ...(filter.neighborhood ? { neighborhood: { slug: filter.neighborhood } } : {}),
    ...(filter.status === 'open' ? { status: { in: [...OPEN_STATUSES] } } : filter.status ? { status: filter.status } : {}),
  };
}

export async function listPublicRequests(filter: PublicListFilter, lng: string) {
  const page = filter.page ?? 1;
  const rows = await db().serviceRequest.findMany({
    where: publicWhere(filter),
    select: PUBLISHED_SELECT,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * PUBLIC_PAGE_SIZE,
    take: PUBLIC_PAGE_SIZE + 1,
  });
  const items = (await publishAll(rows.slice(0, PUBLIC_PAGE_SIZE), lng)).map(listItem);
  return { items, page, more: rows.length > PUBLIC_PAGE_SIZE };
}

/** The most requests the map draws: the newest ones when more match (the page says so). */
export const MAP_CAP = 2000;

const located = { latitude: { not: null }, longitude: { not: null } } satisfies Prisma.ServiceRequestWhereInput;

/** How many matching published requests have a position (whether to draw the map, and whether it is capped). */
export function countMappedRequests(filter: PublicListFilter) {
  return db().serviceRequest.count({ where: { ...publicWhere(filter), ...located } });
}

/**
 * Every matching published request with a position, newest first, up to MAP_CAP, as GeoJSON
 * points (the map of /requests, whatever page of the list is shown): only the code, type code and
 * status, at the position its type's visibility allows (a summary's rounded to a block). The type's
 * name is left to the page, which has it in the reader's language, so the answer is one for all.
 */
export async function publicMapFeatures(filter: PublicListFilter) {
  const [rows, types] = await Promise.all([
    db().serviceRequest.findMany({
      where: { ...publicWhere(filter), ...located },
      select: { publicCode: true, status: true, typeId: true, latitude: true, longitude: true },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: MAP_CAP,
    }),
    db().requestType.findMany({ where: PUBLISHED_TYPE, select: { id: true, code: true, publicVisibility: true } }),
  ]);
  const typeById = new Map(types.map((t) => [t.id, { code: t.code, visibility: asVisibility(t.publicVisibility) }]));
  return {
    type: 'FeatureCollection' as const,
    features: rows.flatMap((row) => {
      const type = typeById.get(row.typeId);
      if (!type || row.latitude === null || row.longitude === null) return [];
      const exact = type.visibility === 'full';
      const [lat, lng] = exact ? [row.latitude, row.longitude] : [coarsen(row.latitude)!, coarsen(row.longitude)!];
      return [
        {
          type: 'Feature' as const,
          geometry: { type: 'Point' as const, coordinates: [lng, lat] as [number, number] },
          properties: { code: row.publicCode, type: type.code, status: row.status as RequestStatus },
        },
      ];
    }),
  };
}
export type PublicMapFeatures = Awaited<ReturnType<typeof publicMapFeatures>>;

/** A published request by its code, as the public sees it; null when unknown or not published. */
export async function getPublicRequest(rawCode: string | undefined, lng: string) {
  const code = PublicCodeSchema.safeParse(rawCode ?? '');
  if (!code.success) return null;
  const row = await db().serviceRequest.findFirst({ where: { publicCode: code.data, ...PUBLISHED }, select: PUBLISHED_SELECT });
  const [published] = row ? await publishAll([row], lng) : [];
  if (!published) return null;
  return {
    ...listItem(published),
    id: published.row.id,
    visibility: published.type.visibility,
    facts: published.facts,
    agency: published.agency,
  };
}

/** How many open requests "Already reported?" lists. */
const NEARBY = 5;

/**
 * "Already reported?": the open published requests of a type in the neighborhood of the place being
 * reported (the neighborhood of a typed address on the city's list, else the one chosen), newest
 * first. Nothing until a neighborhood is known: the city has no finer geography to compare.
 */
export async function nearbyOpenRequests(args: { typeCode: string; neighborhoodId?: string | null; address?: string | null }, lng: string) {
  const neighborhoodId = (await neighborhoodOfAddress(args.address)) ?? args.neighborhoodId ?? null;
  const neighborhood = neighborhoodId
    ? await db().neighborhood.findUnique({ where: { id: neighborhoodId }, select: { id: true, name: true } })
    : null;
  if (!neighborhood) return { neighborhood: null, items: [] as PublicListItem[] };
  const rows = await db().serviceRequest.findMany({
    where: { type: { ...PUBLISHED_TYPE, code: args.typeCode }, neighborhoodId: neighborhood.id, status: { in: [...OPEN_STATUSES] } },
    select: PUBLISHED_SELECT,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: NEARBY,
  });
  return {
    neighborhood: { id: neighborhood.id, name: localized(neighborhood.name as LocalizedText, lng).text },
    items: (await publishAll(rows, lng)).map(listItem),
  };
}
export type NearbyRequests = Awaited<ReturnType<typeof nearbyOpenRequests>>;

/**
 * Where the filing form's map starts before a pin or a location: the middle of the published
 * positions (rounded as the public sees them), or null when there are none.
 */
export async function mapCenter(): Promise<{ lat: number; lng: number } | null> {
  const avg = await db().serviceRequest.aggregate({
    where: { ...PUBLISHED, latitude: { not: null }, longitude: { not: null } },
    _avg: { latitude: true, longitude: true },
  });
  const { latitude, longitude } = avg._avg;
  return latitude === null || longitude === null ? null : { lat: coarsen(latitude)!, lng: coarsen(longitude)! };
}
