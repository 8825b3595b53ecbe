import { Prisma } from '~/generated/sqlite/client';
import { db } from '~/lib/db.server';
import type { LocalizedText } from '~/lib/i18n';

/**
 * Who may vote where (docs/decisions/0024-participatory-budgeting.md): a signed-in person with a
 * verified residency in the process's scope. The voting code asks `eligibleNeighborhood`; pages
 * show `residenciesOf`.
 */

/** The neighborhood through which the user may vote in the process (a verified residency in its
 *  scope: any neighborhood for scope 'city', one of its BudgetScope rows otherwise), or null. */
export async function eligibleNeighborhood(userId: string, process: { id: string; scope: string }): Promise<string | null> {
  const inScope =
    process.scope === 'city'
      ? Prisma.empty
      : Prisma.sql`AND EXISTS (SELECT 1 FROM "BudgetScope" s WHERE s."processId" = ${process.id} AND s."neighborhoodId" = r."neighborhoodId")`;
  // Several residencies in scope: the earliest verified one, so the answer never changes under a
  // vote. Raw SQL: every ballot asks (docs/decisions/0026-raw-sql-ballots-and-sessions.md).
  const [residency] = await db().$queryRaw<{ neighborhoodId: string }[]>`
    SELECT r."neighborhoodId" FROM "Residency" r JOIN "User" u ON u."id" = r."userId"
    WHERE r."userId" = ${userId} AND u."deletedAt" IS NULL ${inScope}
    ORDER BY r."verifiedAt", r."neighborhoodId" LIMIT 1`;
  return residency?.neighborhoodId ?? null;
}

export type ResidencyOf = { neighborhoodId: string; slug: string; name: LocalizedText; method: string; verifiedAt: Date };

/** The person's verified residencies, by neighborhood. */
export async function residenciesOf(userId: string): Promise<ResidencyOf[]> {
  const rows = await db().residency.findMany({
    where: { userId },
    select: { neighborhoodId: true, method: true, verifiedAt: true, neighborhood: { select: { slug: true, name: true } } },
    orderBy: { neighborhood: { slug: 'asc' } },
  });
  return rows.map((r) => ({
    neighborhoodId: r.neighborhoodId,
    slug: r.neighborhood.slug,
    name: r.neighborhood.name as LocalizedText,
    method: r.method,
    verifiedAt: r.verifiedAt,
  }));
}
