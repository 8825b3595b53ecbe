import { db } from '~/lib/db.server';
import { mayReadMeeting } from '~/modules/blockwatch/meetings.server';
import { readsBoard } from '~/modules/blockwatch/policy';
import { membershipOf } from '~/modules/blockwatch/queries.server';
import { canModerate, canSeeThread } from '~/modules/channels/policy';
import { channelAccess } from '~/modules/channels/queries.server';
import { can } from '~/modules/identity/policy';
import type { SessionUser } from '~/modules/identity/session.server';
import { tokenMatches } from '~/modules/requests/tracking/tracking-links.server';
import { canHandleRequests, canReadRequest } from '~/modules/requests/policy';
import { followsRequest } from '~/modules/requests/tracking/request-queries.server';
import { canSeeSurveyResults } from '~/modules/surveys/guards.server';
import { parseRoom } from './names';

/**
 * Which rooms a socket may join, checked with the same policy the pages use. Deny by default:
 * a room kind not listed here is refused.
 *  - user:<id>     the user themself
 *  - channel:<id>  anyone who may read the channel (public: also anonymous readers)
 *  - thread:<id>   anyone who may read the thread in its channel
 *  - moderation:<channel id>  the channel's moderators and staff (their queue updates live)
 *  - department:<id>  staff, admins and that department's liaisons (new requests, the queue)
 *  - request:<id>  whoever may read the request: its requester and followers, staff and the
 *                  department's liaisons, and a browser holding its secret tracking link (the signed
 *                  request-access cookie sent with the handshake: `requestTokens`, code → token)
 *  - import:<id>   admins who may run legacy imports (the run's progress)
 *  - survey:<id>   whoever may read the survey's results (staff; residents once published)
 *  - group:<id>    a block-watch group's active members and leaders (its alerts)
 *  - meeting:<id>  whoever may read the meeting (anyone for a public one): the status of the
 *                  requests raised at it
 *  - budget:<id>   anyone: a participatory budget's phase (its pages are public)
 */
export async function canJoinRoom(user: SessionUser | null, room: string, requestTokens: Record<string, string> = {}): Promise<boolean> {
  const parsed = parseRoom(room);
  if (!parsed) return false;
  const { kind, id } = parsed;
  if (kind === 'user') return !!user && id === user.id;
  if (kind === 'channel') {
    const channel = await db().channel.findUnique({ where: { id }, select: { id: true, visibility: true } });
    return !!channel && (await channelAccess(user, channel)).readable;
  }
  if (kind === 'moderation') {
    const channel = await db().channel.findUnique({ where: { id }, select: { id: true, visibility: true } });
    return !!channel && canModerate(user, channel);
  }
  if (kind === 'thread') {
    const thread = await db().thread.findUnique({
      where: { id },
      select: { authorId: true, locked: true, hiddenAt: true, deletedAt: true, channel: { select: { id: true, visibility: true } } },
    });
    if (!thread) return false;
    return (await channelAccess(user, thread.channel)).readable && canSeeThread(user, thread.channel, thread);
  }
  if (kind === 'department') return canHandleRequests(user, id);
  if (kind === 'import') return can(user, 'manage:request-import');
  if (kind === 'survey') return canSeeSurveyResults(user, id);
  if (kind === 'group') return !!user && readsBoard(user, id, await membershipOf(id, user.id));
  if (kind === 'budget') return !!(await db().budgetProcess.findUnique({ where: { id }, select: { id: true } }));
  if (kind === 'meeting') {
    const meeting = await db().meeting.findUnique({ where: { id }, select: { visibility: true, group: { select: { id: true } } } });
    return !!meeting && (await mayReadMeeting(user, meeting));
  }
  if (kind === 'request') {
    const request = await db().serviceRequest.findUnique({
      where: { id },
      select: { publicCode: true, requesterId: true, departmentId: true, trackingTokenHash: true },
    });
    if (!request) return false;
    if (canReadRequest(user, request, tokenMatches(requestTokens[request.publicCode], request.trackingTokenHash))) return true;
    return canReadRequest(user, request, false, await followsRequest(user?.id, id));
  }
  return false;
}
