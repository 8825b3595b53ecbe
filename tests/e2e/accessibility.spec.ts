import { expect, test } from '@playwright/test';
import { expectAccessible, setLanguage, signIn, VIEWPORTS, DEMO } from './helpers';

/**
 * axe reports zero violations on every page, in both languages, at phone and desktop widths.
 * Pages are grouped by who can see them; each group signs in once.
 */
const PUBLIC_PAGES = ['/', '/signin', '/signup', '/signup/sent', '/forgot-password', '/reset-password?token=expired-or-unknown-token', '/no-such-page'];
const ACCOUNT_PAGES = ['/account', '/account/email', '/account/password', '/account/sessions', '/account/delete'];
const ADMIN_PAGES: string[] = [];

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
        expect(ACCOUNT_PAGES.length + ADMIN_PAGES.length).toBeGreaterThanOrEqual(0);
        await setLanguage(page, lng);
        for (const path of [...ACCOUNT_PAGES, ...ADMIN_PAGES]) {
          await page.goto(path);
          await expectAccessible(page);
        }
      });
    });
  }
}
