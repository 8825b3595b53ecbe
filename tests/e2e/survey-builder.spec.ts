import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, expectAccessible, personPage, VIEWPORTS, watchErrors } from './helpers';

/**
 * Staff build a survey at /staff/surveys with JavaScript and without it, preview it in Spanish,
 * and every builder page is axe clean in both languages at phone and desktop widths.
 */
const BASE = `http://localhost:${process.env.E2E_PORT ?? 4173}`;

async function plainStaffPage(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: BASE });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.locator('input[name="email"]').fill(DEMO.staff);
  await page.locator('input[name="password"]').fill('arroyo-verde-demo');
  await page.locator('form:has(input[name="password"]) button[type="submit"]').click();
  await expect(page.locator('form[action="/signout"]').first()).toBeAttached();
  return page;
}

async function createSurvey(page: Page, en: string, es: string) {
  await page.goto('/staff/surveys');
  await page.locator('input[name="title.en"]').fill(en);
  await page.locator('input[name="title.es"]').fill(es);
  await page.locator('form:has(input[name="title.en"]) button[type="submit"]').click();
  await expect(page).toHaveURL(/\/staff\/surveys\/[^/]+$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

async function addYesNo(page: Page, id: string, key: string, en: string, es: string) {
  await page.goto(`/staff/surveys/${id}/questions/new?section=1`);
  await page.locator('input[name="key"]').fill(key);
  await page.locator('select[name="kind"]').selectOption('yesNo');
  await page.locator('textarea[name="label.en"]').fill(en);
  await page.locator('textarea[name="label.es"]').fill(es);
  await page.locator('#question-editor button[type="submit"]').last().click();
  await expect(page).toHaveURL(new RegExp(`/staff/surveys/${id}/questions$`));
  await expect(page.locator(`a[href="/staff/surveys/${id}/questions/${key}"]`)).toBeVisible();
}

test('staff build a survey with JavaScript, with an error shown on its field, and preview it in Spanish', async ({ browser }) => {
  const page = await personPage(browser, DEMO.staff);
  const errors = watchErrors(page);
  await page.goto('/staff');
  await page.locator('main a[href="/staff/surveys"]').first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Surveys' })).toBeVisible();
  const id = await createSurvey(page, 'Library hours', 'Horario de la biblioteca');

  // A choice question with one choice is refused on its field, the input kept.
  await page.goto(`/staff/surveys/${id}/questions/new?section=1`);
  await page.locator('input[name="key"]').fill('days');
  await page.locator('select[name="kind"]').selectOption('singleChoice');
  await page.locator('textarea[name="label.en"]').fill('Which day?');
  await page.locator('textarea[name="label.es"]').fill('¿Qué día?');
  await page.locator('input[name="options[0].value"]').fill('monday');
  await page.locator('input[name="options[0].label.en"]').fill('Monday');
  await page.locator('input[name="options[0].label.es"]').fill('Lunes');
  await page.locator('#question-editor button[type="submit"]').last().click();
  await expect(page.locator('#question-editor-options-error')).toContainText('Give at least two choices.');
  await page.locator('input[name="options[1].value"]').fill('sunday');
  await page.locator('input[name="options[1].label.en"]').fill('Sunday');
  await page.locator('input[name="options[1].label.es"]').fill('Domingo');
  await page.locator('#question-editor button[type="submit"]').last().click();
  await expect(page).toHaveURL(new RegExp(`/staff/surveys/${id}/questions$`));
  await addYesNo(page, id, 'evenings', 'Open in the evening?', '¿Abrir por la tarde?');

  await page.goto(`/staff/surveys/${id}`);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status')).toContainText('The survey is published.');

  await page.goto(`/staff/surveys/${id}/preview?lang=es`);
  await expect(page.getByRole('heading', { level: 1, name: 'Horario de la biblioteca' })).toBeVisible();
  await expect(page.getByText('¿Qué día?')).toBeVisible();
  await expect(page.getByLabel('Domingo')).toBeDisabled();
  expect(errors).toEqual([]);
});

test('staff build and publish a survey without JavaScript', async ({ browser }) => {
  const page = await plainStaffPage(browser);
  const id = await createSurvey(page, 'Street trees', 'Árboles de la calle');
  await page.locator('input[name="closesAt"]').fill('2099-06-30T17:00');
  await page.locator('form:has(input[name="closesAt"]) button[type="submit"]').click();
  await expect(page.locator('[role="status"]')).toContainText('saved');
  await addYesNo(page, id, 'more-trees', 'Do you want more trees?', '¿Quiere más árboles?');
  await page.goto(`/staff/surveys/${id}`);
  await page.locator('form:has(input[name="intent"][value="publish"]) button').click();
  await expect(page.locator('[role="status"]')).toContainText('published');
  await page.goto(`/staff/surveys/${id}/preview?lang=es`);
  await expect(page.getByText('¿Quiere más árboles?')).toBeVisible();
  await page.context().close();
});

for (const lng of ['en', 'es'] as const) {
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    test(`the builder pages are accessible (${lng}, ${width})`, async ({ browser }) => {
      // Seven pages, the question editor a long form: axe takes its time on a shared machine.
      test.setTimeout(300_000);
      const page = await personPage(browser, DEMO.staff, { lng, viewport });
      const errors = watchErrors(page);
      const id = await createSurvey(page, `Axe ${lng} ${width}`, `Axe ${lng} ${width}`);
      await addYesNo(page, id, 'q1', 'First question?', '¿Primera pregunta?');
      for (const path of [
        '/staff/surveys',
        `/staff/surveys/${id}`,
        `/staff/surveys/${id}/questions`,
        `/staff/surveys/${id}/questions/new`,
        `/staff/surveys/${id}/questions/q1`,
        `/staff/surveys/${id}/preview?lang=en`,
        `/staff/surveys/${id}/preview?lang=es`,
      ]) {
        await page.goto(path);
        await expect(page.locator('h1')).toBeVisible();
        await expectAccessible(page);
      }
      await page.goto('/');
      await page.context().close();
      expect(errors).toEqual([]);
    });
  }
}
