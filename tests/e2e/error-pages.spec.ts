import { expect, test } from '@playwright/test';
import { expectAccessible } from './helpers';

/**
 * The small pages the server answers without the page tree (a URL with a NUL: 400; the same
 * page serves 413 and 503): localized, accessible, no script errors, with and without JavaScript.
 */
for (const javaScriptEnabled of [true, false]) {
  for (const [lng, heading] of [
    ['en', 'Something in the request was wrong'],
    ['es', 'Algo en la solicitud no era correcto'],
  ] as const) {
    test(`the 400 page in ${lng}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled, locale: lng, extraHTTPHeaders: { 'Accept-Language': lng } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const res = await page.goto(`http://localhost:${process.env.E2E_PORT ?? 4173}/threads/a%00`);
      expect(res?.status()).toBe(400);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lng);
      // axe runs as a script in the page: checked with JavaScript on (the page itself has no script).
      if (javaScriptEnabled) await expectAccessible(page);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
}
