import { db } from '~/lib/db.server';
import { normalizeAddress } from '~/modules/budgets/eligibility/address';

/**
 * Geocoding by the city's own address list (CensusAddress, the census list budgets' residency is
 * checked against): a typed address that matches an entry, compared in the same normalized form
 * (budgets/eligibility/address normalizeAddress), gives that entry's neighborhood. The list has
 * no coordinates, so a position alone snaps to nothing: the neighborhood chosen on the form is
 * kept then (neighborhoods have no boundaries either).
 */
export async function neighborhoodOfAddress(address: string | null | undefined): Promise<string | null> {
  const normalized = address ? normalizeAddress(address) : '';
  if (!normalized) return null;
  const entry = await db().censusAddress.findUnique({ where: { normalized }, select: { neighborhoodId: true } });
  return entry?.neighborhoodId ?? null;
}
