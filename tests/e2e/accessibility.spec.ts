import { expect, test } from '@playwright/test';
import { expectAccessible, setLanguage, signIn, VIEWPORTS, DEMO } from './helpers';

/**
 * axe reports zero violations on every page, in both languages, at phone and desktop widths.
 * Pages are grouped by who can see them; each group signs in once.
 */
const PUBLIC_PAGES = ['/', '/signin', '/signup', '/signup/sent', '/forgot-password', '/reset-password?token=expired-or-unknown-token', '/no-such-page'];
const ACCOUNT_PAGES = ['/account', '/account/email', '/account/password', '/account/sessions', '/account/delete'];
const ADMIN_PAGES = ['/admin', '/admin/city', '/admin/neighborhoods', '/admin/departments', '/admin/roles', '/admin/audit', '/admin/mail', '/staff'];

for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
  for (const lng of ['en', 'es'] as const) {
    test.describe(`${viewportName}, ${lng}`, () => {
      test.use({ viewport });

      test('public pages', async ({ page }) => {
        await page.goto('/');
        await setLanguage(page, lng);
        for (const path of PUBLIC_PAGES) {
          await page.goto(path);
          await expect(page.locator('html')).toHaveAttribute('lang', lng);
          await expectAccessible(page);
        }
      });

      test('form errors', async ({ page }) => {
        await page.goto('/');
        await setLanguage(page, lng);
        await page.goto('/signup');
        await page.locator('form[method="post"] button[type="submit"]').last().click();
        await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
        await expectAccessible(page);
      });

      test('signed-in pages', async ({ page }) => {
        await signIn(page, DEMO.admin);
        await setLanguage(page, lng);
        for (const path of [...ACCOUNT_PAGES, ...ADMIN_PAGES]) {
          await page.goto(path);
          await expectAccessible(page);
        }
        // One edit page of each kind, reached from its list.
        for (const list of ['/admin/neighborhoods', '/admin/departments']) {
          await page.goto(list);
          const href = await page.locator(`main a[href^="${list}/"]`).first().getAttribute('href');
          await page.goto(href!);
          await expectAccessible(page);
        }
        // A form with errors.
        await page.goto('/admin/city');
        await page.locator('input[name="name"]').fill('');
        await page.locator('main form button[type="submit"]').first().click();
        await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
        await expectAccessible(page);
      });
    });
  }
}
