import type { Caller } from '~/lib/caller.server';
import { db, type Tx } from '~/lib/db.server';
import { roomOf } from '~/modules/realtime/names';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { mayReadMeeting, meetingById, meetingDate } from './meetings.server';

/**
 * Issues raised at a meeting, recorded by staff as service requests with source "meeting"
 * (docs/decisions/0023-block-watch-design.md): a `RequestLink` of kind `meeting` whose target is
 * the date's address, `<meeting id>/<YYYY-MM-DD>`, so the meeting's page lists its requests and
 * the request's page names its meeting.
 */
const TARGET = /^([a-z0-9]{1,40})\/(\d{4}-\d{2}-\d{2})$/;

/**
 * The meeting date a recording form names (`?meeting=<id>/<date>`), or null if there is none such
 * or the caller may not see that meeting (a liaison learns nothing of a members-only one).
 */
export async function meetingReference(value: unknown, caller: Caller) {
  const m = typeof value === 'string' ? TARGET.exec(value) : null;
  if (!m) return null;
  const meeting = await meetingById(m[1]);
  const date = meeting ? meetingDate(meeting, m[2]) : null;
  if (!meeting || !date || !(await mayReadMeeting(caller.user, meeting))) return null;
  return { meeting, date, target: value as string };
}

/** In the filing's transaction: links the request to its meeting date and tells the meeting's page. */
export async function linkToMeeting(tx: Tx, requestId: string, reference: { meeting: { id: string }; target: string }) {
  await tx.requestLink.create({ data: { requestId, targetKind: 'meeting', targetId: reference.target } });
  await publishAfterCommit(tx, [{ room: roomOf('meeting', reference.meeting.id), type: 'request.linked', payload: { requestId } }]);
}

/** The requests raised at a meeting date, oldest first, with their status (the minutes list them). */
export async function requestsRaisedAt(meetingId: string, date: string) {
  const links = await db().requestLink.findMany({
    where: { targetKind: 'meeting', targetId: `${meetingId}/${date}` },
    select: { request: { select: { id: true, publicCode: true, status: true, type: { select: { name: true } } } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return links.map(({ request }) => ({ id: request.id, code: request.publicCode, status: request.status, type: request.type.name }));
}

/** The meeting dates a request was raised at, as far as this caller may see each meeting. */
export async function meetingsOfRequest(caller: Caller, requestId: string) {
  const links = await db().requestLink.findMany({ where: { requestId, targetKind: 'meeting' }, select: { targetId: true } });
  const out: { path: string; title: string; startsAt: string; timeZone: string }[] = [];
  for (const link of links) {
    const ref = await meetingReference(link.targetId, caller);
    if (ref)
      out.push({
        path: `/meetings/${link.targetId}`,
        title: ref.meeting.title,
        startsAt: ref.date.startsAt.toISOString(),
        timeZone: ref.meeting.timeZone,
      });
  }
  return out;
}
