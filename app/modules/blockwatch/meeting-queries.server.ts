import { db } from '~/lib/db.server';
import { dateIn } from '~/lib/time';
import { datesBetween, MEETING_TIMING } from './meetings.server';

/** An upcoming date of a meeting, as lists show it and link to it (`/meetings/<id>/<date>`). */
export type UpcomingDate = {
  meetingId: string;
  groupId: string;
  title: string;
  visibility: string;
  date: string;
  startsAt: string;
  place: string | null;
};

/** How far ahead lists look for a group's next meetings. */
const HORIZON_DAYS = 400;

/**
 * The next dates (not cancelled, not over) of the meetings of these groups, soonest first:
 * public ones, and members-only ones of the groups in `membersOf`. Series are expanded in their
 * zone (recurrence.ts); a changed or cancelled date counts as it now stands.
 */
export async function upcomingDates(groupIds: string[], membersOf: ReadonlySet<string>, now = new Date()): Promise<UpcomingDate[]> {
  if (!groupIds.length) return [];
  const meetings = await db().meeting.findMany({
    where: {
      groupId: { in: groupIds },
      cancelledAt: null,
      lastStartsAt: { gte: new Date(now.getTime() - 12 * 3600 * 1000) },
      OR: [{ visibility: 'public' }, { groupId: { in: [...membersOf] } }],
    },
    select: {
      id: true,
      groupId: true,
      title: true,
      visibility: true,
      place: true,
      ...MEETING_TIMING,
    },
  });
  const until = new Date(now.getTime() + HORIZON_DAYS * 24 * 3600 * 1000);
  return meetings
    .flatMap((m) =>
      datesBetween(m, now, until)
        .filter((d) => !d.cancelled && d.endsAt > now)
        .map((d) => ({
          meetingId: m.id,
          groupId: m.groupId,
          title: m.title,
          visibility: m.visibility,
          date: dateIn(d.originalStart, m.timeZone),
          startsAt: d.startsAt.toISOString(),
          place: m.place,
        })),
    )
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** Each group's next public meeting date (the directory), by group id. */
export async function nextPublicDates(groupIds: string[]): Promise<Map<string, UpcomingDate>> {
  const next = new Map<string, UpcomingDate>();
  for (const d of await upcomingDates(groupIds, new Set())) if (!next.has(d.groupId)) next.set(d.groupId, d);
  return next;
}
