import { OPEN_STATUSES, type RequestStatus } from './values';

/**
 * The staff lifecycle of a service request (pure, shared by browser and server).
 *
 *   new → acknowledged → in_progress → resolved → closed
 *
 * Staff may skip ahead among the open states (a pothole filled on the first visit goes from new
 * straight to resolved); any open request may become a duplicate (of another request) or be
 * declined (with a reason). A resolved or closed request may be reopened (back to in_progress)
 * within the reopen window (REQUEST_REOPEN_DAYS, counted from when it was resolved or closed).
 * Duplicate and declined are final.
 */

const FORWARD: Record<RequestStatus, RequestStatus[]> = {
  new: ['acknowledged', 'in_progress', 'resolved', 'duplicate', 'declined'],
  acknowledged: ['in_progress', 'resolved', 'duplicate', 'declined'],
  in_progress: ['resolved', 'duplicate', 'declined'],
  resolved: ['closed'],
  closed: [],
  duplicate: [],
  declined: [],
};

export function isOpen(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** The moment a finished request's reopen window starts (null: not reopenable). */
function reopenFrom(r: { status: string; resolvedAt: Date | string | null; closedAt: Date | string | null }): Date | null {
  if (r.status !== 'resolved' && r.status !== 'closed') return null;
  const at = r.resolvedAt ?? r.closedAt;
  return at ? new Date(at) : null;
}

export function canReopen(
  r: { status: string; resolvedAt: Date | string | null; closedAt: Date | string | null },
  reopenDays: number,
  now = new Date(),
): boolean {
  const from = reopenFrom(r);
  return !!from && now.getTime() - from.getTime() <= reopenDays * 24 * 3600 * 1000;
}

/** The statuses this request may move to now (reopening included when the window allows). */
export function allowedTransitions(
  r: { status: string; resolvedAt: Date | string | null; closedAt: Date | string | null },
  reopenDays: number,
  now = new Date(),
): RequestStatus[] {
  const next = [...(FORWARD[r.status as RequestStatus] ?? [])];
  if (canReopen(r, reopenDays, now)) next.push('in_progress');
  return next;
}

export function isOverdue(r: { status: string; dueAt: Date | string }, now = new Date()): boolean {
  return isOpen(r.status) && new Date(r.dueAt).getTime() < now.getTime();
}
