import { describe, expect, it } from 'vitest';
import { can, ROLE_PERMISSIONS, ROLES, type Actor } from '~/modules/identity/policy';

const actor = (role: string | null, scope: { scopeKind: string | null; scopeId: string | null } = { scopeKind: null, scopeId: null }, status = 'active'): Actor => ({
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
    expect(can(actor('liaison', { scopeKind: 'department', scopeId: 'd1' }), 'manage:api-keys', { scopeKind: 'department', scopeId: 'd1' })).toBe(false);
  });

  it('gives admins the request-type catalog, and nobody else (not staff, not a liaison of the department)', () => {
    for (const role of ROLES) expect(can(actor(role), 'manage:request-type')).toBe(role === 'admin');
    expect(can(actor('liaison', { scopeKind: 'department', scopeId: 'd1' }), 'manage:request-type', { scopeKind: 'department', scopeId: 'd1' })).toBe(false);
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
