import { db } from '~/lib/db.server';

/**
 * What the account export holds of a person's block-watch meetings: their answers, the meetings
 * they scheduled, the minutes they wrote, the invite links they made and their private calendar
 * links (without tokens: only their hashes are kept).
 */
export async function blockWatchMeetingsOf(userId: string) {
  const [answers, scheduled, minutes, invites, calendars] = await Promise.all([
    db().rsvp.findMany({
      where: { userId },
      select: {
        answer: true,
        occurrenceStart: true,
        updatedAt: true,
        meeting: { select: { title: true, group: { select: { slug: true } } } },
      },
      orderBy: { occurrenceStart: 'asc' },
    }),
    db().meeting.findMany({
      where: { createdById: userId },
      select: { title: true, startsAt: true, rrule: true, visibility: true, createdAt: true, group: { select: { slug: true } } },
      orderBy: { createdAt: 'asc' },
    }),
    db().meetingMinutes.findMany({
      where: { authorId: userId },
      select: { occurrenceStart: true, attendance: true, body: true, updatedAt: true, meeting: { select: { title: true } } },
      orderBy: { occurrenceStart: 'asc' },
    }),
    db().groupInvite.findMany({
      where: { createdById: userId },
      select: { createdAt: true, revokedAt: true, group: { select: { slug: true } } },
      orderBy: { createdAt: 'asc' },
    }),
    db().calendarToken.findMany({
      where: { userId },
      select: { createdAt: true, group: { select: { slug: true } } },
      orderBy: { createdAt: 'asc' },
    }),
  ]);
  return {
    blockWatchMeetingAnswers: answers.map(({ meeting, ...a }) => ({ meeting: meeting.title, group: meeting.group.slug, ...a })),
    blockWatchMeetingsScheduled: scheduled.map(({ group, ...m }) => ({ group: group.slug, ...m })),
    blockWatchMinutesWritten: minutes.map(({ meeting, ...m }) => ({ meeting: meeting.title, ...m })),
    blockWatchInvitesMade: invites.map(({ group, ...i }) => ({ group: group.slug, ...i })),
    blockWatchCalendarLinks: calendars.map(({ group, ...c }) => ({ group: group.slug, ...c })),
  };
}
