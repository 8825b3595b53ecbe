/**
 * What the audit log records, typed once. Every entry names the kind of thing changed
 * (`targetKind`) and an action `<kind>.<verb>`; the admin page words the kinds from
 * `admin:targetKinds.<kind>`. City setup and the request catalog list their actions in full.
 */
export const AUDIT_TARGET_KINDS = [
  'city',
  'neighborhood',
  'department',
  'user',
  'channel',
  'group',
  'thread',
  'post',
  'request',
  'service-request',
  'request-type',
  'api-key',
  'import-run',
  'survey',
  'budget',
  'proposal',
  'budget-facts',
  'site-page',
] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

/** The actions `<kind>.<verb>` of one kind of row: `verbsOf('neighborhood', ['create'])` is `['neighborhood.create']`. */
function verbsOf<const K extends string, const V extends readonly string[]>(kind: K, verbs: V) {
  return verbs.map((verb) => `${kind}.${verb}`) as { [I in keyof V]: `${K}.${V[I]}` };
}
const CRUD = ['create', 'update', 'delete'] as const;

/** The verbs of city setup (places.server.ts). */
export const PLACE_AUDIT_ACTIONS = [
  'city.update',
  'city.logo-set',
  'city.logo-remove',
  ...verbsOf('neighborhood', CRUD),
  ...verbsOf('department', CRUD),
] as const;
export type PlaceAuditAction = (typeof PLACE_AUDIT_ACTIONS)[number];

/** The verbs of the request catalog (requests/catalog/catalog.server.ts). */
export const CATALOG_AUDIT_ACTIONS = [
  ...verbsOf('request-type', ['create', 'update', 'activate', 'deactivate']),
  ...verbsOf('request-type.fields', ['add', 'update', 'remove', 'move']),
] as const;
export type CatalogAuditAction = (typeof CATALOG_AUDIT_ACTIONS)[number];

/**
 * Residency for participatory budgets (budgets/eligibility): verified (by staff, the census or a
 * letter's code) and revoked about a person; the census replaced and letters printed about the city.
 */
export const RESIDENCY_AUDIT_ACTIONS = [
  'residency.verify',
  'residency.revoke',
  'residency.census-replace',
  'residency.letters-print',
] as const;
export type ResidencyAuditAction = (typeof RESIDENCY_AUDIT_ACTIONS)[number];

/** Any action: `<something>.<verb>` (other areas compose theirs, e.g. `post.hide`). */
export type AuditAction = PlaceAuditAction | CatalogAuditAction | ResidencyAuditAction | `${string}.${string}`;
