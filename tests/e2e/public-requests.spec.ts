import { expect, test, type Browser } from '@playwright/test';
import { expectAccessible, hydrated, setLanguage, VIEWPORTS, watchErrors } from './helpers';

/**
 * Requests in public in a real browser: the list and its filters with and without JavaScript, the
 * map with its markers (tiles are served here: there is no internet), filing with a map pin (with
 * JavaScript) and by the typed address (without), and axe on the list, a public request page and
 * the filing form in both languages at phone and desktop widths.
 */
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

async function visitor(browser: Browser, javaScriptEnabled: boolean, viewport?: { width: number; height: number }) {
  const context = await browser.newContext({
    javaScriptEnabled,
    baseURL: `http://localhost:${process.env.E2E_PORT ?? 4173}`,
    ...(viewport ? { viewport } : {}),
  });
  // Tiles (MAP_TILE_URL, whichever host serve.ts set): a 1×1 PNG, so the map loads without the internet.
  await context.route(/\/\d+\/\d+\/\d+\.png$/, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: TILE }));
  return context.newPage();
}

for (const javaScriptEnabled of [true, false])
  test(`a visitor filters the public list, the map showing its requests (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const page = await visitor(browser, javaScriptEnabled);
    const errors = watchErrors(page);
    await page.goto('/requests');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reported problems');
    const map = page.getByRole('region', { name: 'Map of the matching requests' });
    if (javaScriptEnabled) {
      await expect(map).toBeVisible();
      await expect(map.locator('path.map-marker').first()).toBeAttached();
      // Every located request that matches, not only the list's page: one marker per GeoJSON feature.
      const all = (await (await page.request.get('/requests/map.geojson')).json()) as { features: unknown[] };
      expect(all.features.length).toBeGreaterThan(0);
      await expect(map.locator('path.map-marker')).toHaveCount(all.features.length);
    } else await expect(map).toBeHidden();
    await page.getByLabel('Kind of problem').selectOption('pothole');
    await page.getByLabel('Status').selectOption('open');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/type=pothole/);
    await expect(page).toHaveURL(/status=open/);
    const items = page.locator('.request-list > li');
    await expect(items.first()).toBeVisible();
    for (const text of await items.locator('h3').allTextContents()) expect(text).toMatch(/^Pothole [A-Z0-9]{8}$/);
    if (javaScriptEnabled) {
      // A marker's popup links to its request.
      const markers = map.locator('path.map-marker');
      await expect(markers.first()).toBeAttached();
      await markers.first().dispatchEvent('click');
      const link = map.locator('.leaflet-popup a[href^="/requests/"]');
      await expect(link).toBeVisible();
      await expect(map.locator('.leaflet-popup-close-button')).toHaveAccessibleName('Close');
      await link.click();
    } else await items.first().getByRole('link').click();
    await expect(page).toHaveURL(/\/requests\/[A-Z0-9]{8}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Request [A-Z0-9]{8}$/);
    await expect(page.getByRole('link', { name: 'Sign in to follow it or say “me too”' })).toBeVisible();
    expect(errors).toEqual([]);
    await page.context().close();
  });

test('a visitor files a request with a map pin (JavaScript on)', async ({ browser }) => {
  const page = await visitor(browser, true);
  const errors = watchErrors(page);
  await page.goto('/requests/new/graffiti');
  await hydrated(page);
  await page.locator('input[name="a.surface"][value="wall"]').check();
  await page.locator('input[name="a.offensive"][value="no"]').check();
  await page.getByLabel('Describe the problem').fill('Tags on the bridge pillar.');
  await page.getByLabel('Address or place').fill('Under the river bridge');
  const map = page.getByRole('region', { name: 'Map: tap the place of the problem' });
  await expect(map).toBeVisible();
  await expect(map.locator('.leaflet-tile-pane')).toBeAttached();
  await map.click({ position: { x: 120, y: 90 } });
  await expect(page.getByRole('status').filter({ hasText: 'Place set:' })).toBeVisible();
  const latitude = await page.getByLabel(/^Latitude/).inputValue();
  const longitude = await page.getByLabel(/^Longitude/).inputValue();
  expect(Number(latitude)).not.toBeNaN();
  expect(latitude).not.toBe('');
  expect(longitude).not.toBe('');
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.locator('.public-code')).toBeVisible();
  const code = (await page.locator('.public-code').textContent())!.trim();
  // The filer holds the secret link: the tracking page shows the exact point they set.
  await page.goto(`/requests/${code}`);
  await expect(page.getByText(`${Number(latitude)}, ${Number(longitude)}`)).toBeVisible();
  expect(errors).toEqual([]);
  await page.context().close();
});

test('a visitor files a request by its address (JavaScript off)', async ({ browser }) => {
  const page = await visitor(browser, false);
  await page.goto('/requests/new/graffiti');
  await expect(page.getByRole('region', { name: 'Map: tap the place of the problem' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Use my location' })).toHaveCount(0);
  await page.locator('input[name="a.surface"][value="wall"]').check();
  await page.locator('input[name="a.offensive"][value="no"]').check();
  await page.getByLabel('Describe the problem').fill('Tags on the school fence.');
  await page.getByLabel('Address or place').fill('40 School Street');
  await page.getByRole('button', { name: 'Send report' }).click();
  await expect(page.locator('.public-code')).toBeVisible();
  await page.context().close();
});

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS))
    test(`the public list, a public request and the filing form are accessible in ${lng} at ${width} width, with no console error`, async ({
      browser,
    }) => {
      const page = await visitor(browser, true, viewport);
      const errors = watchErrors(page);
      await page.goto('/');
      await setLanguage(page, lng);
      await page.goto('/requests?type=pothole');
      await hydrated(page);
      await expect(page.getByRole('region').locator('path.map-marker').first()).toBeAttached();
      await expectAccessible(page);
      const href = await page.locator('.request-list a').first().getAttribute('href');
      await page.goto(href!);
      await hydrated(page);
      await expectAccessible(page);
      await page.goto('/requests/new/graffiti');
      await hydrated(page);
      await expect(page.locator('.location-picker .map')).toBeVisible();
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await page.context().close();
    });
