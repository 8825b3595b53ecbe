import { LRUCache } from 'lru-cache';
import { db } from '~/lib/db.server';
import { supportedLanguages, type LocalizedText } from '~/lib/i18n';

export type CitySettings = {
  name: string;
  timeZone: string;
  defaultLocale: string;
  fiscalYearStartMonth: number;
  moderatorsMayPromote: boolean;
  /** ISO 4217: the default currency of budget processes and budget facts */
  currency: string;
  /** The accent colour (#rrggbb) the admin chose, or null for the default */
  accentColor: string | null;
  /** The logo's Attachment id (the version in its URL), or null for the generic mark */
  logoId: string | null;
};

/**
 * The city's settings, kept 10 s per process: nearly every request reads them and an admin
 * changes them a few times a year. This process forgets them at once on a change (forgetCity),
 * other processes sharing the database within the 10 s.
 */
const kept = new LRUCache<'city', CitySettings>({ max: 1, ttl: 10_000 });

/** The city's settings; a fresh, unseeded database gets neutral defaults until an admin sets them. */
export async function getCity(): Promise<CitySettings> {
  const found = kept.get('city');
  if (found) return found;
  const row = await db().city.findUnique({
    where: { id: 1 },
    select: {
      name: true,
      timeZone: true,
      defaultLocale: true,
      fiscalYearStartMonth: true,
      moderatorsMayPromote: true,
      currency: true,
      accentColor: true,
      logoId: true,
    },
  });
  const city = row ?? {
    name: 'Townsquare',
    timeZone: 'UTC',
    defaultLocale: 'en',
    fiscalYearStartMonth: 1,
    moderatorsMayPromote: false,
    currency: 'USD',
    accentColor: null,
    logoId: null,
  };
  kept.set('city', city);
  return city;
}

/** The city's contact details (the contact page and City settings): read when asked, never kept. */
export async function getCityContact() {
  const row = await db().city.findUnique({
    where: { id: 1 },
    select: { contactEmail: true, contactPhone: true, contactAddress: true, openingHours: true },
  });
  return {
    email: row?.contactEmail ?? null,
    phone: row?.contactPhone ?? null,
    address: row?.contactAddress ?? null,
    openingHours: (row?.openingHours ?? null) as LocalizedText | null,
  };
}

/** Drops the kept settings (after an update commits). */
export function forgetCity() {
  kept.clear();
}

/** Neighborhoods as choices for a form (id and localized name), in slug order. */
export async function neighborhoodOptions() {
  const rows = await db().neighborhood.findMany({ select: { id: true, slug: true, name: true }, orderBy: { slug: 'asc' } });
  return rows.map((n) => ({ id: n.id, slug: n.slug, name: n.name as LocalizedText }));
}

/** Each neighborhood's listed streets (the promote page suggests a post's place from them). */
export async function neighborhoodStreets() {
  return db().neighborhood.findMany({ select: { id: true, streets: true } });
}

export async function neighborhoodExists(id: string) {
  return !!(await db().neighborhood.findUnique({ where: { id }, select: { id: true } }));
}

export async function listNeighborhoods() {
  const rows = await db().neighborhood.findMany({
    select: { id: true, slug: true, name: true, description: true, streets: true, _count: { select: { users: true } } },
    orderBy: { slug: 'asc' },
  });
  return rows.map(({ _count, ...n }) => ({
    ...n,
    name: n.name as LocalizedText,
    description: (n.description ?? null) as LocalizedText | null,
    residents: _count.users,
  }));
}

export async function listDepartments() {
  const rows = await db().department.findMany({ select: { id: true, slug: true, name: true, email: true }, orderBy: { slug: 'asc' } });
  return rows.map((d) => ({ ...d, name: d.name as LocalizedText }));
}

/** Block-watch groups have one name (their members chose it), shown as is in every language. */
export function groupName(name: string): LocalizedText {
  return Object.fromEntries(supportedLanguages.map((lang) => [lang, name]));
}

/** Channels and groups that roles can be scoped to, for the role-grant form. */
export async function listScopes() {
  const [channels, groups, departments] = await Promise.all([
    db().channel.findMany({ select: { id: true, name: true }, orderBy: { slug: 'asc' } }),
    db().blockWatchGroup.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    listDepartments(),
  ]);
  return {
    channel: channels.map((c) => ({ id: c.id, name: c.name as LocalizedText })),
    group: groups.map((g) => ({ id: g.id, name: groupName(g.name) })),
    department: departments.map((d) => ({ id: d.id, name: d.name })),
  };
}

/** One neighborhood for its edit page, or null. */
export async function getNeighborhood(id: string) {
  const n = await db().neighborhood.findUnique({
    where: { id },
    select: { id: true, slug: true, name: true, description: true, streets: true, _count: { select: { users: true } } },
  });
  if (!n) return null;
  const { _count, ...rest } = n;
  return { ...rest, name: n.name as LocalizedText, description: (n.description ?? null) as LocalizedText | null, residents: _count.users };
}

/** One department for its edit page, or null. */
export async function getDepartment(id: string) {
  const d = await db().department.findUnique({ where: { id }, select: { id: true, slug: true, name: true, email: true } });
  return d && { ...d, name: d.name as LocalizedText };
}
