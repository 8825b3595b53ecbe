import { expect, test, type Page } from '@playwright/test';
import { DEMO, editor, expectAccessible, hydrated, setLanguage, signedIn, VIEWPORTS, watchErrors } from './helpers';

/** The rich-text editor: icon toolbar, preview, local drafts, and the formatted plain textarea without JavaScript. */
const NEW_THREAD = '/channels/n-riverside/new';
const unique = (text: string) => `${text} ${Date.now().toString(36)}`;

async function typeInEditor(page: Page, text: string) {
  const box = await editor(page, 'Message');
  await box.click();
  await page.keyboard.type(text);
  return box;
}

test('the toolbar is one row of named icon buttons at phone width, moved through with the arrow keys', async ({ browser }) => {
  const page = await signedIn(browser, DEMO.resident, true, 'en');
  const errors = watchErrors(page);
  await page.setViewportSize(VIEWPORTS.phone);
  await page.goto(NEW_THREAD);
  await hydrated(page);
  const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
  // The editor is downloaded when someone starts to write, not with the page.
  await expect(toolbar).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Message' }).focus();
  await expect(toolbar).toBeVisible();
  // It takes the focus from the textarea it replaced, so typing goes on in it.
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
  const names = [
    'Bold',
    'Italic',
    'Underline',
    'Heading',
    'Bulleted list',
    'Numbered list',
    'Quote',
    'Link',
    'Insert a picture',
    'Code',
    'Undo',
    'Redo',
  ];
  await expect(toolbar.getByRole('button')).toHaveCount(names.length);
  for (const name of names) await expect(toolbar.getByRole('button', { name, exact: true })).toHaveCount(1);
  // One row: every button's top is the same, and the toolbar is one button high.
  const tops = await toolbar.getByRole('button').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);
  const box = (await toolbar.boundingBox())!;
  expect(box.height).toBeLessThan(2 * 44);
  expect(box.width).toBeLessThanOrEqual(VIEWPORTS.phone.width);
  // A single tab stop; arrow keys and End move along it, scrolling the last button into view.
  await toolbar.getByRole('button', { name: 'Bold' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(toolbar.getByRole('button', { name: 'Italic' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(toolbar.getByRole('button', { name: 'Redo' })).toBeFocused();
  await expect(toolbar.getByRole('button', { name: 'Redo' })).toBeInViewport();
  await expect(toolbar.getByRole('button', { name: 'Undo' })).toHaveAttribute('aria-disabled', 'true');
  // Toggles say whether they are on.
  const message = await typeInEditor(page, 'x');
  await expect(toolbar.getByRole('button', { name: 'Undo' })).not.toHaveAttribute('aria-disabled', 'true');
  await message.click();
  await toolbar.getByRole('button', { name: 'Bold' }).click();
  await expect(toolbar.getByRole('button', { name: 'Bold' })).toHaveAttribute('aria-pressed', 'true');
  await toolbar.getByRole('button', { name: 'Heading' }).click();
  await expect(toolbar.getByRole('button', { name: 'Heading' })).toHaveAttribute('aria-pressed', 'true');
  expect(errors).toEqual([]);
  await page.context().close();
});

test('preview shows the post as it will be rendered; the draft survives a reload until it is discarded or posted', async ({ browser }) => {
  const page = await signedIn(browser, DEMO.resident, true, 'en');
  const errors = watchErrors(page);
  await page.goto(NEW_THREAD);
  const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
  const box = await typeInEditor(page, 'Plan for ');
  await toolbar.getByRole('button', { name: 'Bold' }).click();
  await page.keyboard.type('Saturday');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByRole('button', { name: 'Preview' })).toHaveAttribute('aria-pressed', 'true');
  const preview = page.locator('.rt-preview');
  await expect(preview.locator('strong')).toHaveText('Saturday');
  await expect(preview).toHaveText('Plan for Saturday');
  await expect(box).toBeHidden();
  await page.getByRole('button', { name: 'Write' }).click();
  await expect(box).toBeVisible();

  // Reload: the draft comes back, with a notice.
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole('status').filter({ hasText: 'Your unsent draft from this device was restored.' })).toBeVisible();
  await expect(box).toHaveText('Plan for Saturday');
  await expect(box.locator('strong')).toHaveText('Saturday');
  // Discarding empties the editor and the stored draft.
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await expect(box).toHaveText('');
  await expect(page.getByText('Your unsent draft from this device was restored.')).toHaveCount(0);
  await page.reload();
  await hydrated(page);
  await expect(await editor(page, 'Message')).toHaveText('');
  await expect(page.getByRole('button', { name: 'Discard draft' })).toHaveCount(0);

  // Posting ends the draft.
  const title = unique('Draft then post');
  await page.getByLabel('Subject').fill(title);
  await typeInEditor(page, 'Posted from a draft');
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole('button', { name: 'Discard draft' })).toBeVisible();
  await page.getByLabel('Subject').fill(title);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('.post-body').first()).toHaveText('Posted from a draft');
  await page.goto(NEW_THREAD);
  await hydrated(page);
  await expect(await editor(page, 'Message')).toHaveText('');
  await expect(page.getByRole('button', { name: 'Discard draft' })).toHaveCount(0);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('without JavaScript the textarea explains the formatting it understands, and **bold**, lists and links are rendered', async ({
  browser,
}) => {
  const page = await signedIn(browser, DEMO.resident, false, 'en');
  await page.goto(NEW_THREAD);
  await expect(page.getByRole('toolbar')).toHaveCount(0);
  await expect(page.getByText('**bold** and *italic* are understood', { exact: false })).toBeVisible();
  const title = unique('Plain formatting');
  await page.getByLabel('Subject').fill(title);
  await page
    .getByRole('textbox', { name: 'Message' })
    .fill('Bring **gloves** and *water*.\n\n- bags\n- rakes\n\nMap: [the park](https://example.org/park) [bad](javascript:alert(1))');
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const body = page.locator('.post-body').first();
  await expect(body.locator('strong')).toHaveText('gloves');
  await expect(body.locator('em')).toHaveText('water');
  await expect(body.locator('ul > li')).toHaveText(['bags', 'rakes']);
  await expect(body.getByRole('link', { name: 'the park' })).toHaveAttribute('href', 'https://example.org/park');
  await expect(body.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(body).toContainText('[bad](javascript:alert(1))');
  await page.context().close();
});

for (const javaScriptEnabled of [true, false])
  for (const lng of ['en', 'es'] as const)
    for (const [size, viewport] of Object.entries(VIEWPORTS))
      test(`the editor passes axe in ${lng} at ${size} width (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
        const page = await signedIn(browser, DEMO.resident, true);
        await page.setViewportSize(viewport);
        await page.goto(NEW_THREAD);
        if ((await page.locator('html').getAttribute('lang')) !== lng) await setLanguage(page, lng);
        await expect(page.locator('html')).toHaveAttribute('lang', lng);
        if (javaScriptEnabled) {
          const errors = watchErrors(page);
          await page.reload();
          await hydrated(page);
          const label = lng === 'en' ? 'Message' : 'Mensaje';
          await (await editor(page, label)).click();
          await page.keyboard.type('Draft text');
          await expectAccessible(page);
          // With a restored draft and in preview too.
          await page.reload();
          await hydrated(page);
          await expect(page.locator('.rt-draft-notice')).toBeVisible();
          await page.getByRole('button', { name: lng === 'en' ? 'Preview' : 'Vista previa' }).click();
          await expect(page.locator('.rt-preview')).toContainText('Draft text');
          await expectAccessible(page);
          expect(errors).toEqual([]);
        } else {
          // The page as a browser without JavaScript gets it: the app's scripts never load (axe
          // itself needs a script context, so the context keeps JavaScript on).
          await page.route('**/build/**', (route) => (route.request().resourceType() === 'script' ? route.abort() : route.continue()));
          await page.reload();
          await expect(page.locator('textarea')).toBeVisible();
          await expect(page.getByRole('toolbar')).toHaveCount(0);
          await expectAccessible(page);
        }
        await page.context().close();
      });

test('a thread page loads at most 150 KB of JavaScript, compressed, live client included, until its reader starts to write', async ({
  browser,
}) => {
  const page = await signedIn(browser, DEMO.resident, true, 'en');
  const context = page.context();
  await page.goto('/latest');
  const thread = (await page.locator('main a[href^="/threads/"]').first().getAttribute('href'))!;
  await page.close();
  // A page of its own, as on a first visit: nothing comes from the browser's cache.
  const reader = await context.newPage();
  await (await context.newCDPSession(reader)).send('Network.setCacheDisabled', { cacheDisabled: true });
  // What the browser received for each script: its body as sent (Brotli here), not unpacked;
  // the live connection's client (socket.io) comes once the page is idle, and is told apart.
  const scripts: { bytes: number; encoding: string | undefined; live: Promise<boolean> }[] = [];
  const errors = watchErrors(reader);
  reader.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    const headers = response.headers();
    const live = response.text().then((text) => text.includes('/engine.io'));
    scripts.push({ bytes: Number(headers['content-length']), encoding: headers['content-encoding'], live });
  });
  await reader.goto(thread);
  await hydrated(reader);
  await reader.waitForLoadState('networkidle');
  const live = await Promise.all(scripts.map((script) => script.live));
  const sum = (list: typeof scripts) => list.reduce((total, script) => total + script.bytes, 0);
  const pageScripts = scripts.filter((_, i) => !live[i]);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `thread page JavaScript, Brotli: ${kb(sum(pageScripts))} in ${pageScripts.length} files at load, ${kb(sum(scripts))} with the live client`,
  );
  expect(live.filter(Boolean)).toHaveLength(1);
  expect(scripts.every((script) => script.encoding === 'br' && script.bytes > 0)).toBe(true);
  expect(sum(scripts)).toBeLessThanOrEqual(150 * 1024);
  // The reply box is there, and the editor comes when the reader starts to write.
  await expect(reader.getByRole('toolbar', { name: 'Formatting' })).toHaveCount(0);
  const loaded = scripts.length;
  await reader.getByRole('textbox', { name: 'Your reply' }).focus();
  await expect(reader.getByRole('toolbar', { name: 'Formatting' })).toBeVisible();
  expect(scripts.length).toBeGreaterThan(loaded);
  expect(errors).toEqual([]);
});
