/**
 * Where a ballot counts (docs/decisions/0024-participatory-budgeting.md). A city-wide process is
 * one count with its total. A process of chosen neighborhoods may give some of them their own
 * amount: each of those is counted on its own (its projects, its voters' ballots, its amount), and
 * everything else (projects of no such neighborhood, the other voters) shares what is left of the
 * total. A district is named by its neighborhood's id, or '' for the shared rest.
 */
export type DistrictScope = { id: string; amount: string | null };
export type District = { key: string; budget: bigint };

const REST = '';

/** The districts of a process, each with its budget; the shared rest only when something is left for it. */
export function districtsOf(process: { total: string; scopes: DistrictScope[] }): District[] {
  const own = process.scopes.filter((s) => s.amount !== null).map((s) => ({ key: s.id, budget: BigInt(s.amount!) }));
  const rest = BigInt(process.total) - own.reduce((sum, d) => sum + d.budget, 0n);
  return rest > 0n || !own.length ? [...own, { key: REST, budget: rest }] : own;
}

/** The district of a voter's or a project's neighborhood. */
export function districtOf(process: { scopes: DistrictScope[] }, neighborhoodId: string | null): string {
  return neighborhoodId && process.scopes.some((s) => s.id === neighborhoodId && s.amount !== null) ? neighborhoodId : REST;
}
