import { expect, test, type Browser, type Page } from '@playwright/test';
import { choices, insertSurvey, label } from '../support/surveys';
import { sql } from '../support/sql';
import { e2eDatabaseUrl, expectAccessible, hydrated, setLanguage, watchErrors } from './helpers';

/**
 * Conditions on a question of the same page, without JavaScript: ticking the answer shows the
 * question it unlocks (the survey's conditions stylesheet), unticking hides it again, chains hold,
 * a rating's "4 or more" too; what depends on a typed number comes once the page is posted. With
 * JavaScript the page still decides as you type. Hidden questions' inputs are never stored.
 */
let surveyId = '';

const ask = (key: string, kind: string, order: number, text: string, extra: Record<string, unknown> = {}) => ({
  key,
  kind,
  section: 1,
  order,
  required: false,
  label: label(text),
  ...extra,
});

test.beforeAll(async () => {
  surveyId = await insertSurvey(e2eDatabaseUrl(), {
    title: 'Pets in the park survey',
    sections: [{ title: label('You and your pet') }],
    closesAt: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    questions: [
      ask('pet', 'yesNo', 1, 'Do you bring a pet?', { required: true }),
      ask('petname', 'text', 2, 'Pet name', { required: true, condition: { question: 'pet', op: 'eq', value: 'yes' } }),
      ask('kind', 'singleChoice', 3, 'Which pet', {
        options: choices('dog', 'cat'),
        condition: { question: 'pet', op: 'eq', value: 'yes' },
      }),
      ask('walks', 'text', 4, 'Walks a day', { condition: { question: 'kind', op: 'eq', value: 'dog' } }),
      ask('score', 'rating', 5, 'How pet-friendly is it?', { required: true, scale: { min: 1, max: 5 } }),
      ask('best', 'text', 6, 'What do you like best?', { condition: { question: 'score', op: 'gte', value: 4 } }),
      ask('fix', 'multipleChoice', 7, 'What to fix', { options: choices('bins', 'fences') }),
      ask('where', 'text', 8, 'Where are fences missing?', { condition: { question: 'fix', op: 'includes', value: 'fences' } }),
      ask('kids', 'number', 9, 'Children with you', { min: 0, max: 20 }),
      ask('ages', 'text', 10, 'Their ages', { condition: { question: 'kids', op: 'gte', value: 1 } }),
    ],
  });
});

async function newPage(browser: Browser, javaScriptEnabled: boolean, answered: number[] = []): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
  return { page, errors: watchErrors(page, answered) };
}

test('without JavaScript, ticking an answer shows the question it unlocks and unticking hides it, with no post', async ({ browser }) => {
  const { page, errors } = await newPage(browser, false);
  await page.goto(`/surveys/${surveyId}/1`);
  const petName = page.getByRole('textbox', { name: 'Pet name' });
  const walks = page.getByRole('textbox', { name: 'Walks a day (optional)' });
  const best = page.getByRole('textbox', { name: 'What do you like best? (optional)' });
  const where = page.getByRole('textbox', { name: 'Where are fences missing? (optional)' });
  const ages = page.getByRole('textbox', { name: 'Their ages (optional)' });
  // Hidden: neither seen nor in the accessibility tree.
  for (const hidden of [petName, walks, best, where, ages]) await expect(hidden).toHaveCount(0);
  const url = page.url();

  await page.locator('input[name="a.pet"][value="yes"]').check();
  await expect(petName).toBeVisible();
  await expect(page.getByRole('group', { name: 'Which pet (optional)' })).toBeVisible();
  await expect(walks).toHaveCount(0);
  // A chain: Walks needs Dog, and Which pet needs Yes.
  await page.locator('input[name="a.kind"][value="dog"]').check();
  await expect(walks).toBeVisible();
  await page.locator('input[name="a.pet"][value="no"]').check();
  await expect(petName).toHaveCount(0);
  await expect(walks).toHaveCount(0);
  await expect(page.locator('[data-survey-question="walks"]')).toBeHidden();
  await page.locator('input[name="a.pet"][value="yes"]').check();
  await expect(walks).toBeVisible();

  // A rating's "4 or more": every value that satisfies it.
  await page.locator('input[name="a.score"][value="5"]').check();
  await expect(best).toBeVisible();
  await page.locator('input[name="a.score"][value="3"]').check();
  await expect(best).toHaveCount(0);
  await page.locator('input[name="a.score"][value="4"]').check();
  await expect(best).toBeVisible();

  await page.locator('input[name="a.fix"][value="fences"]').check();
  await expect(where).toBeVisible();
  await page.locator('input[name="a.fix"][value="fences"]').uncheck();
  await expect(where).toHaveCount(0);
  // Nothing was posted: the same page, still unsubmitted.
  expect(page.url()).toBe(url);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('without JavaScript, a hidden question filled in before is not stored, and the answers are sent', async ({ browser }) => {
  const { page, errors } = await newPage(browser, false);
  await page.goto(`/surveys/${surveyId}/1`);
  await page.locator('input[name="a.pet"][value="yes"]').check();
  await page.getByRole('textbox', { name: 'Pet name' }).fill('Rex');
  await page.locator('input[name="a.kind"][value="dog"]').check();
  await page.getByRole('textbox', { name: 'Walks a day (optional)' }).fill('three');
  // Changed mind: No hides the pet's questions (and makes the required name not asked).
  await page.locator('input[name="a.pet"][value="no"]').check();
  await page.locator('input[name="a.score"][value="2"]').check();
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page).toHaveURL(new RegExp(`/surveys/${surveyId}/thanks$`));
  const rows = await sql(e2eDatabaseUrl(), `SELECT answers FROM "SurveyResponse" WHERE "surveyId" = $1`, [surveyId]);
  const stored = rows.map((r) => (typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers));
  expect(stored).toContainEqual({ pet: false, score: 2 });
  expect(errors).toEqual([]);
});

test('without JavaScript, what depends on a typed number comes when the page is posted, which then stays to ask it', async ({
  browser,
}) => {
  // The page posted back with the new questions is a 400 (a form reply), which Chromium logs.
  const { page, errors } = await newPage(browser, false, [400]);
  await page.goto(`/surveys/${surveyId}/1`);
  const kids = page.getByRole('textbox', { name: 'Children with you (optional)' });
  await expect(kids).toHaveAccessibleDescription('Depending on this answer, more questions may follow on this page.');
  await page.locator('input[name="a.pet"][value="no"]').check();
  await page.locator('input[name="a.score"][value="3"]').check();
  await kids.fill('2');
  const ages = page.getByRole('textbox', { name: 'Their ages (optional)' });
  await expect(ages).toHaveCount(0);
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByRole('alert')).toContainText('Your answers bring up more questions on this page');
  await expect(ages).toBeVisible();
  await expect(kids).toHaveValue('2');
  await ages.fill('4 and 7');
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page).toHaveURL(new RegExp(`/surveys/${surveyId}/thanks$`));
  const rows = await sql(e2eDatabaseUrl(), `SELECT answers FROM "SurveyResponse" WHERE "surveyId" = $1`, [surveyId]);
  const stored = rows.map((r) => (typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers));
  expect(stored).toContainEqual({ pet: false, score: 3, kids: 2, ages: '4 and 7' });
  expect(errors).toEqual([]);
});

for (const lng of ['en', 'es'] as const) {
  test(`the page with questions shown by the stylesheet is accessible in ${lng}`, async ({ browser }) => {
    // axe runs in the page, so JavaScript is on but the app's scripts are not loaded: the page
    // stays as a browser without JavaScript has it (no hydration).
    const page = await (await browser.newContext()).newPage();
    if (lng === 'es') {
      await page.goto('/surveys');
      await setLanguage(page, lng);
    }
    await page.route(
      (url) => url.pathname.endsWith('.js'),
      (route) => route.abort(),
    );
    await page.goto(`/surveys/${surveyId}/1`);
    await page.locator('input[name="a.pet"][value="yes"]').check();
    await page.locator('input[name="a.kind"][value="dog"]').check();
    await page.locator('input[name="a.score"][value="5"]').check();
    const best = lng === 'en' ? 'What do you like best? (optional)' : 'What do you like best? (es) (opcional)';
    await expect(page.getByRole('textbox', { name: best })).toBeVisible();
    expect(await page.evaluate(() => Object.keys(document.body).some((k) => k.startsWith('__reactFiber')))).toBe(false);
    await expectAccessible(page);
  });
}

test('with JavaScript the conditions still apply as you type, a typed number too, with no console errors', async ({ browser }) => {
  const { page, errors } = await newPage(browser, true);
  await page.goto(`/surveys/${surveyId}/1`);
  await hydrated(page);
  const petName = page.getByRole('textbox', { name: 'Pet name' });
  await expect(petName).toHaveCount(0);
  await page.locator('input[name="a.pet"][value="yes"]').check();
  await expect(petName).toBeVisible();
  await page.locator('input[name="a.pet"][value="no"]').check();
  await expect(petName).toHaveCount(0);
  await page.locator('input[name="a.score"][value="4"]').check();
  await expect(page.getByRole('textbox', { name: 'What do you like best? (optional)' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Children with you (optional)' }).fill('2');
  await expect(page.getByRole('textbox', { name: 'Their ages (optional)' })).toBeVisible();
  // What was shown as you typed needs no second post.
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page).toHaveURL(new RegExp(`/surveys/${surveyId}/thanks$`));
  expect(errors).toEqual([]);
});
