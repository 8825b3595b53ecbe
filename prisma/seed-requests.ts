import type { Tx } from '~/lib/db.server';
import { answersSchema } from '~/modules/surveys/answers';
import { addTallies, insertResponses } from '~/modules/surveys/answer-sets.server';
import { requestSegment } from '~/modules/surveys/segments';
import type { FieldDefinition } from '~/modules/requests/catalog/schemas';
import { dateIn } from '~/lib/time';
import { allowedTransitions } from '~/modules/requests/lifecycle';
import type { RequestSource, RequestStatus } from '~/modules/requests/values';

/**
 * The demo city's service requests: every status, several sources (web, phone, walk-in, e-mail,
 * Open311, the forum), two promoted from forum posts, with public and internal notes, assignments,
 * a duplicate and follow-up answers on closed ones. The rows are the ones the request modules
 * write (docs/decisions/0011-service-requests.md): the request, its contact, its timeline
 * (`created`, `status`, `duplicate`, `note`, `assignment`, `link`), the requester's follow, forum
 * links and follow-up responses. Seeding is not an action by anyone here: no audit entries, no
 * live events, no mail, no notifications. Plain data plus one function, run inside the seed's
 * transaction.
 */

/** Demo account indexes (prisma/seed.ts DEMO_ACCOUNTS). */
const ADMIN = 0;
const STAFF = 1;
const LIAISON = 4;
const RESIDENT = 5;
const MODERATOR = 2;

type Step =
  | { at: number; by: number; status: RequestStatus; note?: string; publicNote?: boolean }
  | { at: number; by: number; note: string; public: boolean }
  | { at: number; by: number; assign: number };

export type SeedRequest = {
  type: string;
  source: RequestSource;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  /** Hours before the seed ran */
  hoursAgo: number;
  description: string;
  answers: Record<string, unknown>;
  neighborhood: string;
  address: string;
  latitude: number;
  longitude: number;
  /** The signed-in requester (a demo account index) */
  requester?: number;
  /** Staff who recorded it for someone (phone, walk-in, e-mail, a promoted post) */
  recordedBy?: number;
  contact?: { name?: string; email?: string; phone?: string; locale: 'en' | 'es' };
  /** Status changes, notes and assignments, hours after filing */
  steps?: Step[];
  /** Promoted from (opening post: the thread) or linked to these forum posts: [thread title, post index] */
  forum?: [string, number][];
  /** Raised at this block-watch meeting date (a key of prisma/seed-blockwatch.ts's minuted dates) */
  meeting?: string;
  /** Index of the request (in SEED_REQUESTS) this one duplicates */
  duplicateOf?: number;
  followUp?: { answers: Record<string, unknown>; language: 'en' | 'es'; recordedBy?: number; hoursAfterClose: number };
};

/** Locations inside the demo neighborhoods (around 34.13 N, 118.05 W). */
export const SEED_REQUESTS: SeedRequest[] = [
  // Raised at block-watch meetings (prisma/seed-blockwatch.ts), recorded by staff the next morning.
  {
    type: 'lawn-parking',
    source: 'meeting',
    hoursAgo: 20 * 24 - 15,
    recordedBy: STAFF,
    meeting: 'las-flores-meeting',
    description:
      'Raised at the Las Flores block-watch meeting: cars parked on the front lawns of Calle Rosa 300–400 every market day, blocking the sidewalk.',
    answers: { when: 'market', vehicles: '5' },
    neighborhood: 'las-flores',
    address: '350 Calle Rosa',
    latitude: 34.1352,
    longitude: -118.0431,
    steps: [
      { at: 20, by: STAFF, status: 'acknowledged' },
      { at: 70, by: STAFF, status: 'in_progress', note: 'An inspector will visit on the next market day.', publicNote: true },
    ],
  },
  {
    type: 'graffiti',
    source: 'meeting',
    hoursAgo: 20 * 24 - 15,
    recordedBy: STAFF,
    meeting: 'las-flores-meeting',
    description: 'Planteado en la reunión de vigilancia vecinal de Las Flores: grafiti en la pared del parque que da a la calle Rosa.',
    answers: { surface: 'wall', offensive: 'no', size: 'large' },
    neighborhood: 'las-flores',
    address: 'Parque Las Flores, calle Rosa',
    latitude: 34.1347,
    longitude: -118.0442,
    steps: [
      { at: 18, by: STAFF, status: 'acknowledged' },
      { at: 96, by: STAFF, status: 'resolved', note: 'Parks painted over the wall.' },
    ],
  },
  {
    type: 'illegal-dumping',
    source: 'meeting',
    // The series' last date before the seed is 15 to 22 days back.
    hoursAgo: 14 * 24,
    recordedBy: STAFF,
    meeting: 'riverside-monthly',
    description: 'Raised at the Riverside block-watch meeting: mattresses and bags dumped under the footbridge again.',
    answers: { materials: ['mattress', 'household'], amount: 'few', witnessed: 'no' },
    neighborhood: 'riverside',
    address: 'Footbridge, River Rd',
    latitude: 34.1262,
    longitude: -118.0598,
  },
  {
    type: 'street-light-out',
    source: 'meeting',
    hoursAgo: 10 * 24 - 15,
    recordedBy: STAFF,
    meeting: 'northgate-safety',
    description: 'Raised at the Northgate block-watch meeting: the light at Summit Dr and Vista Ln has been out for two weeks.',
    answers: { problem: 'out' },
    neighborhood: 'northgate',
    address: 'Summit Dr & Vista Ln',
    latitude: 34.1421,
    longitude: -118.0513,
    steps: [{ at: 22, by: STAFF, status: 'acknowledged' }],
  },
  {
    type: 'pothole',
    source: 'web',
    hoursAgo: 5,
    requester: RESIDENT,
    description: 'Hay un bache grande en River Rd frente al número 214. Los coches lo esquivan invadiendo el carril contrario.',
    answers: { size: 'tire', position: 'lane', 'vehicle-damage': 'no' },
    neighborhood: 'riverside',
    address: '214 River Rd',
    latitude: 34.1248,
    longitude: -118.0612,
  },
  {
    type: 'graffiti',
    source: 'web',
    hoursAgo: 30,
    description: 'Fresh tags on the side wall of the library facing Plaza Way, about two meters wide.',
    answers: { surface: 'wall', offensive: 'no', size: 'medium' },
    neighborhood: 'old-town',
    address: 'Library, Plaza Way',
    latitude: 34.1312,
    longitude: -118.0497,
    contact: { name: 'Dana Whitfield', email: 'dana.whitfield@example.net', locale: 'en' },
    steps: [
      { at: 3, by: STAFF, status: 'acknowledged', note: 'Thanks! A crew will paint over it this week.', publicNote: true },
      { at: 3.2, by: STAFF, assign: LIAISON },
    ],
  },
  {
    type: 'street-light-out',
    source: 'forum',
    hoursAgo: 24 * 5,
    recordedBy: STAFF,
    forum: [['Streetlight out at Mill St & Bridge St', 0]],
    description: 'The streetlight on the corner of Mill St and Bridge St has been out for a week. Reported in the Riverside channel.',
    answers: { problem: 'out' },
    neighborhood: 'riverside',
    address: 'Mill St & Bridge St',
    latitude: 34.1261,
    longitude: -118.0588,
    steps: [
      { at: 2, by: STAFF, assign: LIAISON },
      { at: 20, by: LIAISON, status: 'acknowledged' },
      { at: 26, by: LIAISON, note: 'Pole 1187: the photocell is burnt out. Ordered a replacement from the warehouse.', public: false },
      {
        at: 50,
        by: LIAISON,
        status: 'in_progress',
        note: 'The part is ordered; the light will be repaired within a few days.',
        publicNote: true,
      },
    ],
  },
  {
    type: 'lawn-parking',
    source: 'forum',
    hoursAgo: 24 * 4,
    recordedBy: LIAISON,
    forum: [
      ['Parking on the lawns along Calle Rosa', 0],
      ['Parking on the lawns along Calle Rosa', 1],
    ],
    description:
      'Cars parked on the lawns along Calle Rosa and Orchard Ave on market days, blocking the sidewalk for strollers and wheelchairs.',
    answers: { when: 'market', vehicles: '6' },
    neighborhood: 'las-flores',
    address: 'Calle Rosa & Orchard Ave',
    latitude: 34.1183,
    longitude: -118.0449,
    steps: [
      { at: 6, by: STAFF, status: 'acknowledged', note: 'An officer will check on the next market day (Saturday).', publicNote: true },
      { at: 7, by: STAFF, note: 'Ask the market organizers to put up the temporary parking signs again.', public: false },
    ],
  },
  {
    type: 'water-leak',
    source: 'phone',
    priority: 'urgent',
    hoursAgo: 52,
    recordedBy: STAFF,
    contact: { name: 'Jorge Salinas', phone: '555-0142', locale: 'es' },
    description: 'Sale agua de la caja del medidor frente a la casa y corre por la acera hasta la esquina de Vista Ln.',
    answers: { where: 'meter', flow: 'steady', flooding: 'no' },
    neighborhood: 'northgate',
    address: '88 Vista Ln',
    latitude: 34.1427,
    longitude: -118.0531,
    steps: [
      { at: 0.3, by: STAFF, assign: LIAISON },
      { at: 0.5, by: LIAISON, status: 'in_progress', note: 'Crew dispatched; the valve will be closed within the hour.', publicNote: true },
      {
        at: 5,
        by: LIAISON,
        status: 'resolved',
        note: 'Replaced the cracked meter coupling; water service restored and the sidewalk dried.',
      },
    ],
  },
  {
    type: 'missed-trash-pickup',
    source: 'email',
    hoursAgo: 24 * 6,
    recordedBy: STAFF,
    contact: { name: 'Priya Raman', email: 'priya.raman@example.net', locale: 'en' },
    description:
      'Our recycling cart on 5th St was not picked up on Tuesday although it was out at 6 a.m. (forwarded from an e-mail to the city).',
    answers: { container: 'recycling', 'pickup-day': '2026-11-24', 'out-by-six': 'yes' },
    neighborhood: 'las-flores',
    address: '412 5th St',
    latitude: 34.1171,
    longitude: -118.0462,
    steps: [
      { at: 4, by: STAFF, status: 'acknowledged' },
      { at: 28, by: STAFF, status: 'resolved', note: 'The cart was collected on Wednesday morning.' },
      { at: 52, by: STAFF, status: 'closed' },
    ],
    followUp: {
      answers: { courtesy: 'courteous', comments: 'Quick answer and the truck came the next day. Thank you!' },
      language: 'en',
      hoursAfterClose: 20,
    },
  },
  {
    type: 'sidewalk-damage',
    source: 'walk_in',
    hoursAgo: 24 * 12,
    recordedBy: LIAISON,
    contact: { name: 'Elena Morales', phone: '555-0178', locale: 'es' },
    description:
      'La acera de Church St junto a la parada del autobús está levantada por las raíces; una señora mayor tropezó la semana pasada.',
    answers: { problem: 'raised', roots: 'yes', injury: 'yes' },
    neighborhood: 'old-town',
    address: 'Church St bus stop',
    latitude: 34.1322,
    longitude: -118.0518,
    steps: [
      {
        at: 1,
        by: LIAISON,
        status: 'acknowledged',
        note: 'Hemos marcado el tramo con pintura y conos mientras se programa la reparación.',
        publicNote: true,
      },
      { at: 2, by: LIAISON, note: 'Injury reported by the caller: passed to Risk Management (claim form mailed).', public: false },
      {
        at: 96,
        by: LIAISON,
        status: 'resolved',
        note: 'The raised panel was ground down and a ramp added; replacing the panel is scheduled for spring.',
      },
      { at: 150, by: LIAISON, status: 'closed' },
    ],
    followUp: {
      answers: { courtesy: 'courteous', comments: 'Me atendieron muy bien en la ventanilla, pero la reparación tardó.' },
      language: 'es',
      recordedBy: STAFF,
      hoursAfterClose: 30,
    },
  },
  {
    type: 'illegal-dumping',
    source: 'open311',
    hoursAgo: 3,
    description: 'Mattress and two bags of trash dumped next to the footbridge on River Rd.',
    answers: { materials: ['mattress', 'household'], amount: 'few', witnessed: 'no' },
    neighborhood: 'riverside',
    address: 'River Rd footbridge',
    latitude: 34.1239,
    longitude: -118.0627,
  },
  {
    type: 'pothole',
    source: 'phone',
    hoursAgo: 4,
    recordedBy: STAFF,
    contact: { name: 'Tom Becker', phone: '555-0110', locale: 'en' },
    description: 'Caller reports a deep pothole on River Rd near number 214, in the eastbound lane.',
    answers: { size: 'tire', position: 'lane' },
    neighborhood: 'riverside',
    address: '214 River Rd',
    latitude: 34.1248,
    longitude: -118.0611,
    duplicateOf: 0,
    steps: [{ at: 0.5, by: STAFF, status: 'duplicate' }],
  },
  {
    type: 'tree-trimming',
    source: 'web',
    hoursAgo: 24 * 3,
    requester: MODERATOR,
    description: 'Las ramas del árbol del jardín de mi vecino cuelgan sobre la entrada de mi garaje en Willow Ave.',
    answers: { issues: ['dead'], 'tree-location': 'parkway' },
    neighborhood: 'riverside',
    address: '37 Willow Ave',
    latitude: 34.1266,
    longitude: -118.0601,
    steps: [
      {
        at: 30,
        by: STAFF,
        status: 'declined',
        note: 'The tree is on private property: the owner is responsible for trimming it. Parks trims trees on public land only.',
      },
    ],
  },
  {
    type: 'noise',
    source: 'web',
    priority: 'high',
    hoursAgo: 40,
    description: 'A generator at the construction site on Northgate Blvd runs all night, every night this week.',
    answers: { source: 'construction', 'time-of-day': 'night', recurring: 'yes' },
    neighborhood: 'northgate',
    address: 'Northgate Blvd & Summit Dr',
    latitude: 34.1438,
    longitude: -118.0506,
    contact: { name: 'Kim Nguyen', email: 'kim.nguyen@example.net', locale: 'en' },
    steps: [
      { at: 2, by: STAFF, assign: STAFF },
      { at: 3, by: STAFF, status: 'in_progress', note: 'An officer will visit the site tonight.', publicNote: true },
      { at: 4, by: STAFF, note: 'Permit 24-0713 allows work 7:00–19:00 only; the contractor has been called.', public: false },
    ],
  },
  {
    type: 'abandoned-vehicle',
    source: 'phone',
    hoursAgo: 24 * 9,
    recordedBy: STAFF,
    contact: { name: 'Luis Herrera', phone: '555-0166', locale: 'es' },
    description: 'Una camioneta blanca sin placas lleva dos semanas estacionada frente al parque Las Flores.',
    answers: { make: 'Ford Ranger', color: 'Blanco', 'days-parked': '14' },
    neighborhood: 'las-flores',
    address: 'Calle Jazmín at Flores Park',
    latitude: 34.1192,
    longitude: -118.0437,
  },
  {
    type: 'street-light-out',
    source: 'open311',
    hoursAgo: 24 * 20,
    description: 'Street light flickering all night on Summit Dr in front of the elementary school.',
    answers: { problem: 'flickering', 'pole-number': '2231' },
    neighborhood: 'northgate',
    address: 'Summit Dr at Northgate Elementary',
    latitude: 34.1445,
    longitude: -118.0522,
    steps: [
      { at: 10, by: LIAISON, status: 'in_progress' },
      { at: 60, by: LIAISON, status: 'resolved', note: 'Replaced the ballast on pole 2231.' },
      { at: 110, by: ADMIN, status: 'closed' },
    ],
  },
  {
    type: 'pothole',
    source: 'web',
    hoursAgo: 24 * 8,
    requester: RESIDENT,
    description: 'Bache en el paso de peatones de Main St y 2nd St; es peligroso para las sillas de ruedas.',
    answers: { size: 'plate', position: 'crosswalk', 'vehicle-damage': 'no' },
    neighborhood: 'old-town',
    address: 'Main St & 2nd St',
    latitude: 34.1305,
    longitude: -118.0509,
    steps: [
      { at: 5, by: STAFF, assign: LIAISON },
      { at: 20, by: LIAISON, status: 'acknowledged' },
      { at: 44, by: LIAISON, status: 'resolved', note: 'Filled with hot asphalt and the crosswalk repainted.' },
    ],
  },
];

const HOUR = 3600 * 1000;

export type SeedRequestContext = {
  now: number;
  users: string[];
  displayNames: string[];
  neighborhoods: Record<string, string>;
  /** Type code → id, department, target hours, field version 1 */
  types: Record<string, { id: string; departmentId: string; targetHours: number; defaultPriority: string; fields: FieldDefinition[] }>;
  /** Thread title → thread id and its posts' ids in order */
  threads: Record<string, { id: string; posts: string[] }>;
  /** Minuted meeting dates by key → `<meeting id>/<YYYY-MM-DD>` (prisma/seed-blockwatch.ts) */
  meetingDates: Record<string, string>;
  followUp: { surveyId: string; questions: FieldDefinition[] };
  /** The city's time zone (the day an answer was submitted on) */
  timeZone: string;
  newCode: () => string;
};

/** Writes SEED_REQUESTS; returns their public codes in order. */
export async function seedRequests(tx: Tx, ctx: SeedRequestContext): Promise<string[]> {
  const ids: string[] = [];
  const codes: string[] = [];
  for (const spec of SEED_REQUESTS) {
    const type = ctx.types[spec.type];
    if (!type) throw new Error(`seed request: unknown type ${spec.type}`);
    const created = ctx.now - spec.hoursAgo * HOUR;
    const at = (hours: number) => new Date(created + hours * HOUR);
    let code = ctx.newCode();
    while (codes.includes(code)) code = ctx.newCode();
    const requesterId = spec.requester === undefined ? null : ctx.users[spec.requester];
    const request = await tx.serviceRequest.create({
      data: {
        publicCode: code,
        typeId: type.id,
        typeVersion: 1,
        status: 'new',
        priority: spec.priority ?? type.defaultPriority,
        source: spec.source,
        description: spec.description,
        answers: answersSchema(type.fields).parse(spec.answers) as never,
        address: spec.address,
        latitude: spec.latitude,
        longitude: spec.longitude,
        neighborhoodId: ctx.neighborhoods[spec.neighborhood],
        departmentId: type.departmentId,
        dueAt: new Date(created + type.targetHours * HOUR),
        createdAt: new Date(created),
        requesterId,
        createdById: spec.recordedBy === undefined ? null : ctx.users[spec.recordedBy],
        ...(spec.contact
          ? {
              contact: {
                create: {
                  name: spec.contact.name ?? null,
                  email: spec.contact.email ?? null,
                  phone: spec.contact.phone ?? null,
                  locale: spec.contact.locale,
                  createdAt: new Date(created),
                },
              },
            }
          : {}),
        events: {
          create: {
            kind: 'created',
            public: true,
            toStatus: 'new',
            actorId: spec.recordedBy === undefined ? requesterId : ctx.users[spec.recordedBy],
            createdAt: new Date(created),
          },
        },
      },
      select: { id: true, departmentId: true, typeId: true, neighborhoodId: true },
    });
    ids.push(request.id);
    codes.push(code);
    if (requesterId)
      await tx.follow.create({
        data: { userId: requesterId, targetKind: 'request', targetId: request.id, level: 'follow', createdAt: new Date(created) },
      });

    // Forum posts it was promoted from or linked to (the thread for an opening post).
    for (const [title, index] of spec.forum ?? []) {
      const thread = ctx.threads[title];
      if (!thread?.posts[index]) throw new Error(`seed request: no post ${index} in "${title}"`);
      const target = index === 0 ? { targetKind: 'thread', targetId: thread.id } : { targetKind: 'post', targetId: thread.posts[index] };
      await tx.requestLink.create({ data: { requestId: request.id, ...target, createdAt: new Date(created) } });
      await tx.requestEvent.create({
        data: {
          requestId: request.id,
          actorId: ctx.users[spec.recordedBy ?? STAFF],
          kind: 'link',
          public: false,
          note: title.slice(0, 300),
          createdAt: new Date(created),
        },
      });
    }

    // The meeting date it was raised at (as intake's linkToMeeting writes it).
    if (spec.meeting) {
      const target = ctx.meetingDates[spec.meeting];
      if (!target) throw new Error(`seed request: no meeting ${spec.meeting}`);
      await tx.requestLink.create({
        data: { requestId: request.id, targetKind: 'meeting', targetId: target, createdAt: new Date(created) },
      });
    }

    // The timeline, as the handling module writes it.
    let status: RequestStatus = 'new';
    const state: {
      acknowledgedAt?: Date;
      resolvedAt?: Date;
      closedAt?: Date;
      resolutionNote?: string;
      assigneeId?: string;
      duplicateOfId?: string;
    } = {};
    let updatedAt = new Date(created);
    for (const step of spec.steps ?? []) {
      const when = at(step.at);
      updatedAt = when;
      const actorId = ctx.users[step.by];
      if ('assign' in step) {
        state.assigneeId = ctx.users[step.assign];
        await tx.requestEvent.create({
          data: { requestId: request.id, actorId, kind: 'assignment', public: false, note: ctx.displayNames[step.assign], createdAt: when },
        });
      } else if ('status' in step) {
        if (
          !allowedTransitions({ status, resolvedAt: state.resolvedAt ?? null, closedAt: state.closedAt ?? null }, 0).includes(step.status)
        ) {
          throw new Error(`seed request: ${spec.type} cannot move from ${status} to ${step.status}`);
        }
        if (!state.acknowledgedAt && ['acknowledged', 'in_progress', 'resolved'].includes(step.status)) state.acknowledgedAt = when;
        if (step.status === 'resolved') Object.assign(state, { resolvedAt: when, resolutionNote: step.note });
        if (['closed', 'duplicate', 'declined'].includes(step.status)) state.closedAt = when;
        let duplicateCode: string | null = null;
        if (step.status === 'duplicate') {
          if (spec.duplicateOf === undefined) throw new Error('seed request: a duplicate needs its original');
          state.duplicateOfId = ids[spec.duplicateOf];
          duplicateCode = codes[spec.duplicateOf];
        }
        const publicNote = step.status === 'resolved' || step.status === 'declined' || step.publicNote ? step.note : null;
        await tx.requestEvent.create({
          data: {
            requestId: request.id,
            actorId,
            kind: step.status === 'duplicate' ? 'duplicate' : 'status',
            public: true,
            fromStatus: status,
            toStatus: step.status,
            note: [publicNote, duplicateCode].filter(Boolean).join('\n') || null,
            createdAt: when,
          },
        });
        if (step.note && !publicNote) {
          await tx.requestEvent.create({
            data: { requestId: request.id, actorId, kind: 'note', public: false, note: step.note, createdAt: when },
          });
        }
        status = step.status;
      } else {
        await tx.requestEvent.create({
          data: { requestId: request.id, actorId, kind: 'note', public: step.public, note: step.note, createdAt: when },
        });
      }
    }
    await tx.serviceRequest.update({ where: { id: request.id }, data: { status, ...state, updatedAt } });

    if (spec.followUp) {
      if (status !== 'closed' || !state.closedAt) throw new Error('seed request: a follow-up answer needs a closed request');
      const answers = answersSchema(ctx.followUp.questions).parse(spec.followUp.answers);
      const answeredAt = new Date(state.closedAt.getTime() + spec.followUp.hoursAfterClose * HOUR);
      // Written as the follow-up writes an answer (the seed counts them on the survey at the end).
      const set = {
        answers,
        language: spec.followUp.language,
        neighborhoodId: request.neighborhoodId,
        day: dateIn(answeredAt, ctx.timeZone),
        segment: requestSegment(request),
      };
      const recordedById = spec.followUp.recordedBy === undefined ? null : ctx.users[spec.followUp.recordedBy];
      await insertResponses(tx, ctx.followUp.surveyId, ctx.followUp.questions, [
        { ...set, submittedAt: answeredAt, requestId: request.id, channel: recordedById ? 'staff' : 'web', recordedById },
      ]);
      await addTallies(tx, ctx.followUp.surveyId, ctx.followUp.questions, [set]);
    }
  }
  const answered = SEED_REQUESTS.filter((spec) => spec.followUp).length;
  await tx.survey.update({ where: { id: ctx.followUp.surveyId }, data: { responseCount: answered } });
  return codes;
}
