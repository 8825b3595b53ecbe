import { expect, test, type Page } from '@playwright/test';
import {
  DEMO,
  editor,
  expectAccessible,
  hydrated,
  personPage,
  postNewThread,
  setLanguage,
  signedIn,
  signIn,
  VIEWPORTS,
  watchErrors,
} from './helpers';

/**
 * The forum in a real browser: live updates between two people, the plain-HTML path without
 * JavaScript, rich text through the editor's toolbar, where a reply lands, and a report handled by
 * a moderator (a hidden reply; a hidden opening post that leaves its replies readable).
 *
 * Accounts are chosen so this file does not fight accessibility.spec.ts (which switches the
 * admin's and the moderator's language from another worker): the moderator's steps here do not
 * depend on the language, and the admin is not used.
 */
const MODERATOR = 'moderator@arroyoverde.example';
let counter = 0;
const unique = (text: string) => `${text} ${Date.now().toString(36)}${++counter}`;

/** Starts a thread in Riverside through the new-thread page (with JavaScript) and returns its id. */
async function startThread(page: Page, title: string, body: string) {
  await page.goto('/channels/n-riverside');
  await page.getByRole('link', { name: 'Start a conversation' }).click();
  return postNewThread(page, title, body);
}

async function replyWithEditor(page: Page, text: string) {
  const box = await editor(page, 'Your reply');
  await box.click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Post reply' }).click();
}

test.describe('live updates', () => {
  test('a reply and a new thread show up for another reader without reloading', async ({ browser }) => {
    const rosa = await personPage(browser, DEMO.resident);
    const samuel = await personPage(browser, DEMO.staff);
    const title = unique('Crosswalk paint fading');
    const threadId = await startThread(rosa, title, 'The crosswalk on River Rd needs new paint.');
    // Marks this document: a reload would lose it.
    await rosa.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));

    await samuel.goto(`/threads/${threadId}`);
    const reply = unique('Scheduled with Public Works');
    await replyWithEditor(samuel, reply);
    await expect(samuel.locator('.post-body', { hasText: reply })).toBeVisible();

    const banner = rosa.getByRole('button', { name: '1 new reply — show it' });
    await expect(banner).toBeVisible();
    await expect(rosa.locator('.post-body', { hasText: reply })).toHaveCount(0);
    await banner.click();
    await expect(rosa.locator('.post-body', { hasText: reply })).toBeVisible();
    await expect(banner).toHaveCount(0);
    expect(await rosa.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);

    // Rosa watches the channel; Samuel starts a new thread there.
    await rosa.goto('/channels/n-riverside');
    await expect(rosa.getByRole('heading', { level: 1 })).toHaveText('Riverside');
    await rosa.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));
    const newTitle = unique('Lost dog near the park');
    await startThread(samuel, newTitle, 'Brown, answers to Canela.');
    const activity = rosa.getByRole('button', { name: '1 new update — show it' });
    await expect(activity).toBeVisible();
    await activity.click();
    await expect(rosa.getByRole('link', { name: newTitle })).toBeVisible();
    expect(await rosa.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('signs in, starts a thread from the plain textarea and replies to it', async ({ page }) => {
    await signIn(page, DEMO.liaison);
    await page.goto('/channels/n-riverside');
    await page.getByRole('link', { name: 'Start a conversation' }).click();
    const title = unique('Water main work on 5th Ave');
    await page.getByLabel('Subject').fill(title);
    // No editor: a plain, labelled textarea.
    await expect(page.getByRole('toolbar')).toHaveCount(0);
    await page.getByRole('textbox', { name: 'Message' }).fill('Crews will be on 5th Ave all week.\n\nDetours: https://example.org/detours');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.locator('.post-body', { hasText: 'Crews will be on 5th Ave all week.' })).toBeVisible();
    await expect(page.locator('.post-body a[href="https://example.org/detours"]')).toHaveAttribute('rel', 'nofollow ugc noopener');

    await page.getByRole('textbox', { name: 'Your reply' }).fill('Update: work ends Friday.');
    await page.getByRole('button', { name: 'Post reply' }).click();
    await expect(page.locator('.post-body', { hasText: 'Update: work ends Friday.' })).toBeVisible();
    // Both posts, after a fresh load of the whole thread.
    await page.goto(page.url().split('?')[0]);
    await expect(page.locator('.post-body')).toHaveText(
      ['Crews will be on 5th Ave all week. Detours: https://example.org/detours', 'Update: work ends Friday.'],
      { useInnerText: true },
    );
  });
});

test.describe('rich text', () => {
  test('bold, a bulleted list and a link from the toolbar are rendered safely', async ({ browser }) => {
    const page = await personPage(browser, DEMO.staff);
    await page.goto('/channels/n-riverside/new');
    const title = unique('Budget hearing');
    await page.getByLabel('Subject').fill(title);
    const box = await editor(page, 'Message');
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    await box.click();
    await toolbar.getByRole('button', { name: 'Bold' }).click();
    await page.keyboard.type('Hearing on Tuesday');
    await toolbar.getByRole('button', { name: 'Bold' }).click();
    await page.keyboard.press('Enter');
    await toolbar.getByRole('button', { name: 'Bulleted list' }).click();
    await page.keyboard.type('Parks');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Libraries');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // an empty item leaves the list
    await page.keyboard.type('Agenda: ');
    await toolbar.getByRole('button', { name: 'Link' }).click();
    await page.getByRole('textbox', { name: 'Link address' }).fill('https://example.org/agenda');
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

    const body = page.locator('.post-body').first();
    await expect(body.locator('strong')).toHaveText('Hearing on Tuesday');
    await expect(body.locator('ul > li')).toHaveText(['Parks', 'Libraries']);
    const link = body.locator('a[href="https://example.org/agenda"]');
    await expect(link).toHaveText('https://example.org/agenda');
    await expect(link).toHaveAttribute('rel', 'nofollow ugc noopener');
    await expect(body).toContainText('Agenda:');
  });
});

test.describe('moderation', () => {
  test('a report is handled: the post is hidden for readers, the author is told why', async ({ browser }) => {
    // Lucía writes a post that Rosa reports.
    const lucia = await personPage(browser, DEMO.liaison);
    const title = unique('Parking on Elm St');
    const threadId = await startThread(lucia, title, 'Parking on Elm is hard on market days.');
    const offending = unique('Cheap parking permits, call 555-0100');
    await replyWithEditor(lucia, offending);
    await expect(lucia.locator('.post-body', { hasText: offending })).toBeVisible();

    const rosa = await personPage(browser, DEMO.resident);
    await rosa.goto(`/threads/${threadId}`);
    const post = rosa.locator('article.post', { hasText: offending });
    await post.getByRole('link', { name: /^Report the post by Lucía Park/ }).click();
    await expect(rosa.getByRole('heading', { level: 1 })).toHaveText('Report a post');
    await expect(rosa.locator('blockquote')).toContainText(offending);
    await rosa.getByLabel('Spam or advertising').check();
    await rosa.getByRole('button', { name: 'Send the report' }).click();
    await expect(rosa.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(rosa.getByText('Thank you. A moderator will look at it.')).toBeVisible();

    // The moderator of Riverside finds it in the queue and hides it (language-neutral steps).
    const marta = await personPage(browser, MODERATOR, { lng: null });
    await marta.goto('/moderation');
    const item = marta.locator('article.post', { hasText: offending });
    await expect(item.getByRole('listitem')).toHaveText([/Spam or advertising|Spam o publicidad/]);
    const reason = 'Advertising is not allowed in neighborhood channels.';
    await item.locator('form.hide-form input[name="reason"]').fill(reason);
    await item.locator('form.hide-form button[type="submit"]').click();
    await expect(marta.getByRole('status')).toHaveText(/Hidden. The author was told why.|Oculto. Se informó al autor del motivo./);

    // Rosa's open page drops the post (a live update), and so does a fresh load.
    await expect(rosa.locator('.post-body', { hasText: offending })).toHaveCount(0);
    await rosa.reload();
    await expect(rosa.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(rosa.getByText(offending)).toHaveCount(0);

    // The author sees the notice with the reason, and a notification.
    await lucia.goto(`/threads/${threadId}`);
    const hidden = lucia.locator('article.post', { hasText: offending });
    await expect(hidden.getByText(`Hidden by a moderator: ${reason}`)).toBeVisible();
    await lucia.goto('/notifications');
    await expect(lucia.getByRole('link', { name: `Your post in "${title}" was hidden by a moderator: ${reason}` })).toBeVisible();
  });

  test('deleting a post asks first with JavaScript: Cancel keeps it, Delete removes it', async ({ browser }) => {
    const lucia = await personPage(browser, DEMO.liaison);
    const threadId = await startThread(lucia, unique('Lost cat on Alder'), 'Grey, answers to Miso.');
    const spam = unique('Win a prize at example.com');
    await replyWithEditor(lucia, spam);
    await expect(lucia.locator('.post-body', { hasText: spam })).toBeVisible();
    await lucia.context().close();

    const marta = await personPage(browser, MODERATOR, { lng: null });
    const errors = watchErrors(marta);
    await marta.goto(`/threads/${threadId}`);
    await hydrated(marta);
    const post = marta.locator('article.post', { hasText: spam });
    await post.locator('details.post-tools > summary').click();
    await post.locator('button[name="intent"][value="delete"]').click();
    const dialog = marta.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.locator('.button-secondary').click();
    await expect(dialog).toBeHidden();
    await expect(marta.locator('.post-body', { hasText: spam })).toBeVisible();

    await post.locator('button[name="intent"][value="delete"]').click();
    await dialog.locator('.button-danger').click();
    await expect(marta.locator('.post-body', { hasText: spam })).toHaveCount(0);
    await marta.reload();
    await expect(marta.locator('.post-body', { hasText: spam })).toHaveCount(0);
    expect(errors).toEqual([]);
  });
});

for (const javaScriptEnabled of [true, false])
  test(`a reply lands on the thread with its opening post, scrolled to the new post (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const starter = await personPage(browser, DEMO.staff);
    const opening = unique('The library opens late on Sundays');
    const threadId = await startThread(
      starter,
      unique('Library hours'),
      [opening, ...Array.from({ length: 30 }, (_, i) => `Line ${i + 1}`)].join('\n'),
    );
    await starter.context().close();

    const page = await signedIn(browser, DEMO.liaison, javaScriptEnabled, 'en');
    await page.setViewportSize(VIEWPORTS.phone);
    const errors = watchErrors(page);
    await page.goto(`/threads/${threadId}`);
    const text = unique('Thanks, that helps');
    if (javaScriptEnabled) await replyWithEditor(page, text);
    else {
      await page.getByRole('textbox', { name: 'Your reply' }).fill(text);
      await page.getByRole('button', { name: 'Post reply' }).click();
    }
    const post = page.locator('article.post', { hasText: text });
    await expect(post).toBeVisible();
    const postId = (await post.getAttribute('id'))!;
    // The whole thread, not a page that starts at the reply: no ?from=, the opening post first.
    expect(new URL(page.url()).pathname + new URL(page.url()).search + new URL(page.url()).hash).toBe(`/threads/${threadId}#${postId}`);
    await expect(page.locator('article.post').first()).toContainText(opening);
    await expect(page.locator('[role="status"]', { hasText: 'Your reply is posted.' })).toBeVisible();
    // A long opening post above it on a phone: the page is scrolled to the new post.
    await expect(post).toBeInViewport();
    if (javaScriptEnabled) await expect(post).toBeFocused();
    expect(errors).toEqual([]);
    await page.context().close();
  });

test.describe('a hidden opening post', () => {
  let threadId = '';
  const reply = unique('Please keep it civil');
  const opening = unique('Buy followers cheap');

  test.beforeAll(async ({ browser }) => {
    const lucia = await personPage(browser, DEMO.liaison);
    threadId = await startThread(lucia, unique('Followers for sale'), opening);
    await lucia.context().close();
    const rosa = await personPage(browser, DEMO.resident, { lng: null });
    await rosa.goto(`/threads/${threadId}`);
    await replyWithEditor(rosa, reply);
    await expect(rosa.locator('.post-body', { hasText: reply })).toBeVisible();
    await rosa.context().close();
    // The moderator hides the opening post from its tools on the thread page (language-neutral).
    const marta = await personPage(browser, MODERATOR, { lng: null });
    await marta.goto(`/threads/${threadId}`);
    const first = marta.locator('article.post').first();
    await first.locator('details.post-tools > summary').click();
    await first.locator('form.hide-form input[name="reason"]').fill('Advertising is not allowed.');
    await first.locator('form.hide-form button[type="submit"]').click();
    await expect(marta.locator('article.post').first().locator('form.hide-form')).toHaveCount(0);
    await marta.context().close();
  });

  for (const lng of ['en', 'es'] as const)
    for (const [width, viewport] of Object.entries(VIEWPORTS))
      test(`leaves the replies readable, its notice in place, accessible in ${lng} at ${width} width`, async ({ browser }) => {
        const page = await (await browser.newContext({ viewport })).newPage();
        const errors = watchErrors(page);
        await page.goto(`/threads/${threadId}`);
        await hydrated(page);
        if (lng === 'es') await setLanguage(page, 'es');
        await expect(page.locator('.post-body', { hasText: reply })).toBeVisible();
        await expect(page.getByText(opening)).toHaveCount(0);
        await expect(page.locator('article.post').first()).toContainText(
          lng === 'en' ? 'This post was hidden by a moderator.' : 'Un moderador ocultó este mensaje.',
        );
        await expectAccessible(page);
        expect(errors).toEqual([]);
        await page.context().close();
      });
});

test('links move between pages without reloading them; a modified click is left to the browser', async ({ browser }) => {
  const page = await signedIn(browser, DEMO.resident, true, 'en');
  const errors = watchErrors(page);
  await page.goto('/latest');
  await hydrated(page);
  // A value on the window survives a client-side navigation, not a page load.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  const thread = page.locator('main a[href^="/threads/"]').first();
  const href = (await thread.getAttribute('href'))!;
  await thread.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  const author = page.locator('article .post-author a[href^="/people/"]').first();
  await author.click();
  await expect(page).toHaveURL(/\/people\//);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  // Back returns to the thread, still without a page load.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  // Ctrl+click opens a new tab, as the browser does for any link.
  const [tab] = await Promise.all([page.context().waitForEvent('page'), author.click({ modifiers: ['Control'] })]);
  await expect(tab).toHaveURL(/\/people\//);
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  expect(errors).toEqual([]);
  await page.context().close();
});
