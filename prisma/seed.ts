import type { Db } from '~/lib/db.server';
import { hashPassword } from '~/modules/identity/password.server';

/**
 * The demo city, Arroyo Verde (fictional). Loaded into an empty database on first start, never
 * over existing data. Later areas add their demo content here. Demo passwords exist only here.
 */
export const DEMO_PASSWORD = 'arroyo-verde-demo';
export const DEMO_ACCOUNTS = [
  { email: 'admin@arroyoverde.example', displayName: 'Ana Admin', role: 'admin', locale: 'en' },
  { email: 'staff@arroyoverde.example', displayName: 'Samuel Ortiz (staff)', role: 'staff', locale: 'en' },
  { email: 'moderator@arroyoverde.example', displayName: 'Marta Reyes', role: 'moderator', locale: 'es' },
  { email: 'captain@arroyoverde.example', displayName: 'Carlos Mendoza', role: 'captain', locale: 'es' },
  { email: 'liaison@arroyoverde.example', displayName: 'Lucía Park (Public Works)', role: 'liaison', locale: 'en' },
  { email: 'resident@arroyoverde.example', displayName: 'Rosa Delgado', role: null, locale: 'es' },
] as const;

const NEIGHBORHOODS = [
  {
    slug: 'riverside',
    name: { en: 'Riverside', es: 'La Ribera' },
    description: {
      en: 'Homes and small shops along the Arroyo, from the footbridge to Mill Street.',
      es: 'Casas y pequeños comercios a lo largo del arroyo, desde el puente peatonal hasta la calle Mill.',
    },
    streets: 'River Rd, Mill St, Willow Ave, Bridge St',
  },
  {
    slug: 'las-flores',
    name: { en: 'Las Flores', es: 'Las Flores' },
    description: {
      en: 'A family neighborhood around Flores Park and the Saturday market.',
      es: 'Un barrio familiar alrededor del parque Las Flores y el mercado de los sábados.',
    },
    streets: 'Calle Rosa, Calle Jazmín, Orchard Ave, 5th St',
  },
  {
    slug: 'old-town',
    name: { en: 'Old Town', es: 'Centro Histórico' },
    description: {
      en: 'The historic center: City Hall, the library and the plaza.',
      es: 'El centro histórico: el Ayuntamiento, la biblioteca y la plaza.',
    },
    streets: 'Main St, Plaza Way, Church St, 1st–4th St',
  },
  {
    slug: 'northgate',
    name: { en: 'Northgate Heights', es: 'Lomas de Northgate' },
    description: {
      en: 'Hillside streets north of the highway, with the community center and two schools.',
      es: 'Calles en la colina al norte de la autopista, con el centro comunitario y dos escuelas.',
    },
    streets: 'Summit Dr, Vista Ln, Oak Ridge Rd, Northgate Blvd',
  },
];

const DEPARTMENTS = [
  { slug: 'public-works', name: { en: 'Public Works', es: 'Obras Públicas' }, email: 'publicworks@arroyoverde.example' },
  { slug: 'code-enforcement', name: { en: 'Code Enforcement', es: 'Cumplimiento de Códigos' }, email: 'code@arroyoverde.example' },
  { slug: 'parks', name: { en: 'Parks and Recreation', es: 'Parques y Recreación' }, email: 'parks@arroyoverde.example' },
  { slug: 'police-community', name: { en: 'Police Community Services', es: 'Servicios Comunitarios de Policía' }, email: 'community@arroyoverde.example' },
  { slug: 'sanitation', name: { en: 'Sanitation', es: 'Saneamiento' }, email: 'sanitation@arroyoverde.example' },
];

/** Seeds the demo city if the database has no city yet. Returns whether it seeded. */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  if (await db.city.findUnique({ where: { id: 1 } })) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    await tx.city.create({ data: { id: 1, name: 'Arroyo Verde', timeZone: 'America/Los_Angeles', defaultLocale: 'en', fiscalYearStartMonth: 7 } });
    const hoods: Record<string, string> = {};
    const channels: Record<string, string> = {};
    for (const n of NEIGHBORHOODS) {
      const row = await tx.neighborhood.create({ data: n });
      hoods[n.slug] = row.id;
      const channel = await tx.channel.create({ data: { slug: `n-${n.slug}`, kind: 'neighborhood', name: n.name, visibility: 'public', neighborhoodId: row.id } });
      channels[n.slug] = channel.id;
    }
    const departments: Record<string, string> = {};
    for (const d of DEPARTMENTS) departments[d.slug] = (await tx.department.create({ data: d })).id;
    const group = await tx.blockWatchGroup.create({
      data: { slug: 'las-flores-block-watch', name: 'Las Flores Block Watch', description: 'Calle Rosa to Orchard Ave', neighborhoodId: hoods['las-flores'] },
    });
    const scopes: Record<string, { scopeKind: string | null; scopeId: string | null }> = {
      admin: { scopeKind: null, scopeId: null },
      staff: { scopeKind: null, scopeId: null },
      moderator: { scopeKind: 'channel', scopeId: channels.riverside },
      captain: { scopeKind: 'group', scopeId: group.id },
      liaison: { scopeKind: 'department', scopeId: departments['public-works'] },
    };
    const homes = ['old-town', 'riverside', 'riverside', 'las-flores', 'northgate', 'las-flores'];
    for (const [i, account] of DEMO_ACCOUNTS.entries()) {
      const user = await tx.user.create({
        data: {
          email: account.email,
          displayName: account.displayName,
          passwordHash,
          locale: account.locale,
          emailVerifiedAt: new Date(),
          neighborhoodId: hoods[homes[i]],
        },
      });
      if (account.role) await tx.roleGrant.create({ data: { userId: user.id, role: account.role, ...scopes[account.role] } });
    }
  });
  return true;
}
