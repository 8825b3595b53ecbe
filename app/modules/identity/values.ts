import { z } from 'zod';

/**
 * Identity's domain values, in one place: the lists (`as const`), their types and their zod
 * enums. Schemas, policies, queries and pages take them from here; the database stores the same
 * strings.
 */

/** An account's life: `active`, `suspended` (for a while: see suspendedUntil), `banned`, `deleted` (erased, the row stays). */
export const ACCOUNT_STATUSES = ['active', 'suspended', 'banned', 'deleted'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Accounts that can no longer sign in, use mailed links or be granted roles. */
const CLOSED_STATUSES: readonly AccountStatus[] = ['banned', 'deleted'];
export function isClosed(status: string): boolean {
  return (CLOSED_STATUSES as readonly string[]).includes(status);
}

/** The roles admins grant on the admin roles page. */
export const ROLES = ['admin', 'staff', 'moderator', 'captain', 'liaison'] as const;
/**
 * Roles the app keeps in step by itself and nobody grants by hand: `groupLeader`, a block-watch
 * group's captains and co-captains moderating its board (app/modules/blockwatch/group-rows.server.ts).
 */
export const KEPT_ROLES = ['groupLeader'] as const;
export type Role = (typeof ROLES)[number] | (typeof KEPT_ROLES)[number];
export const RoleSchema = z.enum(ROLES);
export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role) || (KEPT_ROLES as readonly string[]).includes(role);
}

/** The places a role can be scoped to. */
export const SCOPE_KINDS = ['channel', 'group', 'department'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** Which scope each role takes: city-wide roles take none, the others exactly one kind. */
export const ROLE_SCOPE: Record<Role, ScopeKind | null> = {
  admin: null,
  staff: null,
  moderator: 'channel',
  captain: 'group',
  liaison: 'department',
  groupLeader: 'channel',
};

/** A role held by a person: city-wide (no scope) or in one place. */
export type Grant = { role: string; scopeKind: string | null; scopeId: string | null };

/** The kinds of single-use links mailed to a person. */
export const TOKEN_KINDS = ['verify_email', 'reset_password', 'change_email'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];
