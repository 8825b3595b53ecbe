import { db, transaction } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { formatDateTime } from '~/lib/format';
import { fixedT } from '~/lib/i18n.server';
import { dateIn } from '~/lib/time';
import { queueMail } from '~/modules/mail/outbox.server';
import { getCity } from '~/modules/places/queries.server';
import { changedMeanwhile, datesBetween, MEETING_TIMING, stillReading } from './meetings.server';

/**
 * The reminder the day before a meeting (docs/decisions/0023-block-watch-design.md): once a
 * date is less than a day away, everyone who did not decline hears of it by mail: the group's
 * members who did not answer "no", and anyone else who answered yes or maybe (a public meeting).
 * Run by the jobs loop every quarter hour; a date is marked reminded in the transaction that
 * queues its mails, so it is reminded once whatever the runs.
 */
export const REMINDER_JOB = 'meetings.remind';
const DAY = 24 * 3600 * 1000;

export async function sendMeetingReminders(now = new Date()): Promise<{ dates: number; mails: number }> {
  const horizon = new Date(now.getTime() + DAY);
  const meetings = await db().meeting.findMany({
    // Any meeting with a date still to come: a date may be moved into the next day from later on.
    where: { cancelledAt: null, lastStartsAt: { gte: now } },
    select: {
      id: true,
      title: true,
      place: true,
      link: true,
      ...MEETING_TIMING,
      groupId: true,
      visibility: true,
      group: { select: { id: true, name: true } },
      exceptions: { select: { originalStart: true, startsAt: true, endsAt: true, cancelledAt: true, remindedAt: true } },
    },
  });
  let dates = 0;
  let mails = 0;
  for (const meeting of meetings) {
    const reminded = new Set(meeting.exceptions.filter((e) => e.remindedAt).map((e) => e.originalStart.getTime()));
    const due = datesBetween(meeting, now, horizon).filter(
      (d) => !d.cancelled && d.startsAt > now && d.startsAt <= horizon && !reminded.has(d.originalStart.getTime()),
    );
    for (const date of due) {
      mails += await remind(meeting, date, now);
      dates++;
    }
  }
  return { dates, mails };
}

type DueMeeting = {
  id: string;
  title: string;
  place: string | null;
  link: string | null;
  timeZone: string;
  groupId: string;
  visibility: string;
  group: { id: string; name: string };
};

async function remind(meeting: DueMeeting, date: { originalStart: Date; startsAt: Date }, now: Date): Promise<number> {
  return transaction(async (tx) => {
    const key = { meetingId: meeting.id, originalStart: date.originalStart };
    // Under the meeting's lock: a run that overlaps another (a lease that ran out) reminds once.
    if (await changedMeanwhile(tx, meeting.id, date)) return 0;
    const row = await tx.meetingOccurrence.findUnique({ where: { meetingId_originalStart: key }, select: { remindedAt: true } });
    if (row?.remindedAt) return 0;
    await tx.meetingOccurrence.upsert({
      where: { meetingId_originalStart: key },
      create: { ...key, remindedAt: now },
      update: { remindedAt: now },
    });
    const answers = await tx.rsvp.findMany({
      where: { meetingId: meeting.id, occurrenceStart: date.originalStart },
      select: { userId: true, answer: true },
    });
    const declined = answers.filter((a) => a.answer === 'no').map((a) => a.userId);
    const members = await tx.groupMembership.findMany({ where: { groupId: meeting.groupId, status: 'active' }, select: { userId: true } });
    const ids = new Set([...members.map((m) => m.userId), ...answers.filter((a) => a.answer !== 'no').map((a) => a.userId)]);
    for (const id of declined) ids.delete(id);
    // A members-only meeting: only those who may still see it (not someone who answered, then left).
    const readers = await stillReading(tx, meeting, [...ids]);
    const people = await tx.user.findMany({
      where: { id: { in: [...readers] }, status: 'active', email: { not: null }, emailVerifiedAt: { not: null } },
      select: { email: true, locale: true },
    });
    const city = (await getCity()).name;
    const page = `${getEnv().PUBLIC_URL}/meetings/${meeting.id}/${dateIn(date.originalStart, meeting.timeZone)}`;
    for (const person of people) {
      const t = await fixedT(person.locale, ['blockwatch', 'mail']);
      const values = {
        title: meeting.title,
        group: meeting.group.name,
        when: formatDateTime(date.startsAt, person.locale, meeting.timeZone, 'long'),
        where: meeting.place ?? meeting.link ?? t('blockwatch:reminderMail.noPlace'),
        page,
        city,
      };
      await queueMail(tx, {
        to: person.email!,
        kind: 'meeting-reminder',
        locale: person.locale,
        subject: t('blockwatch:reminderMail.subject', values),
        text: `${t('blockwatch:reminderMail.body', values)}\n\n— ${t('mail:signature', values)}`,
      });
    }
    return people.length;
  });
}
