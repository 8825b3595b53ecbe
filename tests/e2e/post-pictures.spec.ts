import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { DEMO, editor, expectAccessible, postNewThread, setLanguage, signedIn, VIEWPORTS, watchErrors } from './helpers';

/**
 * Pictures in posts in a real browser (issue 15): with JavaScript through the editor's picture
 * button (uploaded, described, inserted, posted); without it through the reply form's "Add a
 * picture"; the picture form passes axe in both languages at phone and desktop widths.
 */
const png = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .png()
    .toBuffer();

async function newThread(page: Page, title: string) {
  await page.goto('/channels/n-riverside/new');
  return postNewThread(page, title, 'Pictures from the walk.');
}

/** The posted reply's picture is shown (its file loaded) with its description. */
async function expectPicture(page: Page, alt: string) {
  const img = page.locator(`article.post img.rt-image[alt="${alt}"]`);
  await expect(img).toHaveCount(1);
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(64);
}

test('with JavaScript, the toolbar uploads a picture with its description into a reply', async ({ browser }) => {
  const page = await signedIn(browser, DEMO.resident, true, 'en');
  const errors = watchErrors(page);
  const threadId = await newThread(page, `Picture thread ${Date.now()}`);
  await page.goto(`/threads/${threadId}`);
  const box = await editor(page, 'Your reply');
  await box.click();
  await page.keyboard.type('The bridge today:');
  const pictureButton = page.getByRole('button', { name: 'Insert a picture' });
  await pictureButton.click();
  // The button says it opened the picture panel, and which one.
  await expect(pictureButton).toHaveAttribute('aria-expanded', 'true');
  const panelId = (await pictureButton.getAttribute('aria-controls'))!;
  await expect(page.locator(`[id="${panelId}"]`).getByLabel('Picture file')).toBeVisible();
  await page.getByLabel('Picture file').setInputFiles({ name: 'bridge.png', mimeType: 'image/png', buffer: await png() });
  await page.getByLabel('Description of the picture').fill('A blue footbridge');
  await page.getByRole('button', { name: 'Insert', exact: true }).click();
  await expect(box.locator('img[alt="A blue footbridge"]')).toBeVisible();
  await page.getByRole('button', { name: 'Post reply' }).click();
  await expect(page.getByText('The bridge today:')).toBeVisible();
  await expectPicture(page, 'A blue footbridge');
  expect(errors).toEqual([]);
  await page.context().close();
});

test('without JavaScript, the reply form takes a picture and its description', async ({ browser }) => {
  const writer = await signedIn(browser, DEMO.resident, true, 'en');
  const threadId = await newThread(writer, `No-JS picture thread ${Date.now()}`);
  await writer.context().close();
  const page = await signedIn(browser, DEMO.resident, false, 'en');
  const errors = watchErrors(page);
  await page.goto(`/threads/${threadId}`);
  await page.getByLabel('Your reply').fill('Seen from the bank, thanks @Nobody Here.');
  await page.getByLabel('Picture', { exact: true }).setInputFiles({ name: 'bank.png', mimeType: 'image/png', buffer: await png() });
  await page.getByLabel('Description of the picture').fill('The river bank in autumn');
  await page.getByRole('button', { name: 'Post reply' }).click();
  await expect(page.getByText('Seen from the bank')).toBeVisible();
  await expectPicture(page, 'The river bank in autumn');
  expect(errors).toEqual([]);
  await page.context().close();
});

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS))
    test(`the picture form is accessible in ${lng} at ${width} width, with no console error`, async ({ browser }) => {
      const page = await signedIn(browser, DEMO.resident, true, lng);
      await page.setViewportSize(viewport);
      const errors = watchErrors(page);
      await page.goto('/channels/n-riverside/new');
      // The editor, and its picture button, load when the writer starts to write.
      await editor(page, lng === 'en' ? 'Message' : 'Mensaje');
      await page.getByRole('button', { name: lng === 'en' ? 'Insert a picture' : 'Insertar una imagen' }).click();
      await expect(page.getByLabel(lng === 'en' ? 'Description of the picture' : 'Descripción de la imagen')).toBeVisible();
      await expectAccessible(page);
      expect(errors).toEqual([]);
      if (lng === 'es') await setLanguage(page, 'en');
      await page.context().close();
    });
