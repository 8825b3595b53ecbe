import type { Caller } from '~/lib/caller.server';
import type { SessionUser } from '~/modules/identity/session.server';
import { db, transaction, type Tx } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { formatDateTime } from '~/lib/format';
import { msg } from '~/lib/forms';
import { fixedT } from '~/lib/i18n.server';
import { fail, ok, type Failure, type Result } from '~/lib/result';
import { dateIn, localDateTimeIn, startOfDayIn } from '~/lib/time';
import { audit } from '~/modules/audit/audit.server';
import { bodyOf } from '~/modules/content/body.server';
import { queueMail } from '~/modules/mail/outbox.server';
import { getCity } from '~/modules/places/queries.server';
import { decidesMembers, readsBoard } from './policy';
import { membershipOf, type Group } from './queries.server';
import { buildRrule, lastStart, occurrenceOn, occurrencesBetween, type Occurrence, type Timing } from './recurrence';
import type { MeetingInput } from './schemas';

/** What datesBetween needs of a meeting row, to spread into a query's select. */
export const MEETING_TIMING = {
  startsAt: true,
  endsAt: true,
  timeZone: true,
  rrule: true,
  cancelledAt: true,
  exceptions: { select: { originalStart: true, startsAt: true, endsAt: true, cancelledAt: true } },
} as const;

/**
 * Scheduling block-watch meetings and answering them (docs/decisions/0023-block-watch-design.md):
 * a group's leaders schedule a meeting, once or as a series that must end; people who may see it
 * answer yes, no or maybe for one date; a leader cancels one date or the whole series, and
 * everyone who answered hears of it by mail.
 */

/** Read from the form in the city's zone; every refusal is a localized error on its field. */
export async function scheduleMeeting(caller: Caller, group: Group, input: MeetingInput): Promise<Result<{ id: string; date: string }>> {
  const actor = caller.user;
  if (!actor || !decidesMembers(actor, group.id, await membershipOf(group.id, actor.id))) return fail.forbidden();
  const { timeZone } = await getCity();
  const startsAt = localDateTimeIn(input.startsAt, timeZone);
  const endsAt = localDateTimeIn(input.endsAt, timeZone);
  const times = timesProblem(startsAt, endsAt);
  if (times || !startsAt || !endsAt) return times ?? fail.invalid({ startsAt: msg('blockwatch:errors.dateTime') });
  const year = 365 * 24 * 3600 * 1000;
  if (input.repeat !== 'none') {
    if (!input.count && !input.until) return fail.invalid({ count: msg('blockwatch:errors.neverEnds') });
    if (
      input.until &&
      (startOfDayIn(input.until, timeZone, 1) <= startsAt || startOfDayIn(input.until, timeZone) > new Date(startsAt.getTime() + 3 * year))
    )
      return fail.invalid({ until: msg('blockwatch:errors.untilRange') });
  }
  const agenda = input.body?.trim() || input.bodyText?.trim() ? bodyOf(input) : null;
  if (agenda && !agenda.ok) return agenda;
  const rrule = buildRrule(
    startsAt,
    timeZone,
    input.repeat,
    input.repeat === 'none' ? {} : input.count ? { count: input.count } : { until: input.until },
  );
  const timing = { startsAt, endsAt, timeZone, rrule };
  return transaction(async (tx) => {
    const meeting = await tx.meeting.create({
      data: {
        groupId: group.id,
        title: input.title,
        agenda: agenda ? (agenda.value.doc as never) : undefined,
        startsAt,
        endsAt,
        timeZone,
        place: input.place ?? null,
        link: input.link ?? null,
        visibility: input.visibility,
        rrule,
        lastStartsAt: lastStart(timing),
        createdById: actor.id,
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: actor.id,
      action: 'meeting.create',
      targetKind: 'group',
      targetId: group.id,
      after: { meetingId: meeting.id, title: input.title, rrule },
      requestId: caller.requestId,
    });
    return ok({ id: meeting.id, date: dateIn(startsAt, timeZone) });
  });
}

/** A meeting with its group's id and slug, or null. */
export async function meetingById(id: string) {
  if (id.length > 40) return null;
  return db().meeting.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      agenda: true,
      place: true,
      link: true,
      visibility: true,
      ...MEETING_TIMING,
      group: { select: { id: true, slug: true, name: true, channelId: true } },
    },
  });
}
export type Meeting = NonNullable<Awaited<ReturnType<typeof meetingById>>>;

/** A date of a meeting as it stands: moved or cancelled by its exception, or as the series has it. */
export type MeetingDate = Occurrence & { cancelled: boolean };
export function applyExceptions(meeting: Pick<Meeting, 'cancelledAt' | 'exceptions'>, dates: Occurrence[]): MeetingDate[] {
  const byStart = new Map(meeting.exceptions.map((e) => [e.originalStart.getTime(), e]));
  return dates.map((o) => {
    const e = byStart.get(o.originalStart.getTime());
    return {
      originalStart: o.originalStart,
      startsAt: e?.startsAt ?? o.startsAt,
      endsAt: e?.endsAt ?? o.endsAt,
      cancelled: !!meeting.cancelledAt || !!e?.cancelledAt,
    };
  });
}

/** The date of the meeting on `day` (YYYY-MM-DD of its original start, in its zone), or null. */
export function meetingDate(meeting: Meeting, day: string): MeetingDate | null {
  const found = occurrenceOn(meeting, day);
  return found ? applyExceptions(meeting, [found])[0]! : null;
}

/** Who may see a meeting: anyone for a public one, the group's members and leaders otherwise. */
export async function mayReadMeeting(user: SessionUser | null, meeting: { visibility: string; group: { id: string } }): Promise<boolean> {
  if (meeting.visibility === 'public') return true;
  return !!user && readsBoard(user, meeting.group.id, await membershipOf(meeting.group.id, user.id));
}

/** Who may answer: an active account that may see the meeting (members of a members-only one). */
async function mayAnswer(caller: Caller, meeting: Meeting): Promise<boolean> {
  return !!caller.user && caller.user.status === 'active' && (await mayReadMeeting(caller.user, meeting));
}

/** Answers yes, no or maybe for one date; the date must be upcoming and not cancelled. */
export async function answerMeeting(caller: Caller, meeting: Meeting, date: MeetingDate, answer: 'yes' | 'no' | 'maybe'): Promise<Result> {
  if (!(await mayAnswer(caller, meeting))) return fail.forbidden();
  if (date.cancelled) return fail.conflict('blockwatch:errors.rsvpCancelled');
  if (date.endsAt.getTime() <= Date.now()) return fail.conflict('blockwatch:errors.rsvpPast');
  const userId = caller.user!.id;
  const key = { meetingId: meeting.id, occurrenceStart: date.originalStart, userId };
  await db().rsvp.upsert({
    where: { meetingId_occurrenceStart_userId: key },
    create: { ...key, answer },
    update: { answer },
  });
  return ok();
}

/** The answers for one date: counts of each, and this person's own. */
export async function answersFor(meetingId: string, originalStart: Date, userId: string | undefined) {
  const rows = await db().rsvp.groupBy({ by: ['answer'], where: { meetingId, occurrenceStart: originalStart }, _count: { _all: true } });
  const counts = { yes: 0, no: 0, maybe: 0 } as Record<'yes' | 'no' | 'maybe', number>;
  for (const r of rows) if (r.answer in counts) counts[r.answer as keyof typeof counts] = r._count._all;
  const mine = userId
    ? ((await db().rsvp.findUnique({ where: { meetingId_occurrenceStart_userId: { meetingId, occurrenceStart: originalStart, userId } } }))
        ?.answer ?? null)
    : null;
  return { counts, mine };
}

/**
 * A leader cancels one upcoming date, or the whole series (`date` null): stored in one
 * transaction with a mail, in each reader's language, to everyone who had answered.
 */
export async function cancelMeeting(caller: Caller, meeting: Meeting, date: MeetingDate | null): Promise<Result> {
  const actor = caller.user;
  if (!actor || !decidesMembers(actor, meeting.group.id, await membershipOf(meeting.group.id, actor.id))) return fail.forbidden();
  if (meeting.cancelledAt || date?.cancelled) return fail.conflict('blockwatch:errors.alreadyCancelled');
  if (date && date.startsAt.getTime() <= Date.now()) return fail.conflict('blockwatch:errors.cancelPast');
  const now = new Date();
  return transaction(async (tx) => {
    // Checked again under the meeting's lock: a double submit cancels (and mails) once.
    if (await changedMeanwhile(tx, meeting.id, date)) return fail.conflict('blockwatch:errors.alreadyCancelled');
    if (date) {
      await tx.meetingOccurrence.upsert({
        where: { meetingId_originalStart: { meetingId: meeting.id, originalStart: date.originalStart } },
        create: { meetingId: meeting.id, originalStart: date.originalStart, cancelledAt: now },
        update: { cancelledAt: now },
      });
    } else {
      await tx.meeting.update({ where: { id: meeting.id }, data: { cancelledAt: now } });
    }
    // Those who answered a date still to come (that date only, when one is cancelled).
    // A moved date is named at its new time.
    const moved = new Map(meeting.exceptions.filter((e) => e.startsAt).map((e) => [e.originalStart.getTime(), e.startsAt!]));
    const told = await tellRepliers(tx, meeting, date ? { originalStart: date.originalStart } : { from: now }, (originalStart) => ({
      key: date ? 'cancelledDate' : 'cancelledSeries',
      when: date?.startsAt ?? moved.get(originalStart.getTime()) ?? originalStart,
    }));
    await audit(tx, {
      actorId: actor.id,
      action: date ? 'meeting.cancelDate' : 'meeting.cancel',
      targetKind: 'group',
      targetId: meeting.group.id,
      after: { meetingId: meeting.id, date: date?.originalStart.toISOString() ?? null, told },
      requestId: caller.requestId,
    });
    return ok();
  });
}

/** The minutes of one date (who wrote them, and how many came), or null. */
export async function minutesOf(meetingId: string, originalStart: Date) {
  return db().meetingMinutes.findUnique({
    where: { meetingId_occurrenceStart: { meetingId, occurrenceStart: originalStart } },
    select: { body: true, attendance: true, updatedAt: true, author: { select: { displayName: true, status: true } } },
  });
}

/** A leader records (or corrects) a date's minutes and attendance, once the meeting has started. */
export async function saveMinutes(
  caller: Caller,
  meeting: Meeting,
  date: MeetingDate,
  input: { body?: string; bodyText?: string; attendance: number },
): Promise<Result> {
  const actor = caller.user;
  if (!actor || !decidesMembers(actor, meeting.group.id, await membershipOf(meeting.group.id, actor.id))) return fail.forbidden();
  if (date.cancelled) return fail.conflict('blockwatch:errors.minutesCancelled');
  if (date.startsAt.getTime() > Date.now()) return fail.conflict('blockwatch:errors.minutesEarly');
  const body = bodyOf(input);
  if (!body.ok) return body;
  const key = { meetingId: meeting.id, occurrenceStart: date.originalStart };
  return transaction(async (tx) => {
    const data = { body: body.value.doc as never, attendance: input.attendance, authorId: actor.id };
    await tx.meetingMinutes.upsert({ where: { meetingId_occurrenceStart: key }, create: { ...key, ...data }, update: data });
    await audit(tx, {
      actorId: actor.id,
      action: 'meeting.minutes',
      targetKind: 'group',
      targetId: meeting.group.id,
      after: { meetingId: meeting.id, date: date.originalStart.toISOString(), attendance: input.attendance },
      requestId: caller.requestId,
    });
    return ok();
  });
}

/**
 * Mails everyone who answered the date (or any date from `from` on) about a change, once per
 * person, in their language: `mail(startsAt)` names the message (`meetingMail.<key>`) and the time
 * it gives. Returns how many were told.
 */
async function tellRepliers(
  tx: Tx,
  meeting: Meeting,
  dates: { originalStart: Date } | { from: Date },
  mail: (originalStart: Date) => { key: string; when: Date; was?: Date },
): Promise<number> {
  const rows = await tx.rsvp.findMany({
    where: { meetingId: meeting.id, occurrenceStart: 'from' in dates ? { gte: dates.from } : dates.originalStart },
    select: { occurrenceStart: true, userId: true, user: { select: { email: true, emailVerifiedAt: true, locale: true, status: true } } },
  });
  const readers = await stillReading(
    tx,
    meeting,
    rows.map((r) => r.userId),
  );
  const answered = rows.filter((r) => readers.has(r.userId));
  const city = (await getCity()).name;
  const link = `${getEnv().PUBLIC_URL}/groups/${meeting.group.slug}`;
  const told = new Set<string>();
  for (const { occurrenceStart, user } of answered) {
    if (!user.email || !user.emailVerifiedAt || user.status !== 'active' || told.has(user.email)) continue;
    told.add(user.email);
    const t = await fixedT(user.locale, ['blockwatch', 'mail']);
    const { key, when, was } = mail(occurrenceStart);
    const format = (d: Date) => formatDateTime(d, user.locale, meeting.timeZone, 'long');
    const values = { title: meeting.title, group: meeting.group.name, when: format(when), was: was ? format(was) : '', link, city };
    await queueMail(tx, {
      to: user.email,
      kind: 'meeting-changed',
      locale: user.locale,
      subject: t(`blockwatch:meetingMail.${key}.subject`, values),
      text: `${t(`blockwatch:meetingMail.${key}.body`, values)}\n\n— ${t('mail:signature', values)}`,
    });
  }
  return told.size;
}

/**
 * A leader moves one upcoming date (to a new start and end in the city's zone): the series keeps
 * its other dates, answers stay with the date, and everyone who answered it is mailed.
 */
export async function moveDate(
  caller: Caller,
  meeting: Meeting,
  date: MeetingDate,
  input: { startsAt: string; endsAt: string },
): Promise<Result> {
  const actor = caller.user;
  if (!actor || !decidesMembers(actor, meeting.group.id, await membershipOf(meeting.group.id, actor.id))) return fail.forbidden();
  if (date.cancelled) return fail.conflict('blockwatch:errors.alreadyCancelled');
  if (date.startsAt.getTime() <= Date.now()) return fail.conflict('blockwatch:errors.movePast');
  const startsAt = localDateTimeIn(input.startsAt, meeting.timeZone);
  const endsAt = localDateTimeIn(input.endsAt, meeting.timeZone);
  const times = timesProblem(startsAt, endsAt);
  if (times || !startsAt || !endsAt) return times ?? fail.invalid({ startsAt: msg('blockwatch:errors.dateTime') });
  if (startsAt.getTime() <= Date.now()) return fail.invalid({ startsAt: msg('blockwatch:errors.moveToPast') });
  return transaction(async (tx) => {
    if (await changedMeanwhile(tx, meeting.id, date)) return fail.conflict('blockwatch:errors.alreadyCancelled');
    const key = { meetingId: meeting.id, originalStart: date.originalStart };
    await tx.meetingOccurrence.upsert({
      where: { meetingId_originalStart: key },
      // A moved date is reminded again at its new time.
      create: { ...key, startsAt, endsAt },
      update: { startsAt, endsAt, remindedAt: null },
    });
    if (startsAt > (await tx.meeting.findUniqueOrThrow({ where: { id: meeting.id }, select: { lastStartsAt: true } })).lastStartsAt)
      await tx.meeting.update({ where: { id: meeting.id }, data: { lastStartsAt: startsAt } });
    const told = await tellRepliers(tx, meeting, { originalStart: date.originalStart }, () => ({
      key: 'moved',
      when: startsAt,
      was: date.startsAt,
    }));
    await audit(tx, {
      actorId: actor.id,
      action: 'meeting.move',
      targetKind: 'group',
      targetId: meeting.group.id,
      before: { meetingId: meeting.id, startsAt: date.startsAt.toISOString() },
      after: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), told },
      requestId: caller.requestId,
    });
    return ok();
  });
}

/**
 * Of these people, those who may still see the meeting: everyone for a public one; for a
 * members-only one, its group's active members and leaders (someone who answered and then left
 * or was removed hears nothing more of it).
 */
export async function stillReading(
  tx: Tx,
  meeting: { visibility: string; group: { id: string } },
  userIds: string[],
): Promise<Set<string>> {
  if (meeting.visibility === 'public' || !userIds.length) return new Set(userIds);
  const people = await tx.user.findMany({
    where: { id: { in: [...new Set(userIds)] } },
    select: {
      id: true,
      status: true,
      roleGrants: { select: { role: true, scopeKind: true, scopeId: true } },
      groupMemberships: { where: { groupId: meeting.group.id }, select: { status: true, role: true } },
    },
  });
  return new Set(
    people
      .filter((p) => readsBoard({ id: p.id, status: p.status, grants: p.roleGrants }, meeting.group.id, p.groupMemberships[0] ?? null))
      .map((p) => p.id),
  );
}

/**
 * Takes the meeting's lock (a write to its row, held until commit) and says whether the meeting,
 * or the given date, was cancelled since the page read it: cancelling, moving and reminding a date
 * then happen once, whatever arrives at the same moment.
 */
export async function changedMeanwhile(tx: Tx, meetingId: string, date: { originalStart: Date } | null): Promise<boolean> {
  const { cancelledAt } = await tx.meeting.update({
    where: { id: meetingId },
    data: { updatedAt: new Date() },
    select: { cancelledAt: true },
  });
  if (cancelledAt) return true;
  if (!date) return false;
  const exception = await tx.meetingOccurrence.findUnique({
    where: { meetingId_originalStart: { meetingId, originalStart: date.originalStart } },
    select: { cancelledAt: true },
  });
  return !!exception?.cancelledAt;
}

const DAY = 24 * 3600 * 1000;

/**
 * The dates of a meeting that fall in [from, to] as they now stand: the series' dates, moved or
 * cancelled by their exceptions, and dates moved into the window from outside it. Lists, the
 * reminder and the calendars read dates through here.
 */
export function datesBetween(
  meeting: Timing & Pick<Meeting, 'cancelledAt'> & { exceptions: Meeting['exceptions'] },
  from: Date,
  to: Date,
): MeetingDate[] {
  const series = occurrencesBetween(meeting, new Date(from.getTime() - DAY), new Date(to.getTime() + DAY));
  const known = new Set(series.map((o) => o.originalStart.getTime()));
  const movedIn = meeting.exceptions
    .filter(
      (e) => e.startsAt && e.startsAt.getTime() <= to.getTime() && e.endsAt && e.endsAt >= from && !known.has(e.originalStart.getTime()),
    )
    .map((e) => ({ originalStart: e.originalStart, startsAt: e.originalStart, endsAt: e.originalStart }));
  return applyExceptions(meeting, [...series, ...movedIn]).filter((d) => d.endsAt >= from && d.startsAt <= to);
}

/**
 * What is wrong with a meeting's start and end as read from the form, if anything: a time that is
 * no time, an end not after the start, more than 12 hours, or a start outside a year back and two
 * ahead.
 */
function timesProblem(startsAt: Date | null, endsAt: Date | null): Failure | null {
  if (!startsAt) return fail.invalid({ startsAt: msg('blockwatch:errors.dateTime') });
  if (!endsAt) return fail.invalid({ endsAt: msg('blockwatch:errors.dateTime') });
  if (endsAt <= startsAt) return fail.invalid({ endsAt: msg('blockwatch:errors.endBeforeStart') });
  if (endsAt.getTime() - startsAt.getTime() > 12 * 3600 * 1000) return fail.invalid({ endsAt: msg('blockwatch:errors.tooLong') });
  const now = Date.now();
  const year = 365 * 24 * 3600 * 1000;
  if (startsAt.getTime() < now - year || startsAt.getTime() > now + 2 * year)
    return fail.invalid({ startsAt: msg('blockwatch:errors.startRange') });
  return null;
}
