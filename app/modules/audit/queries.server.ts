import { db } from '~/lib/db.server';

export type AuditFilter = { action?: string; actor?: string; targetKind?: string; from?: Date; to?: Date; before?: number };
export const AUDIT_PAGE = 50;

/** Newest first, keyset-paginated by id (no OFFSET scans). */
export async function listAudit(filter: AuditFilter) {
  const rows = await db().auditLog.findMany({
    where: {
      action: filter.action ? { startsWith: filter.action } : undefined,
      targetKind: filter.targetKind || undefined,
      actor: filter.actor ? { OR: [{ email: filter.actor }, { displayName: { contains: filter.actor } }] } : undefined,
      createdAt: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
      id: filter.before ? { lt: filter.before } : undefined,
    },
    select: {
      id: true, action: true, targetKind: true, targetId: true, before: true, after: true, createdAt: true, requestId: true,
      actor: { select: { displayName: true, email: true } },
    },
    orderBy: { id: 'desc' },
    take: AUDIT_PAGE + 1,
  });
  const more = rows.length > AUDIT_PAGE;
  const page = more ? rows.slice(0, AUDIT_PAGE) : rows;
  return { entries: page, nextBefore: more ? page[page.length - 1].id : null };
}

export async function auditActions(): Promise<string[]> {
  const rows = await db().auditLog.findMany({ select: { action: true }, distinct: ['action'], orderBy: { action: 'asc' } });
  return rows.map((r) => r.action);
}
