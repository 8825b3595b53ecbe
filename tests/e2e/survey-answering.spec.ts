import { expect, test, type Browser, type Page } from '@playwright/test';
import { insertSurvey, label } from '../support/surveys';
import { e2eDatabaseUrl, expectAccessible, setLanguage, VIEWPORTS } from './helpers';

/**
 * Answering a survey in a real browser: a two-page public survey end to end without JavaScript
 * (errors shown and tied to their fields, input kept, then the thanks), a condition applied as
 * you type with JavaScript, and axe on every answering page in both languages at both widths.
 */
const QUESTIONS = [
  { key: 'likes', kind: 'yesNo', section: 1, order: 1, required: true, label: label('Do you like the park?') },
  {
    key: 'why',
    kind: 'text',
    section: 1,
    order: 2,
    required: true,
    label: label('What do you like most?'),
    condition: { question: 'likes', op: 'eq', value: 'yes' },
  },
  { key: 'visits', kind: 'number', section: 1, order: 3, required: true, label: label('Visits a month'), min: 0, max: 100 },
  {
    key: 'score',
    kind: 'rating',
    section: 2,
    order: 1,
    required: true,
    label: label('How clean is it?'),
    scale: { min: 1, max: 5, minLabel: label('Dirty'), maxLabel: label('Spotless') },
  },
  { key: 'note', kind: 'longText', section: 2, order: 2, required: false, label: label('Anything else?') },
];
let surveyId = '';

test.beforeAll(async () => {
  surveyId = await insertSurvey(e2eDatabaseUrl(), {
    title: 'Flores Park survey',
    questions: QUESTIONS,
    sections: [{ title: label('Your visits') }, { title: label('The park') }],
    closesAt: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    thanks: 'Thank you for helping Flores Park.',
  });
});

function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

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
  // The condition's question is hidden until Yes is posted.
  await expect(page.getByLabel('What do you like most?')).toHaveCount(0);
  await page.getByLabel('Visits a month').fill('500');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByRole('alert')).toContainText('2 fields need your attention.');
  const visits = page.getByLabel('Visits a month');
  await expect(visits).toHaveValue('500');
  await expect(visits).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await visits.getAttribute('aria-describedby')) ?? '';
  await expect(page.locator(`[id="${describedBy}"]`)).toHaveText(/Enter 100 or less\./);
  const likes = page.getByRole('group', { name: 'Do you like the park?' });
  const likesError = (await likes.getAttribute('aria-describedby')) ?? '';
  await expect(page.locator(`[id="${likesError}"]`)).toHaveText(/Choose one of the options\./);

  await page.locator('input[name="a.likes"][value="yes"]').check();
  await visits.fill('6');
  await page.getByRole('button', { name: 'Next' }).click();
  // Yes shows the follow-up question, required now.
  const why = page.getByLabel('What do you like most?');
  await expect(why).toHaveAttribute('aria-invalid', 'true');
  await why.fill('The shade');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByText('Page 2 of 2')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The park' })).toBeVisible();
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByRole('group', { name: 'How clean is it?' })).toHaveAttribute('aria-describedby', /.+/);
  await page.getByLabel('4', { exact: true }).check();
  await page.getByRole('button', { name: 'Send my answers' }).click();

  await expect(page).toHaveURL(new RegExp(`/surveys/${surveyId}/thanks$`));
  await expect(page.getByText('Thank you for helping Flores Park.')).toBeVisible();
  await page.goto(`/surveys/${surveyId}`);
  await expect(page.getByText('You have already answered this survey.')).toBeVisible();
});

test('with JavaScript a condition shows its question as you answer, with no console errors', async ({ browser }) => {
  const page = await newPage(browser);
  const errors = watchConsole(page);
  await page.goto(`/surveys/${surveyId}/1`);
  await expect(page.getByLabel('What do you like most?')).toHaveCount(0);
  await page.locator('input[name="a.likes"][value="yes"]').check();
  await expect(page.getByLabel('What do you like most?')).toBeVisible();
  await page.locator('input[name="a.likes"][value="no"]').check();
  await expect(page.getByLabel('What do you like most?')).toHaveCount(0);
  await page.getByLabel('Visits a month').fill('3');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Page 2 of 2')).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByText('Page 1 of 2')).toBeVisible();
  await expect(page.getByLabel('Visits a month')).toHaveValue('3');
  expect(errors).toEqual([]);
});

for (const lng of ['en', 'es'] as const) {
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    test(`the answering pages are accessible in ${lng} at ${width} width`, async ({ browser }) => {
      const page = await newPage(browser, { viewport });
      const errors = watchConsole(page);
      await page.goto('/surveys');
      await setLanguage(page, lng);
      await expectAccessible(page);
      await page.goto(`/surveys/${surveyId}`);
      await expectAccessible(page);
      await page.goto(`/surveys/${surveyId}/1`);
      await page.locator('form button[value="next"]').click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectAccessible(page);
      await page.goto(`/surveys/${surveyId}/thanks`);
      await expectAccessible(page);
      expect(errors).toEqual([]);
    });
  }
}
