import { db, inChunks } from '~/lib/db.server';
import type { Prisma } from '~/generated/sqlite/client';
import { localized } from '~/lib/i18n';
import { asVisibility, publicFacts, type PublicFacts } from '../policy';
import type { PublicVisibility } from '../values';

/**
 * The one read of what the public sees of service requests, shared by Open311 and the public
 * pages (/requests, a request's public page): which rows are published and, for each, the facts its
 * type's visibility allows (policy.ts publicFacts; docs/decisions/0016-public-request-visibility.md).
 */
export const PUBLISHED_SELECT = {
  id: true,
  publicCode: true,
  status: true,
  description: true,
  address: true,
  addressId: true,
  latitude: true,
  longitude: true,
  mediaUrl: true,
  neighborhoodId: true,
  createdAt: true,
  updatedAt: true,
  dueAt: true,
  typeId: true,
  departmentId: true,
} satisfies Prisma.ServiceRequestSelect;

/** Requests of types whose visibility is `none` are not published: as if they did not exist. */
export const PUBLISHED_TYPE = { publicVisibility: { not: 'none' } } satisfies Prisma.RequestTypeWhereInput;
export const PUBLISHED = { type: PUBLISHED_TYPE } satisfies Prisma.ServiceRequestWhereInput;

/** A request as PUBLISHED_SELECT reads it. */
export type PublishedRow = Prisma.ServiceRequestGetPayload<{ select: typeof PUBLISHED_SELECT }>;

/** A published request: its row (for codes, status and times only), its type and department, and its public facts. */
export type PublishedRequest = {
  row: PublishedRow;
  type: { code: string; name: string; visibility: PublicVisibility };
  agency: string;
  facts: PublicFacts;
};

/**
 * The latest public note of each request (`status_notes`): internal notes never leave the staff
 * pages. One query for the whole list rather than Prisma's per-request subquery (`take: 1` on the
 * relation), which went over SQLite's bound-value limit for a list of 1,000.
 */
async function latestPublicNotes(ids: string[]) {
  const events = await inChunks(ids, (part) =>
    db().requestEvent.findMany({
      where: { requestId: { in: part }, public: true, note: { not: null } },
      select: { requestId: true, note: true },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    }),
  );
  const notes = new Map<string, string>();
  for (const e of events) if (!notes.has(e.requestId)) notes.set(e.requestId, e.note!);
  return notes;
}

/**
 * Each row as its type's public visibility allows (rows of `none` types are left out, should one
 * get here). Type, department and neighborhood names come from the whole (small) catalog, read
 * once per call and localized once, rather than as relations of every row: for a list of 1,000,
 * Prisma's stitching of relations cost more than the query itself.
 */
export async function publishAll(rows: PublishedRow[], lng: string): Promise<PublishedRequest[]> {
  if (!rows.length) return [];
  const [notes, types, departments, neighborhoods] = await Promise.all([
    latestPublicNotes(rows.map((r) => r.id)),
    db().requestType.findMany({ select: { id: true, code: true, name: true, publicVisibility: true } }),
    db().department.findMany({ select: { id: true, name: true } }),
    db().neighborhood.findMany({ select: { id: true, name: true } }),
  ]);
  const typeById = new Map(
    types.map((t) => [t.id, { code: t.code, name: localized(t.name, lng).text, visibility: asVisibility(t.publicVisibility) }]),
  );
  const departmentName = new Map(departments.map((d) => [d.id, localized(d.name, lng).text]));
  const neighborhoodName = new Map(neighborhoods.map((n) => [n.id, localized(n.name, lng).text]));
  return rows.flatMap((row) => {
    const type = typeById.get(row.typeId)!;
    const facts = publicFacts(type.visibility, {
      description: row.description,
      address: row.address,
      addressId: row.addressId,
      latitude: row.latitude,
      longitude: row.longitude,
      mediaUrl: row.mediaUrl,
      note: notes.get(row.id) ?? null,
      neighborhood: (row.neighborhoodId && neighborhoodName.get(row.neighborhoodId)) || null,
    });
    return facts ? [{ row, type, agency: departmentName.get(row.departmentId) ?? '', facts }] : [];
  });
}
