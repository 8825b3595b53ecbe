import { expect, test, type Browser } from '@playwright/test';
import { sql } from '../support/sql';
import { insertResident } from '../support/residents';
import { e2eDatabaseUrl, expectAccessible, hydrated, setLanguage, uniqueEmail, VIEWPORTS, watchErrors } from './helpers';

/**
 * Changed terms in a real browser: a resident whose accepted terms are older than the current ones
 * signs in, lands on /accept-terms, accepts with and without JavaScript and goes on where they
 * were going; the page and the banner pass axe in both languages at phone and desktop widths.
 */
const base = `http://localhost:${process.env.E2E_PORT ?? 4173}`;

/** A resident of their own (the demo accounts are shared) who accepted version 0: older than any. */
async function pendingResident() {
  const email = uniqueEmail('e2e-accept');
  const id = `accept${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  await insertResident(e2eDatabaseUrl(), { id, email, displayName: `Terms ${id.slice(-4)}`, neighborhoodId: null });
  await sql(e2eDatabaseUrl(), 'UPDATE "User" SET "termsVersion" = 0, "privacyVersion" = 0 WHERE "id" = $1', [id]);
  return email;
}

async function signInTo(browser: Browser, email: string, javaScriptEnabled: boolean, viewport?: { width: number; height: number }) {
  const context = await browser.newContext({ javaScriptEnabled, baseURL: base, ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  await page.goto('/signin?redirectTo=%2Frequests');
  if (javaScriptEnabled) await hydrated(page);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill('arroyo-verde-demo');
  await page.locator('form:has(input[name="password"]) button[type="submit"]').click();
  return page;
}

for (const javaScriptEnabled of [true, false])
  test(`a resident accepts the changed terms after signing in (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const email = await pendingResident();
    const page = await signInTo(browser, email, javaScriptEnabled);
    const errors = watchErrors(page);
    await expect(page).toHaveURL(/\/accept-terms\?redirectTo=%2Frequests$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Changed terms');
    await expect(page.getByRole('heading', { level: 2, name: 'Terms of use' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Privacy notice' })).toBeVisible();
    // Reading elsewhere is allowed, with a banner leading back.
    await page.goto('/');
    const banner = page.getByRole('link', { name: 'Read and accept the changes' });
    await expect(banner).toBeVisible();
    await banner.click();
    await expect(page).toHaveURL(/\/accept-terms\?redirectTo=%2F$/);
    if (javaScriptEnabled) await hydrated(page);
    await page.getByLabel('I have read and accept the current terms of use and privacy notice').check();
    await page.getByRole('button', { name: 'Accept and continue' }).click();
    await expect(page).toHaveURL(`${base}/`);
    await expect(page.getByRole('link', { name: 'Read and accept the changes' })).toHaveCount(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS))
    test(`the acceptance page and the banner are accessible in ${lng} at ${width} width, with no console error`, async ({ browser }) => {
      const email = await pendingResident();
      const page = await signInTo(browser, email, true, viewport);
      const errors = watchErrors(page);
      await expect(page).toHaveURL(/\/accept-terms/);
      await hydrated(page);
      if (lng === 'es') await setLanguage(page, 'es');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(lng === 'en' ? 'Changed terms' : 'Condiciones modificadas');
      await expectAccessible(page);
      await page.goto('/');
      await hydrated(page);
      await expect(page.locator('.alert-info a[href^="/accept-terms"]')).toBeVisible();
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await page.context().close();
    });
