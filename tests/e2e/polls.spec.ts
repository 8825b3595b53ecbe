import { expect, test, type Browser, type Page } from '@playwright/test';
import { sql } from '../support/sql';
import { DEMO, e2eDatabaseUrl, expectAccessible, hydrated, personPage, signIn, VIEWPORTS } from './helpers';

/**
 * Quick polls in a real browser: adding one and voting with JavaScript while another reader's
 * counts follow live; adding, voting and changing a vote without JavaScript; axe on the thread
 * page with a poll and on the add-poll page (with its errors), in both languages, phone and
 * desktop. The accounts are those forum.spec.ts leaves alone or uses without depending on language.
 */
const CAPTAIN = 'captain@arroyoverde.example';
let counter = 0;
const unique = (text: string) => `${text} ${Date.now().toString(36)}${++counter}`;

/** Console errors and uncaught exceptions of a page, gathered from now on. */
function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => (m.type() === 'error' ? problems.push(m.text()) : undefined));
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

/** Starts a thread in Riverside through the plain form (works with or without JavaScript's editor). */
async function startThread(page: Page, title: string, body: string) {
  await page.goto('/channels/n-riverside/new');
  await page.locator('input[name="title"]').fill(title);
  if (await page.getByRole('toolbar').count()) {
    await page.getByRole('textbox', { name: /Message|Mensaje/ }).click();
    await page.keyboard.type(body);
  } else await page.locator('textarea[name="bodyText"]').fill(body);
  await page.locator('form:has(input[name="title"]) button[type="submit"]').click();
  await expect(page).toHaveURL(/\/threads\//);
  const threadId = /\/threads\/([^?#/]+)/.exec(page.url())![1];
  const postId = (await page.locator('article.post').first().getAttribute('id'))!.replace('post-', '');
  return { threadId, postId };
}

/** Fills in and sends the add-poll page of a post (English labels). */
async function addPoll(page: Page, postId: string, poll: { question: string; options: string[]; multiple?: boolean; closesAt?: string }) {
  await page.goto(`/posts/${postId}/poll`);
  await page.getByLabel('Question', { exact: true }).fill(poll.question);
  if (poll.multiple) await page.getByLabel(/^Multiple choice/).check();
  await page.getByLabel('Options', { exact: true }).fill(poll.options.join('\n'));
  if (poll.closesAt) await page.getByLabel(/^Closes at/).fill(poll.closesAt);
  await page.getByRole('button', { name: 'Add poll' }).click();
  await expect(page).toHaveURL(new RegExp(`#post-${postId}$`));
}

const pollOf = (page: Page, question: string) => page.locator('section.poll', { hasText: question });

test.describe('with JavaScript', () => {
  test('a vote shows its counts at once, and another reader sees them change without reloading', async ({ browser }) => {
    const samuel = await personPage(browser, DEMO.staff);
    const rosa = await personPage(browser, DEMO.resident);
    const problems = [samuel, rosa].map(problemsOf);
    const { threadId, postId } = await startThread(samuel, unique('Farmers market day'), 'Which day should the market move to?');
    const question = unique('Which day?');
    await addPoll(samuel, postId, { question, options: ['Saturday', 'Sunday'] });
    const watched = pollOf(samuel, question);
    await expect(watched).toContainText('0 voters');
    await samuel.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));

    await rosa.goto(`/threads/${threadId}`);
    const poll = pollOf(rosa, question);
    await expect(poll).toContainText('The results are shown once you have voted.');
    await poll.getByLabel('Sunday').check();
    await poll.getByRole('button', { name: 'Vote' }).click();
    await expect(poll).toContainText('You voted.');
    await expect(poll).toContainText('1 vote, 100%');

    // Samuel's page took the new figures from the live event, in place.
    await expect(watched).toContainText('1 voter');
    await expect(watched.locator('li', { hasText: 'Sunday' })).toContainText('1 vote, 100%');
    expect(await samuel.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);

    // Rosa changes her mind; Samuel's figures follow again.
    await poll.getByLabel('Saturday').check();
    await poll.getByRole('button', { name: 'Change vote' }).click();
    await expect(poll.locator('li', { hasText: 'Saturday' })).toContainText('your choice');
    await expect(watched.locator('li', { hasText: 'Saturday' })).toContainText('1 vote, 100%');
    await expect(watched.locator('li', { hasText: 'Sunday' })).toContainText('0 votes, 0%');
    expect(await samuel.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
    expect(problems.flat()).toEqual([]);
    for (const page of [samuel, rosa]) await page.context().close();
  });
});

test.describe('reaching its close time', () => {
  test('an open thread page shows the poll closed, without reloading', async ({ browser }) => {
    const samuel = await personPage(browser, DEMO.staff);
    const { threadId, postId } = await startThread(samuel, unique('Bench colors'), 'Pick before Friday.');
    const question = unique('Which color?');
    const closesAt = `${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}T12:00`;
    await addPoll(samuel, postId, { question, options: ['Green', 'Blue'], closesAt });
    await samuel.context().close();

    const rosa = await personPage(browser, DEMO.resident);
    const problems = problemsOf(rosa);
    await rosa.goto(`/threads/${threadId}`);
    const poll = pollOf(rosa, question);
    await expect(poll.getByRole('button', { name: 'Vote' })).toBeVisible();
    await rosa.waitForLoadState('networkidle');
    await rosa.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));

    // The close time comes (moved to a second ago, with the job waiting for it).
    const db = e2eDatabaseUrl();
    const [row] = await sql(db, `SELECT id FROM "Poll" WHERE "postId" = $1`, [postId]);
    const past = new Date(Date.now() - 1000).toISOString();
    await sql(db, `UPDATE "Poll" SET "closesAt" = $1 WHERE id = $2`, [past, row.id]);
    const jobs = await sql(db, `SELECT id, payload FROM "Job" WHERE name = 'polls.announceClose' AND status = 'queued'`);
    const job = jobs.find((j) => JSON.stringify(j.payload).includes(String(row.id)));
    expect(job).toBeDefined();
    await sql(db, `UPDATE "Job" SET "runAt" = $1 WHERE id = $2`, [past, job!.id]);

    await expect(poll).toContainText('Closed', { timeout: 15_000 });
    await expect(poll.getByRole('button', { name: 'Vote' })).toHaveCount(0);
    expect(await rosa.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
    expect(problems).toEqual([]);
    await rosa.context().close();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('adds a multiple-choice poll, votes with checkboxes and changes the vote', async ({ page, browser }) => {
    await signIn(page, DEMO.liaison);
    const { threadId, postId } = await startThread(page, unique('Park clean-up'), 'What should we bring?');
    const question = unique('What will you bring?');
    // A bad form comes back with its errors and the input kept.
    await page.goto(`/posts/${postId}/poll`);
    await page.getByLabel('Question', { exact: true }).fill(question);
    await page.getByLabel('Options', { exact: true }).fill('Gloves\ngloves');
    await page.getByRole('button', { name: 'Add poll' }).click();
    await expect(page.getByText('“gloves” is listed twice.')).toBeVisible();
    await expect(page.getByLabel('Question', { exact: true })).toHaveValue(question);
    await addPoll(page, postId, { question, options: ['Gloves', 'Bags', 'Water'], multiple: true });

    const voter = await plainPage(browser, CAPTAIN);
    await voter.goto(`/threads/${threadId}`);
    const poll = pollOf(voter, question);
    await poll.locator('input[value="o1"]').check();
    await poll.locator('input[value="o3"]').check();
    await poll.locator('button[type="submit"]').first().click();
    await expect(voter).toHaveURL(new RegExp(`/threads/${threadId}#post-${postId}$`));
    await expect(poll.locator('li', { hasText: 'Gloves' })).toContainText(/1 (vote|voto), 100\s?%/);
    await poll.locator('input[value="o1"]').uncheck();
    await poll.locator('button[type="submit"]').first().click();
    await expect(poll.locator('li', { hasText: 'Gloves' })).toContainText(/0 (votes|votos), 0\s?%/);
    await expect(poll.locator('li', { hasText: 'Water' })).toContainText(/1 (vote|voto), 100\s?%/);
    await voter.context().close();
  });
});

async function plainPage(browser: Browser, email: string) {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: `http://localhost:${process.env.E2E_PORT ?? 4173}` });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const axe = { threadId: '', pollPostId: '', freePostId: '' };

test.describe('accessibility', () => {
  test.beforeAll(async ({ browser }) => {
    const samuel = await personPage(browser, DEMO.staff);
    const { threadId, postId } = await startThread(samuel, unique('Library hours'), 'Should the library open later on weekdays?');
    await addPoll(samuel, postId, { question: 'Open until 9 pm?', options: ['Yes', 'No', 'Only on Fridays'] });
    const free = await startThread(samuel, unique('Street fair'), 'Ideas for the fair.');
    Object.assign(axe, { threadId, pollPostId: postId, freePostId: free.postId });
    await samuel.context().close();
  });

  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    for (const lng of ['en', 'es'] as const) {
      test(`thread page with a poll and the add-poll page: ${viewportName}, ${lng}`, async ({ browser }) => {
        // The voter sees the form, the author the figures and the close button.
        const voter = await personPage(browser, DEMO.resident, { lng, viewport });
        const problems = problemsOf(voter);
        await voter.goto(`/threads/${axe.threadId}`);
        await expect(voter.locator('section.poll input[type="radio"]')).toHaveCount(3);
        await hydrated(voter);
        await expectAccessible(voter);
        const author = await personPage(browser, DEMO.staff, { lng, viewport });
        await author.goto(`/threads/${axe.threadId}`);
        await expect(author.locator('section.poll .poll-results li')).toHaveCount(3);
        await hydrated(author);
        await expectAccessible(author);
        await author.goto(`/posts/${axe.freePostId}/poll`);
        await expect(author.locator('textarea[name="options"]')).toBeVisible();
        await expectAccessible(author);
        // With its errors shown.
        await author.locator('form:has(textarea[name="options"]) button[type="submit"]').click();
        await expect(author.locator('[aria-invalid="true"]').first()).toBeVisible();
        await expectAccessible(author);
        expect(problems).toEqual([]);
        for (const page of [voter, author]) await page.context().close();
      });
    }
  }
});
