import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, hydrated, personPage, setLanguage, signedIn, VIEWPORTS, watchErrors } from './helpers';

/**
 * Voting in a real browser, on the demo city's budgets (prisma/seed-budgets.ts): the demo resident
 * (a verified resident of Las Flores) votes in the city-wide 2027 budget and changes the ballot,
 * with and without JavaScript; a ballot over the limit comes back with its choices kept; staff type
 * in a paper ballot; anyone reads Riverside's counted results; every page passes axe in both
 * languages at phone and desktop widths.
 */
const CITY = '/budgets/city-budget-2027';

for (const javaScriptEnabled of [true, false])
  test(`a verified resident votes, changes the ballot, and is refused over the limit (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const page = await signedIn(browser, DEMO.resident, javaScriptEnabled, 'en');
    const errors = watchErrors(page, [400]);
    await page.goto(CITY);
    await page.getByRole('link', { name: 'Vote', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your ballot');
    await expect(page.getByText('Choose between 1 and 3 projects.')).toBeVisible();
    const boxes = page.getByRole('group', { name: 'Projects' }).getByRole('checkbox');
    // From a clean ballot: untick what an earlier run chose.
    for (const box of await boxes.all()) await box.uncheck();
    for (const name of [/Shade trees along Calle Rosa/, /Lights on the river path/, /Covered bike parking/, /Splash pad/])
      await page.getByLabel(name).check();
    await page.getByRole('button', { name: /^Send my( changed)? ballot$/ }).click();
    await expect(page.getByText('Choose at most 3 projects.').first()).toBeVisible();
    // The choices are kept.
    await expect(page.getByLabel(/Splash pad/)).toBeChecked();
    await page.getByLabel(/Splash pad/).uncheck();
    await page.getByLabel(/Covered bike parking/).uncheck();
    await page.getByRole('button', { name: /^Send my( changed)? ballot$/ }).click();
    await expect(page.getByText('Your ballot is recorded. You may change it until voting closes.')).toBeVisible();
    await expect(page.getByText('This is your ballot as recorded.', { exact: false })).toBeVisible();
    await expect(page.getByLabel(/Shade trees along Calle Rosa/)).toBeChecked();
    await expect(page.getByLabel(/Covered bike parking/)).not.toBeChecked();
    // Changed: one project instead of two.
    await page.getByLabel(/Lights on the river path/).uncheck();
    await page.getByRole('button', { name: 'Send my changed ballot' }).click();
    await expect(page.getByText('Your ballot is recorded.', { exact: false })).toBeVisible();
    await expect(page.getByLabel(/Lights on the river path/)).not.toBeChecked();
    await expect(page.getByLabel(/Shade trees along Calle Rosa/)).toBeChecked();
    expect(errors).toEqual([]);
    await page.context().close();
  });

for (const javaScriptEnabled of [true, false])
  test(`staff type in a paper ballot (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const page = await signedIn(browser, DEMO.staff, javaScriptEnabled, 'en');
    const errors = watchErrors(page, [400]);
    await page.goto('/staff/budgets/city-budget-2027');
    await expect(page.getByText(/Ballots so far: \d+ on the web, \d+ on paper\./)).toBeVisible();
    await page.getByRole('link', { name: 'Enter a paper ballot' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enter a paper ballot');
    await page.getByLabel(/Benches at every bus stop/).check();
    await page.getByRole('button', { name: 'Record the paper ballot' }).click();
    await expect(page.getByText('One field needs your attention.')).toBeVisible();
    await page.getByLabel("The voter's neighborhood").selectOption({ label: 'Old Town' });
    await page.getByLabel(/Benches at every bus stop/).check();
    await page.getByRole('button', { name: 'Record the paper ballot' }).click();
    await expect(page.getByText('Paper ballot recorded.')).toBeVisible();
    expect(errors).toEqual([]);
    await page.context().close();
  });

test('anyone reads a counted budget: ballots, the funded projects and every project’s votes', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: `http://localhost:${process.env.E2E_PORT ?? 4173}` });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto('/budgets');
  await page.getByRole('link', { name: 'Riverside neighborhood budget 2026' }).click();
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
  await expect(page.getByText(/50 ballots counted\. \d projects funded, costing \$[\d,.]+ together\./)).toBeVisible();
  await expect(page.getByRole('row', { name: /Crosswalk at Mill and River/ })).toContainText('Funded');
  expect(errors).toEqual([]);
  await context.close();
});

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS))
    test(`the ballot, the paper ballot and the results are accessible in ${lng} at ${width} width, with no console error`, async ({
      browser,
    }) => {
      for (const [email, urls] of [
        [DEMO.resident, [`${CITY}/vote`, '/budgets/riverside-2026']],
        [DEMO.staff, ['/staff/budgets/city-budget-2027/paper']],
      ] as const) {
        const page = await personPage(browser, email, { lng, viewport });
        const errors = watchErrors(page);
        for (const url of urls) {
          await page.goto(url);
          await hydrated(page);
          await expectAccessible(page);
        }
        if (email === DEMO.staff) {
          // A funded project being built: its updates, and the staff's progress form.
          await page.goto('/budgets/riverside-2026');
          await page.getByRole('table').first().getByRole('link').first().click();
          await expect(page.locator('#progress-card')).toBeVisible();
          await expect(page.locator('#updates')).toBeVisible();
          await expectAccessible(page);
        }
        expect(errors).toEqual([]);
        if (lng !== 'en') await setLanguage(page, 'en');
        await page.context().close();
      }
    });
