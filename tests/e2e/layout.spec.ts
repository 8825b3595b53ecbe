import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, signedIn, VIEWPORTS, watchErrors } from './helpers';

/**
 * The page shell in a real browser (issue 15): on a phone the page starts right under a one-row
 * header, the navigation opens from its Menu disclosure with and without JavaScript, and a bottom
 * bar keeps the four main places; on a desktop the navigation is in the header. axe finds nothing
 * in either theme, language or width, with the menu closed and open.
 */
const base = () => `http://localhost:${process.env.E2E_PORT ?? 4173}`;

for (const javaScriptEnabled of [true, false])
  test(`on a phone the menu opens and leads anywhere, and the page starts within 120 px (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, viewport: VIEWPORTS.phone, baseURL: base() });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    const heading = page.getByRole('heading', { level: 1 });
    expect((await heading.boundingBox())!.y).toBeLessThan(120);
    // Folded: the header shows the city and the Menu button, not the links.
    const menu = page.locator('.site-menu');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Budgets' })).toHaveCount(0);
    await page.getByText('Menu', { exact: true }).click();
    await expect(menu.getByRole('link', { name: 'Budgets' })).toBeVisible();
    await menu.getByRole('link', { name: 'Budgets' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Participatory budgets');
    // The menu is closed on the new page, with or without JavaScript.
    await expect(menu.locator('.site-menu-panel')).toBeHidden();
    // The bottom bar: four places, the current one marked.
    const tabs = page.getByRole('navigation', { name: 'Quick links' });
    await expect(tabs.getByRole('link')).toHaveText(['Home', 'Channels', 'Report', 'Sign in']);
    await tabs.getByRole('link', { name: 'Channels' }).click();
    await expect(tabs.getByRole('link', { name: 'Channels' })).toHaveAttribute('aria-current', 'page');
    expect(errors).toEqual([]);
    await context.close();
  });

test('signed in on a phone, the bottom bar leads to the account and the menu signs out', async ({ browser }) => {
  const page = await signedIn(browser, DEMO.resident, true, 'en');
  await page.setViewportSize(VIEWPORTS.phone);
  const errors = watchErrors(page);
  await page.goto('/channels');
  const tabs = page.getByRole('navigation', { name: 'Quick links' });
  await tabs.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
  await page.getByText('Menu', { exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(tabs.getByRole('link', { name: 'Sign in' })).toBeVisible();
  expect(errors).toEqual([]);
  await page.context().close();
});

test('a menu opened on a slow phone before the scripts arrive stays open once they run', async ({ browser }) => {
  const context = await browser.newContext({ viewport: VIEWPORTS.phone, baseURL: base() });
  const page = await context.newPage();
  const errors = watchErrors(page);
  // Hold the scripts back until the person has opened the menu.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/build/**/*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  await page.getByText('Menu', { exact: true }).click();
  await expect(page.locator('.site-menu-panel')).toBeVisible();
  release();
  // Hydrated, and its effects run (a frame and a task later), the menu is still open.
  await page.waitForFunction(() => '__remixRouter' in window);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
  await expect(page.locator('.site-menu-panel')).toBeVisible();
  // And it still closes on a change of page.
  await page.locator('.site-menu').getByRole('link', { name: 'Budgets' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Participatory budgets');
  await expect(page.locator('.site-menu-panel')).toBeHidden();
  expect(errors).toEqual([]);
  await context.close();
});

test('on a desktop the navigation is in the header and there is no bottom bar', async ({ browser }) => {
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop, baseURL: base() });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Budgets' })).toBeVisible();
  await expect(page.getByText('Menu', { exact: true })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Quick links' })).toBeHidden();
  await context.close();
});

for (const colorScheme of ['light', 'dark'] as const)
  for (const lng of ['en', 'es'] as const)
    for (const [width, viewport] of Object.entries(VIEWPORTS))
      test(`the shell is accessible in the ${colorScheme} theme, ${lng}, at ${width} width, with the menu closed and open`, async ({
        browser,
      }) => {
        const context = await browser.newContext({ viewport, colorScheme, baseURL: base(), locale: lng });
        const page = await context.newPage();
        const errors = watchErrors(page);
        await page.goto('/');
        await expect(page.locator('html')).toHaveAttribute('lang', lng);
        await expectAccessible(page);
        if (width === 'phone') {
          await page.locator('.site-menu > summary').click();
          await expect(page.locator('.site-menu-panel')).toBeVisible();
          await expectAccessible(page);
        }
        await page.goto('/channels');
        await expectAccessible(page);
        expect(errors).toEqual([]);
        await context.close();
      });

test('the navigation marks only the current place: the request queue, not the staff directory above it', async ({ browser }) => {
  const page = await signedIn(browser, DEMO.staff, true, 'en');
  await page.setViewportSize(VIEWPORTS.desktop);
  const errors = watchErrors(page);
  await page.goto('/staff/requests');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Request queue' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Staff directory' })).not.toHaveAttribute('aria-current', 'page');
  await page.goto('/staff');
  await expect(nav.getByRole('link', { name: 'Staff directory' })).toHaveAttribute('aria-current', 'page');
  expect(errors).toEqual([]);
  await page.context().close();
});
