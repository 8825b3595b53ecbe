import { expect, test, type Page } from '@playwright/test';
import { DEMO, editor, expectAccessible, personPage, postNewThread, VIEWPORTS } from './helpers';

/**
 * @mentions in the editor: typing "@" and part of a name suggests people, the keyboard picks one,
 * the post shows the mention and the person mentioned is notified. Uses staff and the liaison
 * (not the admin or the moderator, whose language accessibility.spec.ts switches).
 */
let counter = 0;
const unique = (text: string) => `${text} ${Date.now().toString(36)}${++counter}`;

/** Starts a thread in Riverside from its new-thread page (with JavaScript); the thread's id. */
async function startThread(page: Page, title: string, body: string) {
  await page.goto('/channels/n-riverside/new');
  return postNewThread(page, title, body);
}

test('a reply mentions someone picked with the keyboard, and they are notified', async ({ browser }) => {
  const samuel = await personPage(browser, DEMO.staff, { viewport: VIEWPORTS.desktop });
  const title = unique('Benches for the river walk');
  const threadId = await startThread(samuel, title, 'Where should the new benches go?');

  const box = await editor(samuel, 'Your reply');
  await box.click();
  await samuel.keyboard.type('Good question, @luc');
  const list = samuel.getByRole('listbox', { name: 'Suggestions' });
  await expect(list).toBeVisible();
  const lucia = list.getByRole('option', { name: 'Lucía Park' });
  await expect(lucia).toBeVisible();
  await expect(samuel.getByRole('status').filter({ hasText: /found/ })).toHaveText('1 person found');
  // The first suggestion is the active one, and the editor says so to assistive technology.
  await expect(lucia).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await lucia.getAttribute('id'))!);
  await expect(box).toHaveAttribute('aria-controls', (await list.getAttribute('id'))!);
  await expectAccessible(samuel);

  // Escape closes the list; typing on reopens it; Up/Down wrap around a one-person list.
  await samuel.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await samuel.keyboard.type('í');
  await expect(lucia).toBeVisible();
  await samuel.keyboard.press('ArrowDown');
  await samuel.keyboard.press('ArrowUp');
  await expect(lucia).toHaveAttribute('aria-selected', 'true');
  await samuel.keyboard.press('Enter');
  await expect(list).toBeHidden();
  await expect(box).not.toHaveAttribute('aria-activedescendant');
  await samuel.keyboard.type('can you check with Parks?');
  await expect(box).toHaveText('Good question, @Lucía Park can you check with Parks?');

  // No one by that name: the list says so; deleting the query closes it.
  await samuel.keyboard.type(' @zzzq');
  await expect(list.getByRole('option', { name: 'No one found' })).toBeVisible();
  await expect(samuel.getByRole('status').filter({ hasText: /found/ })).toHaveText('No one found');
  for (let i = 0; i < 6; i++) await samuel.keyboard.press('Backspace');
  await expect(list).toBeHidden();

  await samuel.getByRole('button', { name: 'Post reply' }).click();
  const post = samuel.locator('article.post', { hasText: 'can you check with Parks?' });
  await expect(post.locator('.post-body .mention')).toHaveText('@Lucía Park');

  // Lucía is told.
  const luciaPage = await personPage(browser, DEMO.liaison, { viewport: VIEWPORTS.desktop });
  await luciaPage.goto('/notifications');
  const notice = luciaPage.getByRole('link', { name: `Samuel Ortiz mentioned you in "${title}"` });
  await expect(notice).toBeVisible();
  await notice.click();
  await expect(luciaPage).toHaveURL(new RegExp(`/threads/${threadId}`));
  await samuel.context().close();
  await luciaPage.context().close();
});

test('on a phone, a suggestion is picked by tapping it and the list fits the screen', async ({ browser }) => {
  const lucia = await personPage(browser, DEMO.liaison, { viewport: VIEWPORTS.phone });
  const title = unique('Leaf pickup schedule');
  await startThread(lucia, title, 'Pickup starts next week.');
  const box = await editor(lucia, 'Your reply');
  await box.click();
  await lucia.keyboard.type('Ask @samuel');
  const list = lucia.getByRole('listbox', { name: 'Suggestions' });
  const option = list.getByRole('option', { name: 'Samuel Ortiz' });
  await expect(option).toBeVisible();
  const menu = (await lucia.locator('.mention-menu').boundingBox())!;
  expect(menu.x).toBeGreaterThanOrEqual(0);
  expect(menu.x + menu.width).toBeLessThanOrEqual(VIEWPORTS.phone.width);
  expect((await option.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await expectAccessible(lucia);
  await option.click();
  await expect(list).toBeHidden();
  await lucia.keyboard.type('please.');
  await expect(box).toHaveText('Ask @Samuel Ortiz please.');
  await lucia.getByRole('button', { name: 'Post reply' }).click();
  await expect(lucia.locator('article.post .post-body .mention')).toHaveText('@Samuel Ortiz');
  await lucia.context().close();
});
