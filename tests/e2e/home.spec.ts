import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, hydrated, personPage, signedIn, VIEWPORTS, watchErrors } from './helpers';

/**
 * The living home page and /latest in a real browser: a visitor goes from what is happening to the
 * latest conversations and narrows them to a channel (with and without JavaScript); a signed-in
 * person's page leads with their neighborhood; the pages pass axe in both languages at phone and
 * desktop widths.
 */
const base = () => `http://localhost:${process.env.E2E_PORT ?? 4173}`;

for (const javaScriptEnabled of [true, false])
  test(`a visitor goes from the home page to the latest conversations of one channel (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, baseURL: base(), locale: 'en' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    const latest = page.getByRole('region', { name: 'Latest conversations' });
    await expect(latest.getByRole('listitem').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Recent requests' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Upcoming meetings' })).toBeVisible();
    // A neighborhood's card leads to its channel.
    await page.getByRole('region', { name: 'Neighborhoods' }).getByRole('link', { name: 'Riverside', exact: true }).click();
    await expect(page).toHaveURL(/\/channels\/n-riverside$/);
    await page.goto('/');
    await latest.getByRole('link', { name: 'All the latest conversations' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest conversations');
    const chips = page.getByRole('navigation', { name: 'Channels' });
    await expect(chips.getByRole('link', { name: 'All channels' })).toHaveAttribute('aria-current', 'page');
    await chips.getByRole('link', { name: 'Riverside', exact: true }).click();
    await expect(page).toHaveURL(/\/latest\?channel=n-riverside$/);
    await expect(chips.getByRole('link', { name: 'Riverside', exact: true })).toHaveAttribute('aria-current', 'page');
    const rows = page.locator('.thread-item');
    await expect(rows.first()).toBeVisible();
    for (const row of await rows.all()) await expect(row.getByRole('link', { name: 'Riverside', exact: true })).toBeVisible();
    expect(errors).toEqual([]);
    await context.close();
  });

for (const javaScriptEnabled of [true, false])
  test(`a signed-in resident's home leads with their neighborhood (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const page = await signedIn(browser, DEMO.staff, javaScriptEnabled, 'en');
    const errors = watchErrors(page);
    await page.goto('/');
    const headings = page.getByRole('heading', { level: 2 });
    await expect(headings.first()).toHaveText('Your neighborhood: Riverside');
    await expect(page.getByRole('region', { name: 'Your queues' }).getByRole('link', { name: /open requests?$/ })).toBeVisible();
    await page.getByRole('link', { name: 'Go to the Riverside channel' }).click();
    await expect(page).toHaveURL(/\/channels\/n-riverside$/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    test(`home, /latest and a channel page are accessible to a visitor in ${lng} at ${width} width, with no console error`, async ({
      browser,
    }) => {
      test.setTimeout(120_000);
      const context = await browser.newContext({ viewport, baseURL: base(), locale: lng });
      const page = await context.newPage();
      const errors = watchErrors(page);
      for (const url of ['/', '/latest', '/latest?channel=n-riverside', '/channels/n-riverside']) {
        await page.goto(url);
        await expect(page.locator('html')).toHaveAttribute('lang', lng);
        await hydrated(page);
        await expectAccessible(page);
      }
      expect(errors).toEqual([]);
      await context.close();
    });

    test(`a staff member's home is accessible in ${lng} at ${width} width, with no console error`, async ({ browser }) => {
      const page = await personPage(browser, DEMO.staff, { lng, viewport });
      const errors = watchErrors(page);
      await page.goto('/');
      await hydrated(page);
      await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText(
        lng === 'en' ? 'Your neighborhood: Riverside' : 'Su barrio: La Ribera',
      );
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
