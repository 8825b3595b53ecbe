import { db } from '~/lib/db.server';
import type { LocalizedText } from '~/lib/i18n';
import { residenciesOf } from './eligibility.server';

/** What staff and the data export read of residencies (the writes are the methods' modules). */

export const RESIDENTS_PER_PAGE = 50;

/** Verified residents, newest first, one page (1-based) at a time, of one neighborhood or all. */
export async function listResidents(filter: { neighborhoodId?: string; page: number }) {
  const where = { user: { deletedAt: null }, ...(filter.neighborhoodId ? { neighborhoodId: filter.neighborhoodId } : {}) };
  const [rows, total] = await Promise.all([
    db().residency.findMany({
      where,
      select: {
        userId: true,
        neighborhoodId: true,
        method: true,
        verifiedAt: true,
        user: { select: { displayName: true, email: true } },
        neighborhood: { select: { name: true } },
      },
      orderBy: [{ verifiedAt: 'desc' }, { userId: 'asc' }, { neighborhoodId: 'asc' }],
      skip: (filter.page - 1) * RESIDENTS_PER_PAGE,
      take: RESIDENTS_PER_PAGE,
    }),
    db().residency.count({ where }),
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / RESIDENTS_PER_PAGE)),
    rows: rows.map((r) => ({
      userId: r.userId,
      neighborhoodId: r.neighborhoodId,
      neighborhood: r.neighborhood.name as LocalizedText,
      method: r.method,
      verifiedAt: r.verifiedAt,
      name: r.user.displayName,
      email: r.user.email,
    })),
  };
}

/** A person staff look up by e-mail, with their residencies, or null. */
export async function personByEmail(email: string) {
  const user = await db().user.findFirst({ where: { email, deletedAt: null }, select: { id: true, displayName: true, email: true } });
  return user ? { ...user, residencies: await residenciesOf(user.id) } : null;
}

/** The person's letter requests (pending, printed or used), newest first: their own page shows them. */
export async function lettersOf(userId: string) {
  return db().residencyCode.findMany({
    where: { userId },
    select: { address: true, createdAt: true, printedAt: true, usedAt: true, neighborhood: { select: { name: true } } },
    orderBy: { createdAt: 'desc' },
  });
}

/** What the account export holds of residency (never a code's hash). */
export async function residencyExportOf(userId: string) {
  const [residencies, letters] = await Promise.all([residenciesOf(userId), lettersOf(userId)]);
  return {
    residencies: residencies.map((r) => ({ neighborhood: r.slug, method: r.method, verifiedAt: r.verifiedAt })),
    residencyLetters: letters.map(({ neighborhood, ...l }) => ({ ...l, neighborhood: neighborhood.name })),
  };
}
