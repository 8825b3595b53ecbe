import { expect, test } from '@playwright/test';
import { sql } from '../support/sql';
import { insertAnswers, insertSurvey, type AnswerSet } from '../support/surveys';
import {
  DEMO,
  e2eDatabaseUrl,
  expectAccessible,
  hydrated,
  personPage,
  setLanguage,
  signedIn,
  signIn,
  VIEWPORTS,
  watchErrors,
} from './helpers';

/**
 * Survey results in a real browser: staff watch the count change live while answers arrive
 * (two contexts), the pages work with and without JavaScript, and axe finds nothing in either
 * language at phone and desktop widths. Answer sets are inserted as answering stores them.
 */
const SURVEY = `e2e-results-${Date.now().toString(36)}`;
const RESULTS = `/staff/surveys/${SURVEY}/results`;
const answers = (n: number, from = 0): AnswerSet[] =>
  Array.from({ length: n }, (_, i) => ({
    language: 'en',
    answers: { fruit: (from + i) % 3 === 0 ? 'pears' : 'apples', score: 4, dog: true, comment: `Answer ${from + i}` },
  }));

test.beforeAll(async () => {
  await insertSurvey(e2eDatabaseUrl(), { id: SURVEY, title: 'Park survey', anonymous: true });
  await insertAnswers(e2eDatabaseUrl(), SURVEY, answers(6));
});

test('staff see the results change live as answers arrive, and publish them to residents', async ({ browser }) => {
  const staff = await personPage(browser, DEMO.staff);
  const errors = watchErrors(staff);
  await staff.goto(RESULTS);
  await hydrated(staff);
  await expect(staff.getByText('6 answer sets')).toBeVisible();
  await staff.waitForLoadState('networkidle');

  // Five more answer sets arrive; the results event reaches the open page (here through the
  // publish switch, which a second person uses: it publishes the same event after its commit).
  await insertAnswers(e2eDatabaseUrl(), SURVEY, answers(5, 6));
  await expect(staff.getByText('6 answer sets')).toBeVisible();
  const admin = await personPage(browser, DEMO.admin);
  await admin.goto(RESULTS);
  await admin.getByRole('button', { name: 'Publish the results to residents' }).click();
  await expect(admin.getByText('Residents can see these results.')).toBeVisible();
  await expect(staff.getByText('11 answer sets')).toBeVisible();
  await expect(staff.getByRole('row', { name: /Apples 7 63\.6%/ })).toBeVisible();
  expect(errors).toEqual([]);

  // Residents read them once published, without the staff tools.
  const resident = await personPage(browser, DEMO.resident);
  await resident.goto(`/surveys/${SURVEY}/results`);
  await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Results: Park survey');
  await expect(resident.getByRole('button', { name: /Withdraw/ })).toHaveCount(0);
  await Promise.all([staff.context().close(), admin.context().close(), resident.context().close()]);
});

test('a resident reading published results sees the count change when an answer arrives', async ({ browser }) => {
  const id = await insertSurvey(e2eDatabaseUrl(), { title: 'Library survey', resultsPublic: true });
  await insertAnswers(e2eDatabaseUrl(), id, answers(5));
  const resident = await personPage(browser, DEMO.resident);
  const errors = watchErrors(resident);
  await resident.goto(`/surveys/${id}/results`);
  await hydrated(resident);
  await expect(resident.getByText('5 answer sets')).toBeVisible();
  await resident.waitForLoadState('networkidle');

  // A visitor answers (not anonymous: counted at once, the results event published after the commit).
  const visitorContext = await browser.newContext({ javaScriptEnabled: false });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/surveys/${id}/1`);
  await visitor.locator('input[name="a.fruit"][value="plums"]').check();
  await visitor.getByRole('button', { name: 'Send my answers' }).click();
  await expect(visitor).toHaveURL(new RegExp(`/surveys/${id}/thanks$`));
  await expect(resident.getByText('6 answer sets')).toBeVisible();
  await expect(resident.getByRole('row', { name: /Plums 1 16\.7%/ })).toBeVisible();
  expect(errors).toEqual([]);
  await Promise.all([resident.context().close(), visitorContext.close()]);
});

test('the results, a question written answers and the switch work without JavaScript', async ({ browser }) => {
  const page = await signedIn(browser, DEMO.staff, false, 'en');
  await page.goto(RESULTS);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Park survey');
  // The filter is a plain GET form; the written answers page searches and pages the same way.
  await page.getByRole('link', { name: /All written answers/ }).click();
  await expect(page).toHaveURL(new RegExp(`${RESULTS}/comment`));
  await page.getByLabel(/Search the answers|Buscar en las respuestas/).fill('answer 10');
  await page.getByRole('button', { name: /^(Show|Mostrar)$/ }).click();
  await expect(page.locator('ul.results-texts li')).toHaveText(['Answer 10']);
  // The switch is a plain form post too.
  await page.goto(RESULTS);
  const toggle = page.getByRole('button', {
    name: /Withdraw the results|Retirar los resultados|Publish the results|Publicar los resultados/,
  });
  const before = await toggle.textContent();
  await toggle.click();
  await expect(
    page.getByRole('button', { name: /Withdraw the results|Retirar los resultados|Publish the results|Publicar los resultados/ }),
  ).not.toHaveText(before!);
  await page.context().close();
});

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS))
    test(`the results pages are accessible in ${lng} at ${width} width, with no console error`, async ({ browser }) => {
      const page = await personPage(browser, DEMO.staff, { lng, viewport });
      const errors = watchErrors(page);
      for (const path of [RESULTS, `${RESULTS}/comment`, `${RESULTS}?language=es`]) {
        await page.goto(path);
        await hydrated(page);
        await expectAccessible(page);
      }
      expect(errors).toEqual([]);
      await setLanguage(page, 'en');
      await page.context().close();
    });

test('residents results page loads with and without JavaScript once published', async ({ browser }) => {
  const staff = await signedIn(browser, DEMO.staff, false, 'en');
  await staff.goto(RESULTS);
  const publish = staff.getByRole('button', { name: /Publish the results|Publicar los resultados/ });
  if (await publish.count()) await publish.click();
  await staff.context().close();
  const plain = await browser.newContext({ javaScriptEnabled: false, baseURL: `http://localhost:${process.env.E2E_PORT ?? 4173}` });
  const visitor = await plain.newPage();
  await visitor.goto(`/surveys/${SURVEY}/results`);
  await expect(visitor.getByRole('heading', { level: 1 })).toContainText('Park survey');
  await plain.close();
  const resident = await browser.newContext();
  const page = await resident.newPage();
  const errors = watchErrors(page);
  await signIn(page, DEMO.resident);
  await page.goto(`/surveys/${SURVEY}/results`);
  await hydrated(page);
  await expectAccessible(page);
  expect(errors).toEqual([]);
  await resident.close();
});

test('the request follow-up results: per department and type, accessible, and filtered without JavaScript', async ({ browser }) => {
  const [followUp] = await sql(e2eDatabaseUrl(), `SELECT id FROM "Survey" WHERE key = 'request-follow-up'`);
  const path = `/staff/surveys/${String(followUp.id)}/results`;
  for (const [lng, viewport] of (['en', 'es'] as const).flatMap((l) => Object.values(VIEWPORTS).map((v) => [l, v] as const))) {
    const page = await personPage(browser, DEMO.staff, { lng, viewport });
    const errors = watchErrors(page);
    await page.goto('/staff/surveys');
    await page.getByRole('link', { name: /Results of the request follow-up|Resultados del seguimiento/ }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await hydrated(page);
    await expect(page.getByRole('heading', { level: 2, name: /By department|Por departamento/ })).toBeVisible();
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await setLanguage(page, 'en');
    await page.context().close();
  }
  const plain = await signedIn(browser, DEMO.staff, false, 'en');
  await plain.goto(path);
  const department = plain.getByLabel('Department', { exact: true });
  const choice = (await department.locator('option').nth(1).textContent())!;
  await department.selectOption({ label: choice });
  await plain.getByRole('button', { name: 'Show' }).click();
  await expect(plain).toHaveURL(/department=/);
  await expect(plain.getByText(/of them match the filters/)).toBeVisible();
  await expect(plain.getByRole('table').first().getByRole('rowheader').first()).toHaveText(choice);
  await plain.context().close();
});
