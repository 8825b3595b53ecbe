import type { Caller } from '~/lib/caller.server';
import type { Tx } from '~/lib/db.server';
import type { AuditAction } from '~/modules/audit/actions';
import { audit } from '~/modules/audit/audit.server';

/** Audits what the caller (a staff member) did to a service request, in the transaction that did it. */
export async function auditRequest(
  tx: Tx,
  caller: Caller,
  action: AuditAction,
  requestId: string,
  change: { before?: unknown; after?: unknown },
): Promise<void> {
  await audit(tx, {
    actorId: caller.user?.id ?? null,
    action,
    targetKind: 'service-request',
    targetId: requestId,
    ...change,
    requestId: caller.requestId,
  });
}
