import type { Db } from '~/lib/db.server';
import { fromPlainText, toPlainText } from '~/modules/content/plaintext';
import { hashPassword } from '~/modules/identity/password.server';
import { FieldSetSchema, type FieldDefinition } from '~/modules/requests/catalog/schemas';
import { newPublicCode } from '~/modules/requests/tracking/tracking-links.server';
import { builtInQuestions, FOLLOW_UP_KEY } from '~/modules/requests/follow-up/follow-up.server';
import { commitStaged, discardStagedQuietly, type StagedFile } from '~/modules/requests/intake/photo-uploads.server';
import { seedBlockWatch } from './seed-blockwatch';
import { seedBudgetFacts } from './seed-budget-facts';
import { seedBudgets } from './seed-budgets';
import { seedSitePages } from '~/modules/site-pages/pages.server';
import { seedRequests, type SeedRequestContext } from './seed-requests';
import { SEED_REQUEST_TYPES, seedFields } from './seed-request-types';
import { POLL_THREAD, seedPolls } from './seed-polls';
import { seedSurveys } from './seed-surveys';
import { seedCommunity, stageDemoAvatars } from './seed-community';

/**
 * The demo city, Arroyo Verde (fictional). Loaded into an empty database on first start, never
 * over existing data. Later areas add their demo content here. Demo passwords exist only here.
 */
export const DEMO_PASSWORD = 'arroyo-verde-demo';
export const DEMO_ACCOUNTS = [
  { email: 'admin@arroyoverde.example', displayName: 'Ana Admin', role: 'admin', locale: 'en' },
  { email: 'staff@arroyoverde.example', displayName: 'Samuel Ortiz', role: 'staff', locale: 'en' },
  { email: 'moderator@arroyoverde.example', displayName: 'Marta Reyes', role: 'moderator', locale: 'es' },
  { email: 'captain@arroyoverde.example', displayName: 'Carlos Mendoza', role: 'captain', locale: 'es' },
  { email: 'liaison@arroyoverde.example', displayName: 'Lucía Park', role: 'liaison', locale: 'en' },
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
  {
    slug: 'police-community',
    name: { en: 'Police Community Services', es: 'Servicios Comunitarios de Policía' },
    email: 'community@arroyoverde.example',
  },
  { slug: 'sanitation', name: { en: 'Sanitation', es: 'Saneamiento' }, email: 'sanitation@arroyoverde.example' },
];

/** Demo conversations per neighborhood channel, in English and Spanish: [author index, text]. */
const THREADS: Record<string, { title: string; posts: [number, string][] }[]> = {
  riverside: [
    {
      title: 'Streetlight out at Mill St & Bridge St',
      posts: [
        [
          5,
          'The streetlight on the corner of Mill St and Bridge St has been out for a week. It is very dark when the kids walk home from practice.',
        ],
        [2, 'Gracias por avisar. ¿Alguien sabe si ya se reportó a la ciudad?'],
        [1, 'Thanks, Rosa. I have passed it to Public Works; you can follow it here once it is logged.'],
      ],
    },
    {
      title: 'Limpieza del arroyo el sábado',
      posts: [
        [2, 'Este sábado a las 9:00 limpiamos la orilla del arroyo desde el puente peatonal. Traigan guantes; la ciudad pone las bolsas.'],
        [5, '¡Ahí estaré con mis hijos!'],
      ],
    },
  ],
  'las-flores': [
    {
      title: 'Parking on the lawns along Calle Rosa',
      posts: [
        [3, 'Cars are parked on the lawns along Calle Rosa again on market days. It blocks the sidewalk for strollers and wheelchairs.'],
        [5, 'Same on Orchard Ave. Could the market add a parking sign near 5th St?'],
      ],
    },
    {
      title: 'Reunión de vigilancia vecinal: jueves',
      posts: [
        [
          3,
          'La reunión mensual de vigilancia vecinal es el jueves a las 19:00 en el salón del parque Las Flores. Temas: grafitis y alumbrado.',
        ],
      ],
    },
  ],
  'old-town': [
    {
      title: 'Benches for the plaza',
      posts: [
        [0, 'The library asked whether the plaza could get two more shaded benches. Ideas on where they should go are welcome.'],
        [4, 'Public Works can install them near the fountain if the neighborhood agrees.'],
      ],
    },
    {
      title: 'Horario de la biblioteca en diciembre',
      posts: [[1, 'En diciembre la biblioteca abre de 10:00 a 18:00 y cierra los días 24, 25 y 31.']],
    },
    {
      title: POLL_THREAD,
      posts: [
        [
          5,
          'The library will show free movies in the plaza this summer. Which night suits you? / La biblioteca pondrá películas gratis en la plaza este verano. ¿Qué noche les viene mejor?',
        ],
        [2, 'El sábado es ideal para las familias. Saturday works for us.'],
      ],
    },
  ],
  northgate: [
    {
      title: 'Speeding on Summit Dr near the school',
      posts: [
        [4, 'Parents report cars going fast on Summit Dr at drop-off time. A speed display sign could help.'],
        [5, '¡Sí, por favor! Por las mañanas es peligroso cruzar.'],
      ],
    },
    {
      title: 'Centro comunitario: clases de computación',
      posts: [[1, 'El centro comunitario ofrece clases gratuitas de computación los martes por la tarde, en español y en inglés.']],
    },
  ],
};

/** Seeds the demo city if the database has no city yet. Returns whether it seeded. */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  if (await db.city.findUnique({ where: { id: 1 } })) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const followUp = await builtInQuestions();
  // The residents' pictures are files: written before the transaction, moved into place after it.
  const avatars = await stageDemoAvatars();
  try {
    await seedCity(db, passwordHash, followUp, avatars);
  } catch (error) {
    await discardStagedQuietly(avatars);
    throw error;
  }
  await commitStaged(avatars);
  return true;
}

async function seedCity(db: Db, passwordHash: string, followUp: Awaited<ReturnType<typeof builtInQuestions>>, avatars: StagedFile[]) {
  await db.$transaction(
    async (tx) => {
      await tx.city.create({
        data: {
          id: 1,
          name: 'Arroyo Verde',
          timeZone: 'America/Los_Angeles',
          defaultLocale: 'en',
          fiscalYearStartMonth: 7,
          contactEmail: 'hello@arroyoverde.example',
          contactPhone: '+1 555 010 2000',
          contactAddress: 'City Hall\n100 Plaza Mayor\nArroyo Verde, CA 95000',
          openingHours: { en: 'Monday to Friday, 8 am to 5 pm', es: 'De lunes a viernes, de 8:00 a 17:00' },
        },
      });
      await seedSitePages(tx);
      const hoods: Record<string, string> = {};
      const channels: Record<string, string> = {};
      for (const n of NEIGHBORHOODS) {
        const row = await tx.neighborhood.create({ data: n });
        hoods[n.slug] = row.id;
        const channel = await tx.channel.create({
          data: { slug: `n-${n.slug}`, kind: 'neighborhood', name: n.name, visibility: 'public', neighborhoodId: row.id },
        });
        channels[n.slug] = channel.id;
      }
      const departments: Record<string, string> = {};
      for (const d of DEPARTMENTS) departments[d.slug] = (await tx.department.create({ data: d })).id;
      // The service-request catalog, each type with version 1 of its fields (checked by the schema).
      const types: SeedRequestContext['types'] = {};
      for (const t of SEED_REQUEST_TYPES) {
        const type = await tx.requestType.create({
          data: {
            code: t.code,
            name: t.name,
            keywords: t.keywords,
            description: t.description,
            resolutionDefinition: t.resolution,
            group: t.group,
            departmentId: departments[t.department],
            defaultPriority: t.priority,
            targetHours: t.targetHours,
            locationRequired: t.locationRequired ?? true,
            photosAllowed: t.photosAllowed ?? true,
            active: t.active ?? true,
            publicVisibility: t.publicVisibility,
            currentVersion: 1,
          },
        });
        const fields = FieldSetSchema.parse(seedFields(t)) as FieldDefinition[];
        await tx.requestTypeVersion.create({ data: { typeId: type.id, version: 1, fields: fields as never } });
        types[t.code] = { id: type.id, departmentId: type.departmentId, targetHours: t.targetHours, defaultPriority: t.priority, fields };
      }
      const scopes: Record<string, { scopeKind: string | null; scopeId: string | null }> = {
        admin: { scopeKind: null, scopeId: null },
        staff: { scopeKind: null, scopeId: null },
        moderator: { scopeKind: 'channel', scopeId: channels.riverside },
        liaison: { scopeKind: 'department', scopeId: departments['public-works'] },
      };
      const homes = ['old-town', 'riverside', 'riverside', 'las-flores', 'northgate', 'las-flores'];
      const users: string[] = [];
      for (const [i, account] of DEMO_ACCOUNTS.entries()) {
        const user = await tx.user.create({
          data: {
            email: account.email,
            displayName: account.displayName,
            passwordHash,
            locale: account.locale,
            emailVerifiedAt: new Date(),
            // Demo members have been around for a while (they are not "new accounts" for limits).
            createdAt: new Date(Date.now() - 60 * 24 * 3600 * 1000),
            neighborhoodId: hoods[homes[i]],
          },
        });
        // The captain's grant is scoped to their group (prisma/seed-blockwatch.ts).
        if (account.role && account.role !== 'captain')
          await tx.roleGrant.create({ data: { userId: user.id, role: account.role, ...scopes[account.role] } });
        users.push(user.id);
      }
      const captain = DEMO_ACCOUNTS.findIndex((a) => a.role === 'captain');
      const meetingDates = await seedBlockWatch(tx, {
        now: Date.now(),
        timeZone: 'America/Los_Angeles',
        passwordHash,
        neighborhoods: hoods,
        captain: { id: users[captain], displayName: DEMO_ACCOUNTS[captain].displayName },
      });
      const staff = DEMO_ACCOUNTS.findIndex((a) => a.role === 'staff');
      await seedBudgetFacts(tx, { staff: { id: users[staff], locale: DEMO_ACCOUNTS[staff].locale } });
      const resident = DEMO_ACCOUNTS.findIndex((a) => a.email === 'resident@arroyoverde.example');
      await seedBudgets(tx, {
        now: Date.now(),
        timeZone: 'America/Los_Angeles',
        staffId: users[staff],
        voterId: users[resident],
        authors: users.filter((_, i) => !DEMO_ACCOUNTS[i].role),
        neighborhoods: hoods,
      });
      // Conversations spread over the last days, oldest first.
      const threadsByTitle: SeedRequestContext['threads'] = {};
      let minutesAgo = 60 * 24 * 6;
      for (const [slug, threads] of Object.entries(THREADS)) {
        for (const t of threads) {
          const at = (m: number) => new Date(Date.now() - m * 60 * 1000);
          const thread = await tx.thread.create({
            data: {
              channelId: channels[slug],
              authorId: users[t.posts[0][0]],
              title: t.title,
              createdAt: at(minutesAgo),
              lastActivityAt: at(minutesAgo - (t.posts.length - 1) * 47),
              replyCount: t.posts.length - 1,
            },
          });
          threadsByTitle[t.title] = { id: thread.id, posts: [] };
          for (const [i, [author, text]] of t.posts.entries()) {
            const doc = fromPlainText(text);
            const post = await tx.post.create({
              data: {
                threadId: thread.id,
                authorId: users[author],
                isOpening: i === 0,
                body: doc as never,
                text: toPlainText(doc),
                createdAt: at(minutesAgo - i * 47),
              },
            });
            threadsByTitle[t.title].posts.push(post.id);
            await tx.follow.upsert({
              where: { userId_targetKind_targetId: { userId: users[author], targetKind: 'thread', targetId: thread.id } },
              create: { userId: users[author], targetKind: 'thread', targetId: thread.id, level: 'follow' },
              update: {},
            });
          }
          minutesAgo -= 60 * 11;
        }
      }
      await seedPolls(tx, { now: Date.now(), users, threads: threadsByTitle });
      await seedCommunity(tx, {
        now: Date.now(),
        passwordHash,
        neighborhoods: hoods,
        channels,
        avatars,
        budgetSlug: 'city-budget-2027',
      });
      await seedSurveys(tx, {
        now: Date.now(),
        createdById: users[1],
        neighborhoods: Object.values(hoods),
        timeZone: 'America/Los_Angeles',
      });
      // Service requests in every status (prisma/seed-requests.ts), and the built-in follow-up survey
      // their answers belong to (the follow-up module finds it by its key).
      const survey = await tx.survey.create({
        data: { key: FOLLOW_UP_KEY, title: followUp.title, questions: followUp.questions as never, anonymous: false, status: 'published' },
      });
      await seedRequests(tx, {
        now: Date.now(),
        users,
        displayNames: DEMO_ACCOUNTS.map((a) => a.displayName),
        neighborhoods: hoods,
        types,
        threads: threadsByTitle,
        meetingDates,
        followUp: { surveyId: survey.id, questions: followUp.questions },
        timeZone: 'America/Los_Angeles',
        newCode: newPublicCode,
      });
      // One bulk write of a few hundred rows: Prisma's 5-second default is too tight on a busy machine.
    },
    { timeout: 60_000 },
  );
}
