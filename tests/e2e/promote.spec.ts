import { expect, test } from '@playwright/test';
import { createRequestFromPost, DEMO, expectAccessible, personPage, postNewThread } from './helpers';

/**
 * "Create service request" from a forum post in a real browser: a staff member promotes a
 * resident's thread (type guessed from the post, description prefilled, location given); the
 * resident, reading the thread in another browser, sees the request's badge appear and its
 * status change without reloading, then follows the request with one click.
 * The admin is not used (accessibility.spec.ts switches its language).
 */
test('staff promote a post; its author sees the badge appear and update live, then follows', async ({ browser }) => {
  const rosa = await personPage(browser, DEMO.resident);
  const samuel = await personPage(browser, DEMO.staff);
  const title = `Graffiti on the school fence ${Date.now().toString(36)}`;

  await rosa.goto('/channels/n-riverside');
  await rosa.getByRole('link', { name: 'Start a conversation' }).click();
  const threadId = await postNewThread(rosa, title, 'Fresh graffiti tags all along the school fence.');
  // Residents are not offered the action; a reload would lose this mark.
  await expect(rosa.getByRole('link', { name: /^Create service request/ })).toHaveCount(0);
  await rosa.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));

  await createRequestFromPost(samuel, threadId);
  await expect(samuel.getByRole('heading', { level: 1, name: 'Create a service request from a post' })).toBeVisible();
  await expect(samuel.locator('#create-heading')).toContainText('Graffiti');
  await expect(samuel.getByLabel('Describe the problem')).toHaveValue(new RegExp(`^${title}\\s+Fresh graffiti tags`));
  await samuel.getByRole('group', { name: 'What is the graffiti on?' }).getByLabel('Fence').check();
  await samuel.getByRole('group', { name: 'Is it offensive or gang-related?' }).getByLabel('No').check();
  await samuel.getByLabel('Address or place').fill('Riverside Elementary, River Rd');
  await samuel.getByRole('button', { name: 'Create service request' }).click();
  await expect(samuel).toHaveURL(new RegExp(`/threads/${threadId}`));
  const badge = samuel.locator('.request-badge').first();
  await expect(badge).toBeVisible();
  const code = /Service request ([A-Z0-9]{8})/.exec((await badge.textContent())!)![1];

  // The author's open page shows the badge without a reload.
  const rosaBadge = rosa.locator('.request-badge', { hasText: code });
  await expect(rosaBadge).toContainText('New');
  await expect(rosaBadge.getByRole('button', { name: `Follow ${code}` })).toBeVisible();

  // A status change reaches her page live too.
  await samuel.goto(`/requests/${code}`);
  await samuel.locator('form:has(input[name="intent"][value="status"]) select[name="status"]').selectOption('acknowledged');
  await samuel.locator('form:has(input[name="intent"][value="status"]) button[type="submit"]').click();
  await expect(samuel.locator('main')).toContainText('Acknowledged');
  await expect(rosaBadge).toContainText('Acknowledged');
  expect(await rosa.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);

  // One click follows it and opens the request's public view.
  await rosaBadge.getByRole('button', { name: `Follow ${code}` }).click();
  await expect(rosa.getByRole('heading', { level: 1 })).toContainText(code);
  await expect(rosa.locator('main')).toContainText('Acknowledged');
  await expectAccessible(rosa);
  await rosa.goto(`/requests/${code}/follow`);
  await expect(rosa.locator('main')).toContainText('You follow this request.');
  await expectAccessible(rosa);
  await rosa.context().close();
  await samuel.context().close();
});
