/**
 * Who may do what. Pure functions, no I/O: callers pass the user with their role grants and
 * the resource's scope. Deny by default: a permission not listed for a role is refused.
 *
 * Permission strings are `action:entity:any|own`. `any` on a city-wide grant applies anywhere;
 * on a scoped grant (a moderator of one channel, a liaison of one department) it applies only to
 * resources in that scope. `own` applies to resources the user owns.
 */
import { fail, type Failure } from '~/lib/result';
import { isRole, type Grant, type Role } from './values';

export { ROLE_SCOPE, ROLES, SCOPE_KINDS, type Grant, type Role } from './values';

export type Permission =
  | 'manage:city:any'
  | 'manage:role:any'
  | 'read:audit:any'
  | 'read:mail-outbox:any'
  | 'read:staff-directory:any'
  /** create topic channels, edit any channel */
  | 'manage:channel:any'
  /** read private channels, see held/hidden posts, moderate (hide, lock, pin, move, ...) */
  | 'moderate:channel:any'
  /** warn, suspend and ban accounts */
  | 'moderate:user:any'
  /** the service-request catalog: request types, their fields, targets and departments */
  | 'manage:request-type:any'
  /**
   * read and (later) handle service requests, contact details included: city-wide for admins and
   * staff, a department's requests for its liaisons (scoped grant)
   */
  | 'read:service-request:any'
  /**
   * record a service request on someone's behalf (phone, walk-in, mail...): city-wide for admins
   * and staff, a department's request types for its liaisons (scoped grant)
   */
  | 'record:service-request:any'
  /** Open311 API keys: issue and revoke (admins only: a key files requests in the city's name) */
  | 'manage:api-keys:any'
  /** the legacy import of historical service requests (admins only: it writes the city's history) */
  | 'manage:request-import:any'
  /**
   * turn a forum post into a service request, link it to one or unlink it: admins, city-wide
   * staff and liaisons (moderators of the post's channel too when the city allows it, see
   * canPromotePost in app/modules/requests/policy.ts)
   */
  | 'promote:post:any'
  /** build surveys (questions, audience, dates), read their results and answers, publish results */
  | 'manage:survey:any'
  /**
   * lead a block-watch group: decide who joins, remove members, invite links, the captaincy.
   * City-wide for admins and staff, one group for its captains (scoped grant); co-captains get
   * part of it from their membership (app/modules/blockwatch/policy.ts)
   */
  | 'lead:group:any'
  /**
   * run participatory budgets: create processes, move their phases, review proposals, enter paper
   * ballots, verify residents (docs/decisions/0024-participatory-budgeting.md)
   */
  | 'manage:budget:any'
  /** print residency letters, each with its one-time code (admins only: a code verifies a resident) */
  | 'print:residency-letter:any';

const STAFF: Permission[] = ['read:staff-directory:any'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...STAFF,
    'manage:city:any',
    'manage:role:any',
    'read:audit:any',
    'read:mail-outbox:any',
    'manage:channel:any',
    'moderate:channel:any',
    'moderate:user:any',
    // Admins only: a type's department, target and definition of "resolved" are city policy
    // that performance reports compare (docs/decisions/0010-request-catalog.md).
    'manage:request-type:any',
    'read:service-request:any',
    'record:service-request:any',
    'manage:api-keys:any',
    'manage:request-import:any',
    'promote:post:any',
    'manage:survey:any',
    'lead:group:any',
    'manage:budget:any',
    'print:residency-letter:any',
  ],
  staff: [
    ...STAFF,
    'manage:channel:any',
    'moderate:channel:any',
    'moderate:user:any',
    'read:service-request:any',
    'record:service-request:any',
    'promote:post:any',
    'manage:survey:any',
    'lead:group:any',
    'manage:budget:any',
  ],
  // A liaison's grant is scoped to one department, so they read that department's requests only
  // (promoting a post concerns no department: see CITY_WIDE_FOR_EVERY_GRANT).
  liaison: [...STAFF, 'read:service-request:any', 'record:service-request:any', 'promote:post:any'],
  // A moderator's grant is scoped to one channel, so moderate:channel applies there only.
  moderator: [...STAFF, 'moderate:channel:any'],
  // A captain's grant is scoped to one group, so lead:group applies there only.
  captain: [...STAFF, 'lead:group:any'],
  // A group's board (its channel), for its captains and co-captains: moderation there and nothing
  // else (no staff directory: co-captains are residents a captain chose, not city staff).
  groupLeader: ['moderate:channel:any'],
};

export type Actor = { id: string; status: string; grants: Grant[] } | null | undefined;
export type Resource = { scopeKind?: string | null; scopeId?: string | null; ownerId?: string | null };

/**
 * Permissions about no particular place: a scoped grant (a moderator of one channel) gives them
 * as fully as a city-wide one. Every role reads the staff directory, wherever it is scoped; a
 * liaison (scoped to a department) promotes posts in any channel, since posts belong to none.
 */
const CITY_WIDE_FOR_EVERY_GRANT: ReadonlySet<string> = new Set(['read:staff-directory', 'promote:post']);

type Action = Permission extends `${infer A}:${infer E}:${string}` ? `${A}:${E}` : never;

/** Can this actor do `action` (e.g. "manage:city") to this resource? */
export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  if (!actor || actor.status !== 'active') return false;
  for (const grant of actor.grants) {
    if (!isRole(grant.role)) continue;
    const perms = ROLE_PERMISSIONS[grant.role] as readonly string[];
    if (perms.includes(`${action}:any`)) {
      if (grant.scopeKind === null || CITY_WIDE_FOR_EVERY_GRANT.has(action)) return true;
      if (grant.scopeKind === resource.scopeKind && grant.scopeId === resource.scopeId) return true;
    }
    if (perms.includes(`${action}:own`) && resource.ownerId && resource.ownerId === actor.id) return true;
  }
  return false;
}

/**
 * A person's own account: anyone signed in edits it, but a suspended account keeps its name until
 * the suspension ends (no new name to evade it by).
 */
export function mayRename(actor: { status: string; displayName: string }, displayName: string): boolean {
  return actor.status === 'active' || displayName === actor.displayName;
}

/** The admin area's sections and the permission each needs; the admin index lists those allowed. */
const ADMIN_SECTIONS = [
  { id: 'city', path: '/admin/city', action: 'manage:city' },
  { id: 'neighborhoods', path: '/admin/neighborhoods', action: 'manage:city' },
  { id: 'departments', path: '/admin/departments', action: 'manage:city' },
  { id: 'pages', path: '/admin/pages', action: 'manage:city' },
  { id: 'requestTypes', path: '/admin/request-types', action: 'manage:request-type' },
  { id: 'roles', path: '/admin/roles', action: 'manage:role' },
  { id: 'audit', path: '/admin/audit', action: 'read:audit' },
  { id: 'mail', path: '/admin/mail', action: 'read:mail-outbox' },
  { id: 'apiKeys', path: '/admin/api-keys', action: 'manage:api-keys' },
  { id: 'imports', path: '/admin/imports', action: 'manage:request-import' },
  { id: 'residencyLetters', path: '/admin/residency-letters', action: 'print:residency-letter' },
] as const satisfies readonly { id: string; path: string; action: Action }[];
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export function adminSections(actor: Actor): AdminSection[] {
  return ADMIN_SECTIONS.filter((s) => can(actor, s.action));
}

/**
 * The check a use case opens with: the caller's user when they may do `action`, else the
 * forbidden failure (test it with `refused`). `authorize(caller, 'manage:city')`.
 */
export function authorize<U extends NonNullable<Actor>>(caller: { user: U | null }, action: Action, resource?: Resource): U | Failure {
  return caller.user && can(caller.user, action, resource) ? caller.user : fail.forbidden();
}

/** Did `authorize` refuse? */
export const refused = <U extends object>(who: U | Failure): who is Failure => 'ok' in who;
