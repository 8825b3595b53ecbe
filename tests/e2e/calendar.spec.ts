import { expect, test } from '@playwright/test';
import { expectAccessible, hydrated, personPage, setLanguage, signedIn, VIEWPORTS, watchErrors } from './helpers';

/**
 * Calendars in a real browser: a visitor finds the community calendar from the group directory,
 * narrows it to a neighborhood and pages through weeks (with and without JavaScript); a member
 * makes and stops their private calendar link; the calendar and the members page pass axe in both
 * languages at phone and desktop widths. The demo's Riverside group meets monthly (prisma/seed-blockwatch.ts).
 */
const TOM = 'tom.becker@arroyoverde.example';
const GRACE = 'grace.kim@arroyoverde.example';
const RIVERSIDE = '/groups/riverside-neighbors-watch';

for (const javaScriptEnabled of [true, false])
  test(`a visitor narrows the community calendar to a neighborhood and pages through weeks (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, baseURL: `http://localhost:${process.env.E2E_PORT ?? 4173}` });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/groups');
    await page.getByRole('link', { name: 'Community calendar: every public meeting' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Community calendar');
    await page.getByLabel('Neighborhood').selectOption('riverside');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/neighborhood=riverside/);
    await expect(page.getByRole('link', { name: 'Riverside monthly meeting' }).first()).toBeVisible();
    await expect(page.getByText('Northgate online check-in')).toHaveCount(0);
    // Members-only meetings are never in it.
    await expect(page.getByText('Night walk along the river path')).toHaveCount(0);
    await page.getByRole('link', { name: 'Later weeks' }).click();
    await expect(page).toHaveURL(/neighborhood=riverside&from=\d{4}-\d{2}-\d{2}/);
    await expect(page.getByRole('link', { name: 'From today' })).toBeVisible();
    await page.getByRole('link', { name: 'From today' }).click();
    await expect(page.getByRole('link', { name: 'Riverside monthly meeting' }).first()).toBeVisible();
    // The feed to subscribe to follows the filter.
    await expect(page.getByLabel('Calendar address (to paste into a calendar app)')).toHaveValue(
      /\/calendar\.ics\?neighborhood=riverside$/,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

for (const javaScriptEnabled of [true, false])
  test(`a member makes their private calendar link, then stops it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const page = await signedIn(browser, javaScriptEnabled ? TOM : GRACE, javaScriptEnabled);
    const errors = watchErrors(page);
    await page.goto(`${RIVERSIDE}/members`);
    const card = page.getByRole('region', { name: 'Your calendar link' });
    await card.getByRole('button', { name: /^(Make my calendar link|Make a new link)$/ }).click();
    await expect(page.getByText('Here is your private calendar link.', { exact: false })).toBeVisible();
    const link = await page.getByLabel('Private calendar address').inputValue();
    expect(link).toMatch(/\/calendars\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await page.request.get(link);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain('Night walk along the river path');
    await page.goto(`${RIVERSIDE}/members`);
    await expect(card.getByText(/You made a private link on/)).toBeVisible();
    await card.getByRole('button', { name: 'Stop my link' }).click();
    await expect(page.getByText('Done: your calendar link no longer works.')).toBeVisible();
    expect((await page.request.get(link)).status()).toBe(404);
    expect(errors).toEqual([]);
    await page.context().close();
  });

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS))
    test(`the community calendar and the calendar card are accessible in ${lng} at ${width} width, with no console error`, async ({
      browser,
    }) => {
      const page = await personPage(browser, TOM, { lng, viewport });
      const errors = watchErrors(page);
      for (const url of ['/calendar?neighborhood=riverside', `${RIVERSIDE}/members`]) {
        await page.goto(url);
        await hydrated(page);
        await expectAccessible(page);
      }
      expect(errors).toEqual([]);
      if (lng === 'es') await setLanguage(page, 'en');
      await page.context().close();
    });
