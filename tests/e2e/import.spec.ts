import { expect, test } from '@playwright/test';
import { DEMO, expectAccessible, setLanguage, signIn, VIEWPORTS } from './helpers';

/**
 * An administrator imports the legacy fixture: uploads it, checks the guessed columns, maps an
 * unknown type and rejects another, imports, watches the progress reach 100 % and reads the
 * report; then imports the same file again in Spanish, which adds nothing. axe on every step.
 */
const FIXTURE = 'tests/fixtures/legacy-requests.csv';
test.use({ viewport: VIEWPORTS.desktop });

test('importing legacy requests, then the same file again in Spanish', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await setLanguage(page, 'en');
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Legacy import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Legacy import' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('CSV file', { exact: true }).setInputFiles(FIXTURE);
  await page.getByRole('button', { name: 'Upload and map columns' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import of legacy-requests.csv' })).toBeVisible();
  await expect(page.getByLabel('Legacy id (required)')).toHaveValue('Case #');
  await expect(page.getByLabel('Created (required)')).toHaveValue('Date Opened');
  await page.getByLabel('“Weed Abatement” (3 rows)').selectOption('overgrown-lot');
  await expect(page.getByLabel('“Rodent Control” (2 rows)')).toHaveValue('');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/^100 % done: 30 requests imported from 40 rows\.$/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel('Import progress')).toHaveAttribute('value', '100');
  await expect(page.locator('main')).toContainText('Completed');
  const report = page.getByRole('table', { name: 'Problems found' });
  await expect(report.getByRole('row')).toHaveCount(11);
  await expect(report).toContainText('This legacy id already appears in row 4; only that row is imported.');
  await expect(page.getByRole('link', { name: 'Download the full report (CSV)' })).toHaveAttribute('href', /\.csv$/);
  await expectAccessible(page);

  // Again, in Spanish: everything is already there.
  await setLanguage(page, 'es');
  try {
    await page.goto('/admin/imports');
    await expect(page.getByRole('table', { name: 'Importaciones realizadas' })).toContainText('legacy-requests.csv');
    await expectAccessible(page);
    await page.getByLabel('Archivo CSV', { exact: true }).setInputFiles(FIXTURE);
    await page.getByRole('button', { name: 'Subir y asignar columnas' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Importación de legacy-requests.csv' })).toBeVisible();
    await page.getByLabel('«Weed Abatement» (3 filas)').selectOption('overgrown-lot');
    await page.getByRole('button', { name: 'Solo validar' }).click();
    await expect(page.getByRole('heading', { name: 'Resultado de la validación (no se guardó nada)' })).toBeVisible();
    await expect(page.locator('main')).toContainText('Ya existentes30');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Importar', exact: true }).click();
    await expect(page.getByText(/^100 % hecho: 0 solicitudes importadas de 40 filas\.$/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('table', { name: 'Problemas encontrados' })).toContainText(
      'Las filas de este tipo se marcaron para rechazarse.',
    );
    await expectAccessible(page);
  } finally {
    await setLanguage(page, 'en');
  }
});
