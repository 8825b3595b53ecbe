import type { Tx } from '~/lib/db.server';
import { dateIn, localDateTimeIn } from '~/lib/time';
import { activateMember, insertGroup, syncBoardModerator } from '~/modules/blockwatch/group-rows.server';
import { allOccurrences, buildRrule, lastStart, type Repeat } from '~/modules/blockwatch/recurrence';
import { fromPlainText } from '~/modules/content/plaintext';

/**
 * The demo city's block watch beyond Las Flores (made with the demo accounts in prisma/seed.ts):
 * two more groups with their captains and members, past meetings with minutes (the requests
 * raised at them are in prisma/seed-requests.ts, linked by the keys this returns), upcoming
 * meetings with answers, and an alert. Rows as the block-watch modules write them
 * (docs/decisions/0023-block-watch-design.md); no audit entries, events, mail or notifications.
 *
 * Las Flores keeps its one member (the demo captain) and gets no date in the next five weeks, so
 * tests that join it or schedule there see what they made.
 */

const DAY = 24 * 3600 * 1000;

/** Neighbors who only exist in block watch (they sign in with the demo password). */
const NEIGHBORS = [
  { key: 'elena', email: 'elena.vasquez@arroyoverde.example', displayName: 'Elena Vásquez', locale: 'es', home: 'riverside' },
  { key: 'tom', email: 'tom.becker@arroyoverde.example', displayName: 'Tom Becker', locale: 'en', home: 'riverside' },
  { key: 'grace', email: 'grace.kim@arroyoverde.example', displayName: 'Grace Kim', locale: 'en', home: 'riverside' },
  { key: 'luis', email: 'luis.herrera@arroyoverde.example', displayName: 'Luis Herrera', locale: 'es', home: 'riverside' },
  { key: 'david', email: 'david.okafor@arroyoverde.example', displayName: 'David Okafor', locale: 'en', home: 'northgate' },
  { key: 'priya', email: 'priya.nair@arroyoverde.example', displayName: 'Priya Nair', locale: 'en', home: 'northgate' },
  { key: 'jorge', email: 'jorge.salinas@arroyoverde.example', displayName: 'Jorge Salinas', locale: 'es', home: 'northgate' },
  { key: 'hannah', email: 'hannah.weiss@arroyoverde.example', displayName: 'Hannah Weiss', locale: 'en', home: 'northgate' },
] as const;
type Neighbor = (typeof NEIGHBORS)[number]['key'];

type Member = { who: Neighbor; role?: 'coCaptain'; share?: { street?: string; phone?: string } };
type MeetingSpec = {
  /** The key of its date with minutes (requests raised there name it) */
  key?: string;
  title: string;
  agenda: string;
  /** Days from the seed to the first date (negative: past), at `time` in the city */
  day: number;
  time: [string, string];
  place?: string;
  link?: string;
  visibility: 'public' | 'members';
  repeat?: { repeat: Repeat; count: number };
  /** Minutes of the last date before the seed ran */
  minutes?: { text: string; attendance: number; by: Neighbor | 'captain' };
  /** Answers to the next date: yes or maybe */
  answers?: [Neighbor, 'yes' | 'maybe' | 'no'][];
};
type GroupSpec = {
  slug: string;
  name: string;
  description: { en: string; es: string };
  neighborhood: string;
  streets: string[];
  captain: Neighbor | 'captain';
  members: Member[];
  meetings: MeetingSpec[];
  alert?: { by: Neighbor; text: string; daysAgo: number };
};

const GROUPS: GroupSpec[] = [
  {
    slug: 'las-flores-block-watch',
    name: 'Las Flores Block Watch',
    description: {
      en: 'Neighbors looking out for each other between Calle Rosa and Orchard Ave.',
      es: 'Vecinos que se cuidan entre sí entre la calle Rosa y Orchard Ave.',
    },
    neighborhood: 'las-flores',
    streets: ['Calle Rosa, 100–600', 'Orchard Ave, 200–500'],
    captain: 'captain',
    members: [],
    meetings: [
      {
        key: 'las-flores-meeting',
        title: 'Reunión de vecinos de Las Flores',
        agenda: 'Estacionamiento en el césped los días de mercado\nGrafiti en la pared del parque\nTurnos de la caminata nocturna',
        day: -20,
        time: ['18:30', '20:00'],
        place: 'Salón del parque Las Flores, calle Rosa 120',
        visibility: 'public',
        minutes: {
          text: 'Vinieron 14 vecinos y el agente de enlace de la policía.\nEstacionamiento en el césped: se presenta una solicitud a Cumplimiento de Códigos.\nGrafiti en la pared del parque: se presenta una solicitud; Parques lo pintará.\nLa caminata nocturna sigue los jueves a las 20:00.',
          attendance: 14,
          by: 'captain',
        },
      },
      {
        title: 'Reunión de vecinos de Las Flores',
        agenda: 'Qué pasó con las solicitudes de la última reunión\nLuces de la calle Jazmín\nFiesta del barrio',
        day: 40,
        time: ['18:30', '20:00'],
        place: 'Salón del parque Las Flores, calle Rosa 120',
        visibility: 'public',
      },
    ],
  },
  {
    slug: 'riverside-neighbors-watch',
    name: 'Riverside Neighbors Watch',
    description: {
      en: 'Riverside residents from the footbridge to Mill Street, meeting on the first Tuesday of the month.',
      es: 'Vecinos de La Ribera, del puente peatonal a la calle Mill, que se reúnen el primer martes de cada mes.',
    },
    neighborhood: 'riverside',
    streets: ['River Rd, 100–400', 'Willow Ave', 'Mill St, 1–200'],
    captain: 'elena',
    members: [
      { who: 'tom', role: 'coCaptain', share: { street: 'Willow Ave', phone: '626 555 0142' } },
      { who: 'grace', share: { street: 'River Rd' } },
      { who: 'luis' },
    ],
    meetings: [
      {
        key: 'riverside-monthly',
        title: 'Riverside monthly meeting',
        agenda: 'Reports from the night walks\nDumping under the footbridge\nAnything new on your block',
        day: -50,
        time: ['19:00', '20:30'],
        place: 'Riverside Library, community room',
        visibility: 'public',
        repeat: { repeat: 'monthlyByWeekday', count: 6 },
        minutes: {
          text: 'Nine neighbors came.\nMattresses and bags dumped under the footbridge again: recorded as a request for Sanitation.\nTom will ask the library about a bigger room for the winter.',
          attendance: 9,
          by: 'tom',
        },
        answers: [
          ['tom', 'yes'],
          ['grace', 'yes'],
          ['luis', 'maybe'],
        ],
      },
      {
        title: 'Night walk along the river path',
        agenda: 'Meet at the footbridge with a flashlight.',
        day: 3,
        time: ['20:00', '21:00'],
        place: 'The footbridge, River Rd',
        visibility: 'members',
        answers: [['grace', 'yes']],
      },
    ],
    alert: { by: 'elena', text: 'Two cars were broken into on Willow Ave last night. Please do not leave bags in sight.', daysAgo: 4 },
  },
  {
    slug: 'northgate-heights-block-watch',
    name: 'Northgate Heights Block Watch',
    description: {
      en: 'The hillside streets around Summit Drive and the two schools.',
      es: 'Las calles de la colina alrededor de Summit Drive y las dos escuelas.',
    },
    neighborhood: 'northgate',
    streets: ['Summit Dr', 'Vista Ln, 1–300', 'Oak Ridge Rd'],
    captain: 'david',
    members: [{ who: 'priya', share: { street: 'Vista Ln' } }, { who: 'jorge' }, { who: 'hannah' }],
    meetings: [
      {
        key: 'northgate-safety',
        title: 'Northgate safety meeting',
        agenda: 'Dark stretch of Summit Dr\nSchool drop-off traffic',
        day: -10,
        time: ['18:00', '19:30'],
        place: 'Northgate Community Center, room B',
        visibility: 'public',
        minutes: {
          text: 'Eleven neighbors came.\nThe light at Summit Dr and Vista Ln has been out for two weeks: recorded as a request.\nThe schools will ask parents not to stop on Oak Ridge Rd.',
          attendance: 11,
          by: 'david',
        },
      },
      {
        title: 'Northgate online check-in',
        agenda: 'A short video call about the winter schedule.',
        day: 14,
        time: ['19:00', '19:45'],
        link: 'https://meet.example.org/northgate-check-in',
        visibility: 'public',
        answers: [
          ['priya', 'yes'],
          ['hannah', 'maybe'],
          ['jorge', 'no'],
        ],
      },
    ],
  },
];

export type SeedBlockWatchContext = {
  now: number;
  timeZone: string;
  passwordHash: string;
  neighborhoods: Record<string, string>;
  /** The demo captain's account (DEMO_ACCOUNTS) */
  captain: { id: string; displayName: string };
};

/**
 * Writes GROUPS; returns each minuted date's address (`<meeting id>/<YYYY-MM-DD>`, what a
 * request's meeting link holds) by its key.
 */
export async function seedBlockWatch(tx: Tx, ctx: SeedBlockWatchContext): Promise<Record<string, string>> {
  const people: Record<string, string> = { captain: ctx.captain.id };
  for (const n of NEIGHBORS) {
    const user = await tx.user.create({
      data: {
        email: n.email,
        displayName: n.displayName,
        passwordHash: ctx.passwordHash,
        locale: n.locale,
        emailVerifiedAt: new Date(ctx.now - 90 * DAY),
        createdAt: new Date(ctx.now - 90 * DAY),
        neighborhoodId: ctx.neighborhoods[n.home],
      },
      select: { id: true },
    });
    people[n.key] = user.id;
  }
  const dates: Record<string, string> = {};
  for (const spec of GROUPS) {
    const group = await insertGroup(tx, {
      slug: spec.slug,
      name: spec.name,
      description: spec.description,
      neighborhoodId: ctx.neighborhoods[spec.neighborhood],
      streets: spec.streets,
    });
    const captainId = people[spec.captain];
    await tx.roleGrant.create({ data: { userId: captainId, role: 'captain', scopeKind: 'group', scopeId: group.id } });
    const captainName = spec.captain === 'captain' ? ctx.captain.displayName : NEIGHBORS.find((n) => n.key === spec.captain)!.displayName;
    // A captain leads the group as one of its members, sharing their name in its directory.
    await activateMember(tx, group, captainId, { via: 'staff', decidedById: null, sharedName: captainName });
    await syncBoardModerator(tx, group, captainId);
    for (const m of spec.members) {
      const userId = people[m.who];
      const name = NEIGHBORS.find((n) => n.key === m.who)!.displayName;
      await activateMember(tx, group, userId, { via: 'request', decidedById: captainId, sharedName: m.share ? name : null });
      await tx.groupMembership.update({
        where: { groupId_userId: { groupId: group.id, userId } },
        data: {
          role: m.role ?? 'member',
          sharedStreet: m.share?.street ?? null,
          sharedPhone: m.share?.phone ?? null,
          alertByMail: m.who !== 'luis',
        },
      });
      if (m.role) await syncBoardModerator(tx, group, userId);
    }
    for (const m of spec.meetings) Object.assign(dates, await seedMeeting(tx, ctx, group.id, captainId, people, m));
    if (spec.alert)
      await tx.alert.create({
        data: {
          groupId: group.id,
          authorId: people[spec.alert.by],
          body: spec.alert.text,
          recipients: spec.members.length + 1,
          mailed: spec.members.length,
          createdAt: new Date(ctx.now - spec.alert.daysAgo * DAY),
        },
      });
  }
  return dates;
}

async function seedMeeting(
  tx: Tx,
  ctx: SeedBlockWatchContext,
  groupId: string,
  captainId: string,
  people: Record<string, string>,
  m: MeetingSpec,
) {
  const day = dateIn(new Date(ctx.now + m.day * DAY), ctx.timeZone);
  const startsAt = localDateTimeIn(`${day}T${m.time[0]}`, ctx.timeZone)!;
  const endsAt = localDateTimeIn(`${day}T${m.time[1]}`, ctx.timeZone)!;
  const rrule = m.repeat ? buildRrule(startsAt, ctx.timeZone, m.repeat.repeat, { count: m.repeat.count }) : null;
  const timing = { startsAt, endsAt, timeZone: ctx.timeZone, rrule };
  const meeting = await tx.meeting.create({
    data: {
      groupId,
      title: m.title,
      agenda: fromPlainText(m.agenda) as never,
      startsAt,
      endsAt,
      timeZone: ctx.timeZone,
      place: m.place ?? null,
      link: m.link ?? null,
      visibility: m.visibility,
      rrule,
      lastStartsAt: lastStart(timing),
      createdById: captainId,
      createdAt: new Date(startsAt.getTime() - 30 * DAY),
    },
    select: { id: true },
  });
  const occurrences = allOccurrences(timing);
  const past = occurrences.filter((o) => o.endsAt.getTime() < ctx.now).at(-1);
  const next = occurrences.find((o) => o.startsAt.getTime() > ctx.now);
  const found: Record<string, string> = {};
  if (m.minutes && past) {
    await tx.meetingMinutes.create({
      data: {
        meetingId: meeting.id,
        occurrenceStart: past.originalStart,
        body: fromPlainText(m.minutes.text) as never,
        attendance: m.minutes.attendance,
        authorId: people[m.minutes.by],
        createdAt: new Date(past.endsAt.getTime() + 2 * 3600 * 1000),
        updatedAt: new Date(past.endsAt.getTime() + 2 * 3600 * 1000),
      },
    });
    if (m.key) found[m.key] = `${meeting.id}/${dateIn(past.originalStart, ctx.timeZone)}`;
  }
  if (next)
    for (const [who, answer] of m.answers ?? [])
      await tx.rsvp.create({ data: { meetingId: meeting.id, occurrenceStart: next.originalStart, userId: people[who], answer } });
  return found;
}
