import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectAccessible, hydrated, personPage, setLanguage, signedIn, VIEWPORTS, watchErrors } from './helpers';

/**
 * Budget facts in a real browser (issue 14): staff import a budget file (a bad one first, refused
 * with its report), then read it on the public page, compare it with the demo's fiscal year
 * 2027, sort by name and download the table, with JavaScript on and off. Both pages pass axe in
 * English and Spanish at phone and desktop widths. The demo has fiscal years 2026 and 2027
 * (prisma/seed-budget-facts.ts).
 */
const HEADER = 'fiscal_year,fund,department,category,amount';
const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

async function importFile(page: Page, file: ReturnType<typeof csv>) {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

for (const javaScriptEnabled of [true, false])
  test(`staff import a budget, refused first with its report, then anyone reads, compares, sorts and downloads it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const year = javaScriptEnabled ? 2041 : 2042;
    const page = await signedIn(browser, DEMO.staff, javaScriptEnabled, 'en');
    // The refused file answers 400, which the browser logs as a failed load.
    const errors = watchErrors(page, [400]);
    await page.goto('/staff/budgets/facts');
    await expect(page.getByRole('heading', { level: 1, name: 'Budget facts' })).toBeVisible();

    await importFile(page, csv('bad.csv', `${HEADER}\n${year},General Fund,Police,Salaries and Benefits,19O00\n`));
    await expect(page.getByRole('heading', { name: 'The file was not imported' })).toBeVisible();
    const report = page.getByRole('table', { name: 'Problems by line' });
    await expect(report.getByRole('row', { name: /^2 Amount Enter an amount in USD/ })).toContainText('19O00');

    await importFile(
      page,
      csv(
        'budget.csv',
        `${HEADER}\n${year},General Fund,Police,Salaries and Benefits,20500000\n${year},General Fund,Fire,Capital Outlay,2400000.50\n${year},Capital Improvement Fund,Parks and Recreation,Capital Outlay,900000\n`,
      ),
    );
    await expect(page.getByRole('heading', { name: 'Imported' })).toBeVisible();
    await expect(page.getByText('3 lines were imported.')).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Published fiscal years' }).getByRole('row', { name: new RegExp(`^${year} 3 `) }),
    ).toBeVisible();

    await page.getByRole('link', { name: 'See the public budget page' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'City budget' })).toBeVisible();
    await page.getByLabel('Fiscal year').selectOption(String(year));
    await page.getByLabel('Compare with').selectOption('2027');
    await page.getByLabel('Group by').selectOption('category');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(new RegExp(`year=${year}&compare=2027&group=category`));
    const table = page.getByRole('table', { name: `Budget by category, fiscal year ${year} compared with 2027` });
    await expect(table.getByRole('row', { name: /^Capital Outlay \$3,300,000\.50 \$17,680,000\.00 -\$14,379,999\.50/ })).toBeVisible();
    // Largest first by default; the category header sorts by name, A to Z.
    await expect(table.getByRole('rowheader').first()).toHaveText('Salaries and Benefits');
    await table.getByRole('link', { name: 'Category' }).click();
    await expect(page).toHaveURL(/sort=name&dir=asc/);
    await expect(table.getByRole('columnheader', { name: 'Category' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(table.getByRole('rowheader')).toHaveText([
      'Capital Outlay',
      'Debt Service',
      'Salaries and Benefits',
      'Services and Supplies',
    ]);
    await expect(table.getByRole('link', { name: 'Discuss Capital Outlay' })).toHaveAttribute('href', /^\/threads\//);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download this table (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`budget-${year}-category.csv`);
    const lines = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(`Category,Budget ${year} (USD),Budget 2027 (USD),Difference (USD),Change (%)`);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([
      'Capital Outlay',
      'Debt Service',
      'Salaries and Benefits',
      'Services and Supplies',
    ]);
    expect(lines[1]).toBe('Capital Outlay,3300000.5,17680000,-14379999.5,-81.3');
    expect(errors).toEqual([]);
    await page.context().close();
  });

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS))
    test(`the budget pages are accessible in ${lng} at ${width} width, with no console error`, async ({ browser }) => {
      const page = await personPage(browser, DEMO.staff, { lng, viewport });
      const errors = watchErrors(page, [400]);
      for (const url of ['/budgets/facts?year=2027&compare=2026', '/budgets/facts?group=fund', '/staff/budgets/facts']) {
        await page.goto(url);
        await hydrated(page);
        await expectAccessible(page);
      }
      // The report of a refused file, too.
      await page.locator('input[type="file"]').setInputFiles(csv('bad.csv', 'year;amount\n20x6;-1\n'));
      await page.locator('form[enctype="multipart/form-data"] button[type="submit"]').click();
      await expect(page.getByRole('table', { name: lng === 'en' ? 'Problems by line' : 'Problemas por línea' })).toBeAttached();
      await expectAccessible(page);
      expect(errors).toEqual([]);
      if (lng === 'es') await setLanguage(page, 'en');
      await page.context().close();
    });
