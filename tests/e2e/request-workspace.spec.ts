import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectAccessible, hydrated, personPage, signedIn, uniqueEmail, VIEWPORTS, watchErrors } from './helpers';

/**
 * Staff at work in a real browser: a request's page as a workspace (the status form shows only
 * the fields the chosen status needs with JavaScript, all of them without, and works both ways),
 * the queue as a dense table whose filter is saved as a tab and deleted again (with and without
 * JavaScript), and both pages pass axe in both languages at phone and desktop widths.
 */

/** Files a graffiti request with a point (so its page has a map) and returns its code. */
async function fileWithPoint(page: Page) {
  await page.goto('/requests/new/graffiti');
  await page.locator('input[name="a.surface"][value="wall"]').check();
  await page.locator('input[name="a.offensive"][value="no"]').check();
  await page.locator('textarea[name="description"]').fill('Tags on the library wall.');
  await page.locator('input[name="address"]').fill('120 Main Street');
  await page.locator('input[name="latitude"]').fill('34.1352');
  await page.locator('input[name="longitude"]').fill('-118.2551');
  await page.locator('main form:has(textarea[name="description"]) button[type="submit"]').click();
  await expect(page.locator('.public-code')).toBeVisible();
  return (await page.locator('.public-code').textContent())!.trim();
}

const statusForm = (page: Page) => page.locator('form:has(input[name="intent"][value="status"])');

test('the workspace shows only the fields the chosen status needs, and declines a request (JavaScript on)', async ({ browser }) => {
  const page = await signedIn(browser, DEMO.staff, true, 'en');
  const errors = watchErrors(page, [400]);
  const code = await fileWithPoint(page);
  await page.goto(`/requests/${code}`);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Handle this request' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Map of the request’s location' })).toBeVisible();
  const form = statusForm(page);
  const needs = {
    resolved: form.getByRole('group', { name: 'Needed to resolve' }),
    declined: form.getByRole('group', { name: 'Needed to decline' }),
    duplicate: form.getByRole('group', { name: 'Needed to mark it as a duplicate' }),
  };
  // "Acknowledged" (the first choice) needs nothing more.
  for (const group of Object.values(needs)) await expect(group).toBeHidden();
  await form.getByLabel('New status').selectOption('resolved');
  await expect(needs.resolved).toBeVisible();
  await expect(form.getByLabel('Resolution')).toBeVisible();
  await expect(needs.declined).toBeHidden();
  await form.getByLabel('New status').selectOption('duplicate');
  await expect(needs.duplicate).toBeVisible();
  await expect(needs.resolved).toBeHidden();
  await form.getByLabel('New status').selectOption('declined');
  await expect(needs.declined).toBeVisible();
  await expect(needs.duplicate).toBeHidden();
  // Declining without a reason: told at once, nothing sent.
  await form.getByRole('button', { name: 'Change status' }).click();
  await expect(form.getByLabel('Reason')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Reason').fill('It is on private property: the owner has been told.');
  await form.getByRole('button', { name: 'Change status' }).click();
  await expect(page.getByText('The status was changed.')).toBeVisible();
  await expect(page.locator('main')).toContainText('Declined');
  await expect(page.getByRole('heading', { level: 2, name: 'Timeline' })).toBeVisible();
  // One note form, staff only by default.
  const note = page.locator('form:has(input[name="intent"][value="note"])');
  await expect(note.getByLabel('Staff only (internal)')).toBeChecked();
  await note.getByLabel('Note', { exact: true }).fill('Owner called back.');
  await note.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByText('The note was added.')).toBeVisible();
  await expect(page.locator('main')).toContainText('Owner called back.');
  expect(errors).toEqual([]);
  await page.context().close();
});

test('the workspace changes the status without JavaScript, every needed field shown', async ({ browser }) => {
  const page = await signedIn(browser, DEMO.staff, false, 'en');
  const code = await fileWithPoint(page);
  await page.goto(`/requests/${code}`);
  const form = statusForm(page);
  for (const name of ['Needed to resolve', 'Needed to decline', 'Needed to mark it as a duplicate'])
    await expect(form.getByRole('group', { name })).toBeVisible();
  // Resolved without its resolution comes back with the error and the input kept.
  await form.getByLabel('New status').selectOption('resolved');
  await form.getByLabel('Note with this change (optional)').fill('Crew went today.');
  await form.getByRole('button', { name: 'Change status' }).click();
  await expect(form.getByLabel('Resolution')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Note with this change (optional)')).toHaveValue('Crew went today.');
  await form.getByLabel('Resolution').fill('Painted over.');
  await form.getByRole('button', { name: 'Change status' }).click();
  await expect(page.getByText('The status was changed.')).toBeVisible();
  await expect(page.locator('main')).toContainText('Painted over.');
  await expect(page.locator('main')).toContainText('Resolved');
  await page.context().close();
});

for (const javaScriptEnabled of [true, false])
  test(`the queue saves its filter as a tab with its count, then deletes it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const page = await signedIn(browser, DEMO.staff, javaScriptEnabled, 'en');
    const errors = watchErrors(page);
    await page.goto('/staff/requests');
    if (javaScriptEnabled) await hydrated(page);
    // A dense table whose header stays in view.
    await expect(page.locator('table.table-dense thead th').first()).toHaveCSS('position', 'sticky');
    const filters = page.getByRole('form', { name: 'Filter the queue' });
    await filters.getByRole('group', { name: 'Status' }).getByLabel('New', { exact: true }).check();
    await filters.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/status=new/);
    const name = `New ${uniqueEmail('f').slice(0, 14)}`;
    await page.getByLabel('Save this filter as').fill(name);
    await page.getByRole('button', { name: 'Save filter' }).click();
    await expect(page.getByText('Filter saved.')).toBeVisible();
    const tabs = page.getByRole('navigation', { name: 'Saved filters' });
    const tab = tabs.getByRole('link', { name: new RegExp(`^${name} \\d+$`) });
    await expect(tab).toHaveAttribute('aria-current', 'page');
    const rows = await page.locator('table tbody tr').count();
    await expect(tab.locator('.tab-count')).toHaveText(String(rows));
    await tabs.getByRole('link', { name: /^Open requests \d+$/ }).click();
    await expect(tab).not.toHaveAttribute('aria-current', 'page');
    await tab.click();
    await expect(tab).toHaveAttribute('aria-current', 'page');
    const remove = page.getByRole('button', { name: `Delete saved filter “${name}”` }).first();
    await remove.click();
    if (javaScriptEnabled)
      await page
        .getByRole('dialog')
        .getByRole('button', { name: `Delete saved filter “${name}”` })
        .click();
    await expect(page.getByText('Saved filter deleted.')).toBeVisible();
    await expect(tabs.getByRole('link', { name: new RegExp(`^${name}`) })).toHaveCount(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS))
    test(`the queue and the workspace are accessible in ${lng} at ${width} width, with no console error`, async ({ browser }) => {
      const page = await personPage(browser, DEMO.staff, { lng, viewport });
      const errors = watchErrors(page);
      await page.goto('/staff/requests?status=new');
      await page.getByLabel(lng === 'en' ? 'Save this filter as' : 'Guardar este filtro como').fill(`axe ${lng} ${width}`);
      await page.locator('form:has(input[name="intent"][value="saveFilter"]) button[type="submit"]').click();
      await expect(page.locator('.tabs a[aria-current="page"]')).toContainText(`axe ${lng} ${width}`);
      await hydrated(page);
      await expectAccessible(page);
      // Deleting it asks first: the question is accessible too.
      await page.locator('form:has(input[name="intent"][value="deleteFilter"]) button[type="submit"]').first().click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectAccessible(page);
      await page.getByRole('dialog').locator('button').first().click();
      await expect(page.locator('.tabs')).not.toContainText(`axe ${lng} ${width}`);
      const code = await fileWithPoint(page);
      await page.goto(`/requests/${code}`);
      await hydrated(page);
      await expect(page.locator('.map')).toBeVisible();
      await expectAccessible(page);
      await page.locator('select[name="status"]').selectOption('resolved');
      await page.getByRole('button', { name: lng === 'en' ? 'Change status' : 'Cambiar estado' }).click();
      await expect(page.locator('textarea[name="resolution"][aria-invalid="true"]')).toBeVisible();
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await page.context().close();
    });
