import { db } from '~/lib/db.server';
import { keysetPage } from '~/lib/keyset';

export type AuditFilter = { action?: string; actor?: string; targetKind?: string; from?: Date; to?: Date; before?: number };
const AUDIT_PAGE = 50;
const EXPORT_BATCH = 1000;

function where(filter: AuditFilter) {
  const actor = filter.actor?.trim();
  return {
    action: filter.action ? { startsWith: filter.action } : undefined,
    targetKind: filter.targetKind || undefined,
    // An address matches exactly (addresses are stored lower-case); anything else matches names.
    actor: actor ? (actor.includes('@') ? { email: actor.toLowerCase() } : { displayName: { contains: actor } }) : undefined,
    createdAt: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
    id: filter.before ? { lt: filter.before } : undefined,
  };
}

const select = {
  id: true,
  action: true,
  targetKind: true,
  targetId: true,
  before: true,
  after: true,
  createdAt: true,
  requestId: true,
  actor: { select: { id: true, displayName: true, email: true, status: true } },
} as const;

async function page(filter: AuditFilter, size: number) {
  const rows = await db().auditLog.findMany({ where: where(filter), select, orderBy: { id: 'desc' }, take: size + 1 });
  const { page: entries, nextAfter } = keysetPage(rows, size);
  return { entries, nextBefore: nextAfter };
}

/** Newest first, keyset-paginated by id (no OFFSET scans). */
export async function listAudit(filter: AuditFilter) {
  return page(filter, AUDIT_PAGE);
}

/** Every entry matching the filter, newest first, read in keyset batches (for CSV export). */
export async function* exportAudit(filter: AuditFilter) {
  let before = filter.before;
  for (;;) {
    const { entries, nextBefore } = await page({ ...filter, before }, EXPORT_BATCH);
    yield* entries;
    if (nextBefore === null) return;
    before = nextBefore;
  }
}

export async function auditActions(): Promise<string[]> {
  const rows = await db().auditLog.findMany({ select: { action: true }, distinct: ['action'], orderBy: { action: 'asc' } });
  return rows.map((r) => r.action);
}

export async function auditTargetKinds(): Promise<string[]> {
  const rows = await db().auditLog.findMany({ select: { targetKind: true }, distinct: ['targetKind'], orderBy: { targetKind: 'asc' } });
  return rows.map((r) => r.targetKind);
}
