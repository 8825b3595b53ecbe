import { expect, test } from '@playwright/test';
import { DEMO, mailLink, setLanguage, signIn, uniqueEmail } from './helpers';

test('an admin grants the staff role: the grantee gains the staff directory, a resident is refused', async ({ browser, baseURL }) => {
  // A new resident signs up and confirms their address.
  const email = uniqueEmail('e2e-grantee');
  const grantee = await browser.newPage();
  await grantee.goto('/signup');
  await grantee.getByLabel('Display name').fill('Jordan Vega');
  await grantee.getByLabel('E-mail address').fill(email);
  await grantee.getByLabel('Password').fill('a fresh city morning');
  await grantee.getByLabel('I accept the terms of use and the privacy notice').check();
  await grantee.getByRole('button', { name: 'Create account' }).click();
  await grantee.goto(await mailLink(email, /Confirm/, baseURL!));
  await signIn(grantee, email, 'a fresh city morning');

  // Before: no staff link, and the page itself refuses.
  await expect(grantee.getByRole('link', { name: 'Staff directory' })).toHaveCount(0);
  const refused = await grantee.goto('/staff');
  expect(refused?.status()).toBe(403);
  await expect(grantee.getByRole('heading', { level: 1 })).toHaveText('Not allowed');

  // The admin grants the role.
  const admin = await browser.newPage();
  await signIn(admin, DEMO.admin);
  // Other tests may have left the demo admin's language setting on Spanish.
  await setLanguage(admin, 'en');
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
  await admin.getByRole('link', { name: 'Roles' }).first().click();
  await admin.getByLabel('E-mail address of the person').fill(email);
  await admin.getByLabel('Role', { exact: true }).selectOption('staff');
  await admin.getByRole('button', { name: 'Grant role' }).click();
  await expect(admin.getByRole('status')).toHaveText('The role was granted.');
  await expect(admin.getByRole('row', { name: /Jordan Vega/ })).toBeVisible();

  // After: on the very next request the grantee has access.
  await grantee.reload();
  await grantee.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff directory' }).click();
  await expect(grantee.getByRole('heading', { level: 1 })).toHaveText('Staff directory');

  // A resident is still refused.
  const resident = await browser.newPage();
  await signIn(resident, DEMO.resident);
  const denied = await resident.goto('/staff');
  expect(denied?.status()).toBe(403);

  // Revoking takes effect on the grantee's next request too.
  await admin
    .getByRole('row', { name: /Jordan Vega/ })
    .getByRole('button', { name: /Revoke/ })
    .click();
  await expect(admin.getByRole('status')).toHaveText('The role was revoked.');
  expect((await grantee.goto('/staff'))?.status()).toBe(403);
});
