import { afterCommit, type Tx } from '~/lib/db.server';
import { clearPageCache } from '~/modules/page-cache/page-cache.server';
import type { AuditAction, AuditTargetKind } from './actions';

/**
 * An audit entry for a staff or admin action, written in the same transaction as the change.
 * Such a change (the city's name or logo, a neighborhood, a page's text...) may show on any page,
 * so the anonymous page cache is emptied once it commits.
 */
export type AuditEntry = {
  actorId: string | null;
  action: AuditAction;
  targetKind: AuditTargetKind;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
};

export async function audit(tx: Tx, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetKind: entry.targetKind,
      targetId: entry.targetId ?? null,
      before: (entry.before ?? undefined) as never,
      after: (entry.after ?? undefined) as never,
      requestId: entry.requestId ?? null,
    },
  });
  afterCommit(tx, clearPageCache);
}

/** An entry whose action is one of a given area's (e.g. PlaceAuditAction), checked where it is written. */
export type AuditEntryOf<A extends AuditAction> = Omit<AuditEntry, 'action'> & { action: A };
