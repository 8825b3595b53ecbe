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
] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

/** The verbs of city setup (places.server.ts). */
export const PLACE_AUDIT_ACTIONS = [
  'city.update',
  'neighborhood.create',
  'neighborhood.update',
  'neighborhood.delete',
  'department.create',
  'department.update',
  'department.delete',
] as const;
export type PlaceAuditAction = (typeof PLACE_AUDIT_ACTIONS)[number];

/** The verbs of the request catalog (requests/catalog/catalog.server.ts). */
export const CATALOG_AUDIT_ACTIONS = [
  'request-type.create',
  'request-type.update',
  'request-type.activate',
  'request-type.deactivate',
  'request-type.fields.add',
  'request-type.fields.update',
  'request-type.fields.remove',
  'request-type.fields.move',
] as const;
export type CatalogAuditAction = (typeof CATALOG_AUDIT_ACTIONS)[number];

/** Any action: `<something>.<verb>` (other areas compose theirs, e.g. `post.hide`). */
export type AuditAction = PlaceAuditAction | CatalogAuditAction | `${string}.${string}`;
