import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectAccessible, setLanguage, signIn } from './helpers';

/**
 * The request-type editor's public visibility (docs/decisions/0016-public-request-visibility.md):
 * chosen and saved with and without JavaScript, in both languages, no script errors, axe clean
 * (axe needs JavaScript in the page, so it runs in the JavaScript pass);
 * Open311 follows the choice at once.
 */
async function editPothole(page: Page) {
  await page.goto('/admin/request-types?q=pothole');
  const href = await page.locator('main tbody a[href^="/admin/request-types/"]').first().getAttribute('href');
  await page.goto(href!);
  return href!;
}

// Both runs change the same type: one after the other.
test.describe.configure({ mode: 'serial' });

for (const javaScriptEnabled of [true, false]) {
  test.describe(`public visibility, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('is chosen in the request-type editor and followed by Open311', async ({ page, request }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
      await signIn(page, DEMO.admin);
      await setLanguage(page, 'es');
      await editPothole(page);
      const select = page.getByLabel('Qué ve el público de estas solicitudes');
      await expect(select).toHaveValue('full');
      // axe runs inside the page, so only with JavaScript (the markup is the same without).
      if (javaScriptEnabled) await expectAccessible(page);
      await setLanguage(page, 'en');
      const href = await editPothole(page);
      await page.getByLabel('What the public sees of these requests').selectOption('summary');
      await page.getByRole('button', { name: 'Save request type' }).click();
      await expect(page).toHaveURL(/\/admin\/request-types(\?|$)/);
      await page.goto(href);
      await expect(page.getByLabel('What the public sees of these requests')).toHaveValue('summary');
      if (javaScriptEnabled) await expectAccessible(page);
      const answer = await request.get('/open311/v2/requests.json?service_code=pothole');
      expect(answer.status()).toBe(200);
      for (const item of (await answer.json()) as { description: string }[]) expect(item.description).toBe('');
      // Back as it was for the other tests.
      await page.getByLabel('What the public sees of these requests').selectOption('full');
      await page.getByRole('button', { name: 'Save request type' }).click();
      await expect(page).toHaveURL(/\/admin\/request-types(\?|$)/);
      expect(errors).toEqual([]);
    });
  });
}
