import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { DEMO, expectAccessible, hydrated, personPage, signedIn, VIEWPORTS, watchErrors } from './helpers';

/**
 * The city's logo and the lively demo city in a real browser (issue 15): the admin uploads a logo
 * with JavaScript on and off and every page's header shows it, named by the city, until they
 * remove it; the logo page passes axe in both languages at phone and desktop widths; the demo
 * residents' pictures load beside their posts.
 */

const logo = () =>
  sharp({ create: { width: 320, height: 120, channels: 4, background: { r: 11, g: 93, b: 59, alpha: 1 } } })
    .png()
    .toBuffer();

async function upload(page: Page) {
  await page.goto('/admin/city');
  await page.getByRole('link', { name: 'Change the logo' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('City logo');
  // SVG is refused: it could carry script.
  await page
    .getByLabel('Logo', { exact: true })
    .setInputFiles({ name: 'seal.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await page.getByRole('button', { name: 'Save logo' }).click();
  await expect(page.getByText('seal.svg is not a JPEG, PNG or WebP picture.')).toBeVisible();
  await page.getByLabel('Logo', { exact: true }).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await logo() });
  await page.getByRole('button', { name: 'Save logo' }).click();
  await expect(page.getByText('The logo was saved.')).toBeVisible();
}

async function remove(page: Page) {
  await page.goto('/admin/city/logo');
  await page.getByRole('button', { name: 'Remove logo' }).click();
  await expect(page.getByText('The logo was removed.')).toBeVisible();
}

for (const javaScriptEnabled of [true, false])
  test(`the admin sets the city's logo and the header shows it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const page = await signedIn(browser, DEMO.admin, javaScriptEnabled, 'en');
    const errors = watchErrors(page, [400]);
    if (javaScriptEnabled) await hydrated(page);
    try {
      await upload(page);
      await page.goto('/');
      const brand = page.locator('header .brand img');
      await expect(brand).toHaveAttribute('alt', 'Arroyo Verde');
      await expect(brand).toHaveAttribute('src', /^\/city\/logo\/[^/]+$/);
      await expect(brand).toHaveJSProperty('naturalWidth', 320);
      await expect(page.locator('header .brand-mark')).toHaveCount(0);
      // The link home is named once by the city, then the app.
      await expect(page.getByRole('link', { name: 'Arroyo Verde Townsquare' })).toBeVisible();
    } finally {
      await remove(page);
    }
    await page.goto('/');
    await expect(page.locator('header .brand img')).toHaveCount(0);
    await expect(page.locator('header .brand-mark')).toHaveCount(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

test.describe('with a logo', () => {
  test.beforeAll(async ({ browser }) => {
    const page = await signedIn(browser, DEMO.admin, true, 'en');
    await upload(page);
    await page.context().close();
  });
  test.afterAll(async ({ browser }) => {
    const page = await signedIn(browser, DEMO.admin, true, 'en');
    await remove(page);
    await page.context().close();
  });
  for (const lng of ['en', 'es'] as const)
    for (const [width, viewport] of Object.entries(VIEWPORTS))
      test(`the logo pages are accessible in ${lng} at ${width} width, with no console error`, async ({ browser }) => {
        const page = await personPage(browser, DEMO.admin, { lng, viewport });
        const errors = watchErrors(page);
        for (const url of ['/admin/city/logo', '/admin/city']) {
          await page.goto(url);
          await hydrated(page);
          await expect(page.locator('header .brand img')).toHaveJSProperty('complete', true);
          await expectAccessible(page);
        }
        expect(errors).toEqual([]);
        await page.context().close();
      });
});

test('the demo residents’ pictures load beside their posts in every neighborhood channel', async ({ browser }) => {
  const page = await signedIn(browser, DEMO.resident, true, 'en');
  const errors = watchErrors(page);
  await page.goto('/channels/n-las-flores');
  await page
    .getByRole('link', { name: /Garage sale on|Venta de garaje en/ })
    .first()
    .click();
  // The channel page shows participants' avatars too: read the thread's once it is open.
  await expect(page).toHaveURL(/\/threads\//);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Garage sale on|Venta de garaje en/);
  const avatars = page.locator('article.post img.avatar[src^="/people/"]');
  await expect(avatars.first()).toBeVisible();
  for (const img of await avatars.all()) await expect(img).toHaveJSProperty('naturalWidth', 256);
  await expectAccessible(page);
  expect(errors).toEqual([]);
  await page.context().close();
});
