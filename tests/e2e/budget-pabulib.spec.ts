import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parsePabulib } from '~/modules/budgets/tally/pabulib';
import { PABULIB_DIR } from '../support/pabulib';
import { DEMO, expectAccessible, hydrated, personPage, setLanguage, signedIn, VIEWPORTS, watchErrors } from './helpers';

/**
 * The Pabulib import in a real browser (issue 14): staff upload a malformed file (refused with its
 * report by line, the form kept), then a real election, which lands on the process's page and
 * downloads back as a .pb file, with JavaScript on and off. The page and its report pass axe in
 * English and Spanish at phone and desktop widths.
 */
const PAGE = '/staff/budgets/import';
const ZANDKA = readFileSync(join(PABULIB_DIR, 'poland_zabrze_2020_zandka.pb'));
const pb = (name: string, buffer: Buffer) => ({ name, mimeType: 'text/plain', buffer });
const BAD = Buffer.from('META\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;ten\nVOTES\nvoter_id;vote\n1;1\n');

async function fillForm(page: Page, file: ReturnType<typeof pb>, slug: string) {
  await page.getByLabel('Pabulib file (.pb)').setInputFiles(file);
  await page.getByLabel('Web address name').fill(slug);
  await page.getByRole('group', { name: 'Title' }).getByLabel('English').fill(`Zandka ${slug}`);
  await page.getByRole('group', { name: 'Title' }).getByLabel('Spanish').fill(`Zandka ${slug} (es)`);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

for (const javaScriptEnabled of [true, false])
  test(`staff import a Pabulib file, refused first with its report, then download it back (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const slug = `zandka-e2e-${javaScriptEnabled ? 'js' : 'nojs'}`;
    const page = await signedIn(browser, DEMO.staff, javaScriptEnabled, 'en');
    const errors = watchErrors(page, [400]);
    await page.goto(PAGE);
    await expect(page.getByRole('heading', { level: 1, name: 'Import a Pabulib file' })).toBeVisible();

    await fillForm(page, pb('bad.pb', BAD), slug);
    await expect(page.getByRole('heading', { name: 'Problems in the file' })).toBeVisible();
    await expect(page.getByText('The file was not imported: 1 problem to fix. Nothing was stored.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Problems by line' }).getByRole('row', { name: /^6 bad cost 'ten'/ })).toBeVisible();
    await expect(page.getByLabel('Web address name')).toHaveValue(slug);

    await fillForm(page, pb('zandka.pb', ZANDKA), slug);
    await expect(page).toHaveURL(new RegExp(`/budgets/${slug}$`));
    await expect(page.getByText('The file was imported and its ballots counted.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Zandka ${slug}`);

    const exported = await page.request.get(`/budgets/${slug}.pb`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-disposition']).toBe(`attachment; filename="${slug}.pb"`);
    const back = parsePabulib(await exported.text());
    expect(back.ok && back.election.votes.length).toBe(155);
    expect(errors).toEqual([]);
    await page.context().close();
  });

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS))
    test(`the import page and its report are accessible in ${lng} at ${width} width, with no console error`, async ({ browser }) => {
      const page = await personPage(browser, DEMO.staff, { lng, viewport });
      const errors = watchErrors(page, [400]);
      await page.goto(PAGE);
      await hydrated(page);
      await expectAccessible(page);
      await page.locator('input[type="file"]').setInputFiles(pb('bad.pb', BAD));
      await page.locator('input[name="slug"]').fill(`axe-${lng}-${width}`);
      await page.locator('input[name="title.en"]').fill('Axe');
      await page.getByRole('button', { name: lng === 'en' ? 'Import' : 'Importar', exact: true }).click();
      // The report in the reader's language, the problems too; Pabulib's own words (cost) as the file writes them.
      await expect(page.getByRole('heading', { name: lng === 'en' ? 'Problems in the file' : 'Problemas en el archivo' })).toBeVisible();
      await expect(page.getByRole('columnheader', { name: lng === 'en' ? 'Line' : 'Línea' })).toBeVisible();
      await expect(page.getByRole('columnheader', { name: lng === 'en' ? 'Problem' : 'Problema', exact: true })).toBeVisible();
      const problem =
        lng === 'en'
          ? "bad cost 'ten': expected a non-negative number such as 150000 or 1500.50"
          : "cost 'ten' no válido: se espera un número no negativo, como 150000 o 1500.50";
      await expect(
        page
          .getByRole('table', { name: lng === 'en' ? 'Problems by line' : 'Problemas por línea' })
          .getByRole('row', { name: `6 ${problem}` }),
      ).toBeVisible();
      await expectAccessible(page);
      if (lng === 'es') await setLanguage(page, 'en');
      expect(errors).toEqual([]);
      await page.context().close();
    });
