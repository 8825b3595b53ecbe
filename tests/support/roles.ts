import { expect } from 'vitest';
import { DEMO, signedIn } from './client';

/**
 * The demo administrator grants `role` to the account `email` through the roles page, in `scope`
 * (e.g. `department:<id>`, or '' for a city-wide role).
 */
export async function grantRole(base: string, email: string, role: string, scope = '') {
  const admin = await signedIn(base, DEMO.admin);
  await admin.get('/admin/roles');
  const grant = await admin.post('/admin/roles', { intent: 'grant', email, role, scope });
  expect([302, 303]).toContain(grant.status);
}
