import { z } from 'zod';
import { checkbox, msg, optionalText } from '~/lib/forms';
import { PublicCodeSchema, type RequestStatus } from './intake/intake-schemas';

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
export const OPEN_STATUSES = ['new', 'acknowledged', 'in_progress'] as const satisfies readonly RequestStatus[];

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
export function reopenFrom(r: { status: string; resolvedAt: Date | string | null; closedAt: Date | string | null }): Date | null {
  if (r.status !== 'resolved' && r.status !== 'closed') return null;
  const at = r.resolvedAt ?? r.closedAt;
  return at ? new Date(at) : null;
}

export function canReopen(r: { status: string; resolvedAt: Date | string | null; closedAt: Date | string | null }, reopenDays: number, now = new Date()): boolean {
  const from = reopenFrom(r);
  return !!from && now.getTime() - from.getTime() <= reopenDays * 24 * 3600 * 1000;
}

/** The statuses this request may move to now (reopening included when the window allows). */
export function allowedTransitions(r: { status: string; resolvedAt: Date | string | null; closedAt: Date | string | null }, reopenDays: number, now = new Date()): RequestStatus[] {
  const next = [...(FORWARD[r.status as RequestStatus] ?? [])];
  if (canReopen(r, reopenDays, now)) next.push('in_progress');
  return next;
}

export function isOverdue(r: { status: string; dueAt: Date | string }, now = new Date()): boolean {
  return isOpen(r.status) && new Date(r.dueAt).getTime() < now.getTime();
}

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const StatusChangeSchema = z
  .object({
    intent: z.literal('status'),
    status: z.enum(['acknowledged', 'in_progress', 'resolved', 'closed', 'duplicate', 'declined']),
    note: optionalText(4000),
    notePublic: checkbox(),
    resolution: optionalText(4000),
    reason: optionalText(2000),
    duplicateOf: z.preprocess(emptyToUndefined, PublicCodeSchema.optional()),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'resolved' && !v.resolution) ctx.addIssue({ code: 'custom', path: ['resolution'], message: msg('requests:handle.errors.resolutionRequired') });
    if (v.status === 'declined' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: msg('requests:handle.errors.reasonRequired') });
    if (v.status === 'duplicate' && !v.duplicateOf) ctx.addIssue({ code: 'custom', path: ['duplicateOf'], message: msg('requests:handle.errors.duplicateRequired') });
  });
export type StatusChange = z.infer<typeof StatusChangeSchema>;

export const NoteSchema = z.object({
  intent: z.literal('note'),
  note: z.string().trim().min(1).max(4000),
  notePublic: checkbox(),
});

export const AssignSchema = z.object({
  intent: z.literal('assign'),
  assignee: z.preprocess(emptyToUndefined, z.string().max(40).optional()),
});

export const HandleIntentSchema = z.object({ intent: z.enum(['status', 'note', 'assign', 'followUp']) });
