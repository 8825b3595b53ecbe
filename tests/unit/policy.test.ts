import { describe, expect, it } from 'vitest';
import { can, mayRename, ROLE_PERMISSIONS, ROLES, type Actor } from '~/modules/identity/policy';
import { ACCOUNT_STATUSES, isClosed, ROLE_SCOPE, RoleSchema, SCOPE_KINDS } from '~/modules/identity/values';

const actor = (
  role: string | null,
  scope: { scopeKind: string | null; scopeId: string | null } = { scopeKind: null, scopeId: null },
  status = 'active',
): Actor => ({
  id: 'u1',
  status,
  grants: role ? [{ role, ...scope }] : [],
});

describe('can()', () => {
  it('denies anonymous visitors and residents everything', () => {
    for (const permission of new Set(Object.values(ROLE_PERMISSIONS).flat())) {
      const action = permission.replace(/:(any|own)$/, '') as Parameters<typeof can>[1];
      expect(can(null, action)).toBe(false);
      expect(can(actor(null), action)).toBe(false);
    }
  });

  it('gives admins city management, and nobody else', () => {
    for (const role of ROLES) expect(can(actor(role), 'manage:city')).toBe(role === 'admin');
  });

  it('gives admins the Open311 API keys, and nobody else', () => {
    for (const role of ROLES) expect(can(actor(role), 'manage:api-keys')).toBe(role === 'admin');
    expect(
      can(actor('liaison', { scopeKind: 'department', scopeId: 'd1' }), 'manage:api-keys', { scopeKind: 'department', scopeId: 'd1' }),
    ).toBe(false);
  });

  it('gives admins the request-type catalog, and nobody else (not staff, not a liaison of the department)', () => {
    for (const role of ROLES) expect(can(actor(role), 'manage:request-type')).toBe(role === 'admin');
    expect(
      can(actor('liaison', { scopeKind: 'department', scopeId: 'd1' }), 'manage:request-type', { scopeKind: 'department', scopeId: 'd1' }),
    ).toBe(false);
  });

  it('lets every role read the staff directory', () => {
    for (const role of ROLES) expect(can(actor(role, { scopeKind: 'department', scopeId: 'd1' }), 'read:staff-directory')).toBe(true);
  });

  it('denies suspended, banned and deleted accounts whatever their roles', () => {
    for (const status of ['suspended', 'banned', 'deleted']) expect(can(actor('admin', undefined, status), 'manage:city')).toBe(false);
  });

  it('ignores unknown roles (deny by default)', () => {
    expect(can(actor('superuser'), 'manage:city')).toBe(false);
  });
});

describe('mayRename()', () => {
  it('lets an active account take a new name, and a suspended one keep its own only', () => {
    expect(mayRename({ status: 'active', displayName: 'Rosa' }, 'Rosa M.')).toBe(true);
    expect(mayRename({ status: 'suspended', displayName: 'Rosa' }, 'Someone Else')).toBe(false);
    expect(mayRename({ status: 'suspended', displayName: 'Rosa' }, 'Rosa')).toBe(true);
  });
});

describe('identity values', () => {
  it('lists each status, role and scope kind once, with a scope kind for every scoped role', () => {
    expect(ACCOUNT_STATUSES).toEqual(['active', 'suspended', 'banned', 'deleted']);
    expect(ACCOUNT_STATUSES.filter(isClosed)).toEqual(['banned', 'deleted']);
    expect(new Set(ROLES).size).toBe(ROLES.length);
    for (const role of ROLES) expect([null, ...SCOPE_KINDS]).toContain(ROLE_SCOPE[role]);
    expect(RoleSchema.safeParse('superuser').success).toBe(false);
  });
});
