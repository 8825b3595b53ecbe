import { expect, test } from '@playwright/test';
import { mailLink, setLanguage, signIn, uniqueEmail } from './helpers';

test('sign up, confirm by mail, sign in, switch to Spanish, sign out', async ({ page, baseURL }) => {
  const email = uniqueEmail('e2e-signup');
  const password = 'a quiet street at dusk';
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Display name').fill('Elena Torres');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Home neighborhood').selectOption({ label: 'Riverside' });
  await page.getByLabel('I accept the terms of use and the privacy notice').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();

  const link = await mailLink(email, /Confirm your e-mail/, baseURL!);
  await page.goto(link);
  await expect(page.getByRole('status')).toContainText('Your e-mail address is confirmed');

  await signIn(page, email, password);
  await expect(page.getByText('Signed in as Elena Torres')).toBeVisible();

  await setLanguage(page, 'es');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenidos a Arroyo Verde');
  await expect(page.getByRole('navigation', { name: 'Principal' })).toBeVisible();
  // The choice sticks to the account: a reload stays in Spanish.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');

  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page.getByRole('status')).toHaveText('Ha cerrado la sesión.');
  await expect(page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Iniciar sesión' })).toBeVisible();
});

test('reset a forgotten password by mail', async ({ page, baseURL }) => {
  const email = uniqueEmail('e2e-reset');
  await page.goto('/signup');
  await page.getByLabel('Display name').fill('Tomás Ruiz');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill('first secret phrase');
  await page.getByLabel('I accept the terms of use and the privacy notice').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.goto(await mailLink(email, /Confirm/, baseURL!));

  await page.goto('/signin');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reset your password');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toContainText('reset link is on its way');

  await page.goto(await mailLink(email, /Reset your password/, baseURL!));
  await page.getByLabel('New password', { exact: true }).fill('second secret phrase');
  await page.getByLabel('Repeat the new password').fill('second secret phrase');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password is changed');

  await signIn(page, email, 'second secret phrase');
  // The link works once only.
  await page.goto(await mailLink(email, /Reset your password/, baseURL!));
  await expect(page.getByRole('alert')).toContainText('not valid');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('sign in and switch language with plain HTML forms', async ({ page }) => {
    await signIn(page, 'staff@arroyoverde.example');
    await setLanguage(page, 'es');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenidos a Arroyo Verde');
    await setLanguage(page, 'en');
  });
});
