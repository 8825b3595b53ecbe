import { expect, test, type Browser } from '@playwright/test';
import { insertSurvey, label, PARK_QUESTIONS } from '../support/surveys';
import { e2eDatabaseUrl, expectAccessible, hydrated, setLanguage, VIEWPORTS, watchErrors } from './helpers';

/**
 * Answering a survey in a real browser: a two-page public survey end to end without JavaScript
 * (errors shown and tied to their fields, input kept, then the thanks), a condition applied as
 * you type with JavaScript, and axe on every answering page in both languages at both widths.
 */
let surveyId = '';

test.beforeAll(async () => {
  surveyId = await insertSurvey(e2eDatabaseUrl(), {
    title: 'Flores Park survey',
    questions: PARK_QUESTIONS,
    sections: [{ title: label('Your visits') }, { title: label('The park') }],
    closesAt: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    thanks: 'Thank you for helping Flores Park.',
  });
});

async function newPage(browser: Browser, options: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number } } = {}) {
  const context = await browser.newContext(options);
  return context.newPage();
}

test('a visitor answers a two-page survey without JavaScript: errors tied to fields, input kept, then thanks', async ({ browser }) => {
  const page = await newPage(browser, { javaScriptEnabled: false });
  await page.goto('/surveys');
  await page.getByRole('link', { name: 'Flores Park survey' }).click();
  await expect(page.getByText('Not anonymous: city staff running this survey can see your answers')).toBeVisible();
  await page.getByRole('link', { name: 'Start the survey' }).click();
  await expect(page.getByText('Page 1 of 2')).toBeVisible();
  // The condition's question is hidden until Yes is ticked (survey-conditions.spec.ts shows it appear).
  await expect(page.getByLabel('Why?')).toBeHidden();
  await page.getByLabel('Visits a month').fill('500');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('alert')).toContainText('4 fields need your attention.');
  const visits = page.getByLabel('Visits a month');
  await expect(visits).toHaveValue('500');
  await expect(visits).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await visits.getAttribute('aria-describedby')) ?? '';
  await expect(page.locator(`[id="${describedBy}"]`)).toHaveText(/Enter 100 or less\./);
  const likes = page.getByRole('group', { name: 'Do you like the park?' });
  const likesError = (await likes.getAttribute('aria-describedby')) ?? '';
  await expect(page.locator(`[id="${likesError}"]`)).toHaveText(/Choose one of the options\./);

  await page.locator('input[name="a.likes"][value="yes"]').check();
  await page.locator('input[name="a.score"][value="4"]').check();
  await page.locator('input[name="a.color"][value="green"]').check();
  await page.locator('input[name="a.topics"][value="paths"]').check();
  await visits.fill('6');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByText('Page 2 of 2')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The park' })).toBeVisible();
  // Yes on page 1 leaves out the question meant for No.
  await expect(page.getByLabel('What would make you like it?')).toHaveCount(0);
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByRole('alert')).toContainText('2 fields need your attention.');
  await expect(page.getByRole('group', { name: 'Rate each' })).toContainText('Choose one of the options.');
  await page.getByLabel('swings').selectOption('2');
  await page.getByLabel('pond').selectOption('1');
  await page.getByLabel('trees').selectOption('3');
  await page.locator('input[name="a.grid.safety"][value="3"]').check();
  await page.locator('input[name="a.grid.shade"][value="1"]').check();
  await page.getByRole('button', { name: 'Send my answers' }).click();

  await expect(page).toHaveURL(new RegExp(`/surveys/${surveyId}/thanks$`));
  await expect(page.getByText('Thank you for helping Flores Park.')).toBeVisible();
  await page.goto(`/surveys/${surveyId}`);
  await expect(page.getByText('You have already answered this survey.')).toBeVisible();
});

test('with JavaScript a condition shows its question as you answer, with no console errors', async ({ browser }) => {
  const page = await newPage(browser);
  const errors = watchErrors(page);
  await page.goto(`/surveys/${surveyId}/1`);
  // Hydrated: React has attached its fibers to the server-rendered body.
  await hydrated(page);
  await expect(page.getByLabel('Why?')).toBeHidden();
  await page.locator('input[name="a.likes"][value="yes"]').check();
  await expect(page.getByLabel('Why?')).toBeVisible();
  await page.locator('input[name="a.likes"][value="no"]').check();
  await expect(page.getByLabel('Why?')).toBeHidden();
  await page.locator('input[name="a.score"][value="2"]').check();
  await page.locator('input[name="a.color"][value="blue"]').check();
  await page.getByLabel('Visits a month').fill('3');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Page 2 of 2')).toBeVisible();
  // No on page 1 shows the question meant for No.
  await expect(page.getByLabel('What would make you like it?')).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByText('Page 1 of 2')).toBeVisible();
  await expect(page.getByLabel('Visits a month')).toHaveValue('3');
  expect(errors).toEqual([]);
});

for (const lng of ['en', 'es'] as const) {
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    test(`the answering pages are accessible in ${lng} at ${width} width`, async ({ browser }) => {
      const page = await newPage(browser, { viewport });
      const errors = watchErrors(page);
      await page.goto('/surveys');
      await setLanguage(page, lng);
      await expectAccessible(page);
      await page.goto(`/surveys/${surveyId}`);
      await expectAccessible(page);
      await page.goto(`/surveys/${surveyId}/1`);
      // With JavaScript on, the form's errors come from the app; a click before hydration would
      // be a native submit answered by a 400 page instead.
      await hydrated(page);
      await page.locator('form button[value="next"]').click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectAccessible(page);
      await page.goto(`/surveys/${surveyId}/thanks`);
      await expectAccessible(page);
      expect(errors).toEqual([]);
    });
  }
}
