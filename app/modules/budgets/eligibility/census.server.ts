import type { Caller } from '~/lib/caller.server';
import { bulkInsert, newRowId, type Column } from '~/lib/bulk-insert.server';
import { db, transaction } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import { fail, ok, type Result } from '~/lib/result';
import { refused } from '~/modules/identity/policy';
import { audit } from '~/modules/audit/audit.server';
import { managesBudgets } from '../policy';
import { normalizeAddress } from './address';
import type { CensusRow } from './census-file';
import { attemptBy, recordOwnResidency, type VerifyResidency } from './residency.server';

/**
 * The census method: staff upload the city's address list (checked whole by census-file.ts, then
 * replacing the previous list in one transaction), and a signed-in person whose typed address
 * matches one of its entries, once both are normalized (address.ts), is a verified resident of
 * that entry's neighborhood.
 */
const CENSUS_COLUMNS: readonly Column[] = [
  ['id', 'text'],
  ['normalized', 'text'],
  ['address', 'text'],
  ['neighborhoodId', 'text'],
  ['importedAt', 'timestamp'],
];

export async function replaceCensus(caller: Caller, input: { fileName: string; rows: CensusRow[] }): Promise<Result<{ count: number }>> {
  const actor = caller.user;
  if (!actor || !managesBudgets(actor)) return fail.forbidden();
  return transaction(async (tx) => {
    const { count: removed } = await tx.censusAddress.deleteMany({});
    const now = new Date();
    await bulkInsert(
      tx,
      'CensusAddress',
      CENSUS_COLUMNS,
      input.rows.map((r) => [newRowId(), r.normalized, r.address, r.neighborhoodId, now]),
    );
    await audit(tx, {
      actorId: actor.id,
      action: 'residency.census-replace',
      targetKind: 'city',
      after: { fileName: input.fileName, addresses: input.rows.length, replaced: removed },
      requestId: caller.requestId,
    });
    return ok({ count: input.rows.length });
  });
}

/** The list as it stands: how many addresses per neighborhood, and when it was last uploaded. */
export async function censusSummary() {
  const [groups, latest] = await Promise.all([
    db().censusAddress.groupBy({ by: ['neighborhoodId'], _count: { _all: true } }),
    db().censusAddress.findFirst({ select: { importedAt: true }, orderBy: { importedAt: 'desc' } }),
  ]);
  return {
    perNeighborhood: Object.fromEntries(groups.map((g) => [g.neighborhoodId, g._count._all])),
    total: groups.reduce((sum, g) => sum + g._count._all, 0),
    importedAt: latest?.importedAt ?? null,
  };
}

export const verifyByAddress: VerifyResidency<{ address: string }> = async (caller, input) => {
  const actor = await attemptBy(caller, 'residencyAddressAccount');
  if (refused(actor)) return actor;
  const normalized = normalizeAddress(input.address);
  const entry = normalized
    ? await db().censusAddress.findUnique({ where: { normalized }, select: { id: true, neighborhoodId: true } })
    : null;
  if (!entry) return fail.invalid({ address: msg('eligibility:errors.noMatch') });
  return transaction(async (tx) =>
    ok(
      await recordOwnResidency(
        tx,
        { ...caller, user: actor },
        { neighborhoodId: entry.neighborhoodId, method: 'census', evidence: { censusAddressId: entry.id } },
      ),
    ),
  );
};
