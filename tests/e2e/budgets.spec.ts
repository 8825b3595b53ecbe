import { expect, test, type Browser, type Page } from '@playwright/test';
import { plainJpeg, plainPng } from '../support/images';
import { DEMO, editor, expectAccessible, hydrated, personPage, setLanguage, signedIn, VIEWPORTS, watchErrors } from './helpers';

/**
 * Participatory budgets in a real browser: staff create a process through the form and move it to
 * proposals; a resident proposes a project, another resident supports it and its author changes it;
 * open pages follow supports and phases live; staff review and merge proposals; every page passes
 * axe in both languages at phone and desktop widths. The e2e database is shared by all these tests,
 * so every process gets a web address name of its own.
 */
const SUPPORTER = DEMO.captain;

let made = 0;
function uniqueSlug(tag: string) {
  return `pb-${tag}-${Date.now().toString(36)}-${++made}`;
}

function proposalIdOf(page: Page) {
  return /\/proposals\/([^/?#]+)$/.exec(new URL(page.url()).pathname)![1];
}

/** Marks the document, to tell a live update (the mark stays) from a page load (it is gone). */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { liveMark: boolean }).liveMark = true));
}
async function expectSameDocument(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { liveMark?: boolean }).liveMark)).toBe(true);
}

/** Staff fill in and post the new-process form (suggested phase dates kept), then land on the process's staff page. */
async function createProcess(page: Page, slug: string, title: string) {
  await page.goto('/staff/budgets');
  await page.getByRole('link', { name: 'New participatory budget' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New participatory budget');
  await page.getByRole('group', { name: 'Title' }).getByLabel('English').fill(title);
  await page.getByRole('group', { name: 'Title' }).getByLabel('Spanish').fill(`${title} (es)`);
  await page.getByLabel('Web address name').fill(slug);
  await page.getByRole('group', { name: 'Description' }).getByLabel('English').fill('Projects for parks and streets.');
  await page.getByLabel('Total budget').fill('250000');
  await page.getByLabel('Categories').fill('Parks | Parques\nStreets | Calles');
  await page.getByRole('button', { name: 'Create the participatory budget' }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/budgets/${slug}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('Participatory budget created. It starts in its information phase.')).toBeVisible();
}

async function movePhase(page: Page, slug: string, to: string, done: string) {
  await page.goto(`/staff/budgets/${slug}`);
  await page.getByRole('button', { name: `Move to ${to}` }).click();
  await expect(page.getByText(done)).toBeVisible();
}

/** A process in its proposals phase, made through the staff pages without JavaScript. */
async function processTakingProposals(browser: Browser, tag: string) {
  const slug = uniqueSlug(tag);
  const title = `Budget ${slug}`;
  const staff = await signedIn(browser, DEMO.staff, false, 'en');
  await createProcess(staff, slug, title);
  await movePhase(staff, slug, 'Proposals', 'The process is now in its proposals phase.');
  await staff.context().close();
  return { slug, title };
}

type Photo = { name: string; mimeType: string; buffer: Buffer };
type ProposalText = { title: string; body: string; cost: string; photos?: Photo[] };

/** Fills in and posts the proposal form open on `page` (the editor with JavaScript, the textarea without); returns the new proposal's id. */
async function propose(page: Page, javaScriptEnabled: boolean, proposal: ProposalText) {
  await page.getByLabel('Title').fill(proposal.title);
  if (javaScriptEnabled) {
    const box = await editor(page, 'Description');
    await box.click();
    await page.keyboard.type(proposal.body);
  } else await page.getByLabel('Description').fill(proposal.body);
  await page.getByLabel('Estimated cost').fill(proposal.cost);
  await page.getByLabel('Neighborhood').selectOption({ label: 'Riverside' });
  await page.getByLabel('Category').selectOption({ label: 'Parks' });
  if (proposal.photos) await page.getByLabel('Photos (optional)').setInputFiles(proposal.photos);
  await page.getByRole('button', { name: 'Submit the proposal' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(proposal.title);
  await expect(page.getByText('Thank you: your proposal is published.', { exact: false })).toBeVisible();
  return proposalIdOf(page);
}

/** The resident opens the process and its "Propose a project" link, and proposes. */
async function proposeFromProcess(page: Page, javaScriptEnabled: boolean, slug: string, proposal: ProposalText) {
  await page.goto(`/budgets/${slug}`);
  await expect(page.getByRole('heading', { name: 'Now: propose projects' })).toBeVisible();
  await page.getByRole('link', { name: 'Propose a project' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Propose a project');
  return propose(page, javaScriptEnabled, proposal);
}

for (const javaScriptEnabled of [true, false])
  test(`staff create a process through the form and move it to proposals (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const slug = uniqueSlug(javaScriptEnabled ? 'js' : 'nojs');
    const title = `Budget ${slug}`;
    const staff = await signedIn(browser, DEMO.staff, javaScriptEnabled, 'en');
    const errors = watchErrors(staff, [400]);

    // A refused form keeps what was typed and says what is wrong.
    await staff.goto('/staff/budgets/new');
    if (javaScriptEnabled) await hydrated(staff);
    await staff.getByRole('group', { name: 'Title' }).getByLabel('English').fill(title);
    await staff.getByRole('group', { name: 'Description' }).getByLabel('English').fill('Projects for parks.');
    await staff.getByLabel('Web address name').fill('Not A Slug');
    await staff.getByRole('button', { name: 'Create the participatory budget' }).click();
    await expect(staff.getByText('Use lowercase letters, digits and single dashes, as in budget-2027.')).toBeVisible();
    await expect(staff.getByRole('group', { name: 'Title' }).getByLabel('English')).toHaveValue(title);
    await expect(staff.getByLabel('Web address name')).toHaveValue('Not A Slug');

    await createProcess(staff, slug, title);
    await expect(staff.getByText('$250,000', { exact: false }).first()).toBeVisible();
    // The staff list has it, in its information phase.
    await staff.goto('/staff/budgets');
    await expect(staff.getByRole('row', { name: new RegExp(`${title} Information`) })).toBeVisible();

    await movePhase(staff, slug, 'Proposals', 'The process is now in its proposals phase.');
    await expect(staff.getByRole('button', { name: 'Move to Review' })).toBeVisible();
    await staff.goto('/staff/budgets');
    await expect(staff.getByRole('row', { name: new RegExp(`${title} Proposals`) })).toBeVisible();
    expect(errors).toEqual([]);
    await staff.context().close();

    // The public sees it in its proposals phase.
    const visitor = await browser.newContext({ javaScriptEnabled, baseURL: `http://localhost:${process.env.E2E_PORT ?? 4173}` });
    const page = await visitor.newPage();
    const visitorErrors = watchErrors(page);
    await page.goto('/budgets');
    await page.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByRole('heading', { name: 'Now: propose projects' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in to propose a project' })).toBeVisible();
    expect(visitorErrors).toEqual([]);
    await visitor.close();
  });

for (const javaScriptEnabled of [true, false])
  test(`a resident proposes a project, another supports it, and its author changes it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const { slug } = await processTakingProposals(browser, javaScriptEnabled ? 'prop-js' : 'prop-nojs');
    const author = await signedIn(browser, DEMO.resident, javaScriptEnabled, 'en');
    const errors = watchErrors(author, [400]);
    const title = `Shade trees on Oak Street ${slug}`;

    // A proposal without a cost is refused, keeping its text.
    await author.goto(`/budgets/${slug}/proposals/new`);
    if (javaScriptEnabled) await hydrated(author);
    await author.getByLabel('Title').fill(title);
    await author.getByRole('button', { name: 'Submit the proposal' }).click();
    await expect(author.getByLabel('Title')).toHaveValue(title);
    await expect(author.locator('[aria-invalid="true"]').first()).toBeVisible();

    const id = await proposeFromProcess(author, javaScriptEnabled, slug, {
      title,
      body: 'Twelve trees along the sidewalk for shade in summer.',
      cost: '45000',
    });
    await expect(author.getByText('Twelve trees along the sidewalk for shade in summer.')).toBeVisible();
    await expect(author.getByText('$45,000', { exact: false })).toBeVisible();
    await expect(author.getByRole('heading', { name: '0 supports' })).toBeVisible();

    // Another resident supports it, takes the support back and gives it again.
    const supporter = await signedIn(browser, SUPPORTER, javaScriptEnabled, 'en');
    const supporterErrors = watchErrors(supporter);
    await supporter.goto(`/budgets/${slug}`);
    await supporter.getByRole('link', { name: title }).click();
    await supporter.getByRole('button', { name: 'Support this proposal' }).click();
    await expect(supporter.getByText('You support this proposal.')).toBeVisible();
    await expect(supporter.getByRole('heading', { name: '1 support', exact: true })).toBeVisible();
    await supporter.getByRole('button', { name: 'Take back my support' }).click();
    await expect(supporter.getByText('Your support is taken back.')).toBeVisible();
    await expect(supporter.getByRole('heading', { name: '0 supports', exact: true })).toBeVisible();
    await supporter.getByRole('button', { name: 'Support this proposal' }).click();
    await expect(supporter.getByRole('heading', { name: '1 support', exact: true })).toBeVisible();
    // Only its author may change it.
    await expect(supporter.getByRole('link', { name: 'Change your proposal' })).toHaveCount(0);
    expect(supporterErrors).toEqual([]);
    await supporter.context().close();

    // The author changes the title, the description and the cost.
    await author.goto(`/budgets/${slug}/proposals/${id}`);
    await expect(author.getByRole('heading', { name: '1 support', exact: true })).toBeVisible();
    await author.getByRole('link', { name: 'Change your proposal' }).click();
    await expect(author.getByRole('heading', { level: 1 })).toHaveText('Change your proposal');
    await expect(author.getByLabel('Title')).toHaveValue(title);
    const changed = `${title} and benches`;
    await author.getByLabel('Title').fill(changed);
    if (javaScriptEnabled) {
      const box = await editor(author, 'Description');
      await expect(box).toContainText('Twelve trees along the sidewalk');
      await box.click();
      await author.keyboard.press('ControlOrMeta+End');
      await author.keyboard.type(' Four benches too.');
    } else {
      await expect(author.getByLabel('Description')).toHaveValue(/Twelve trees along the sidewalk/);
      await author.getByLabel('Description').fill('Twelve trees along the sidewalk for shade in summer. Four benches too.');
    }
    await author.getByLabel('Estimated cost').fill('52000');
    await author.getByRole('button', { name: 'Save the changes' }).click();
    await expect(author.getByText('Your proposal is updated.')).toBeVisible();
    await expect(author).toHaveURL(new RegExp(`/budgets/${slug}/proposals/${id}$`));
    await expect(author.getByRole('heading', { level: 1 })).toHaveText(changed);
    await expect(author.getByText('Four benches too.', { exact: false })).toBeVisible();
    await expect(author.getByText('$52,000', { exact: false })).toBeVisible();
    await expect(author.getByRole('heading', { name: '1 support', exact: true })).toBeVisible();

    // The process's list has it, under the filter for its category.
    await author.goto(`/budgets/${slug}`);
    await author.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Streets' });
    await author.getByRole('button', { name: 'Show' }).click();
    await expect(author.getByText('No proposals match.')).toBeVisible();
    await author.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Parks' });
    await author.getByRole('button', { name: 'Show' }).click();
    await expect(author.getByRole('link', { name: changed })).toBeVisible();
    expect(errors).toEqual([]);
    await author.context().close();
  });

/** The proposal page's pictures that the browser loaded (a broken one has no natural width). */
async function loadedPhotos(page: Page, title: string) {
  const photos = page.getByRole('region', { name: 'Photos' }).getByRole('img');
  await expect(photos.first()).toBeVisible();
  const loaded = await photos.evaluateAll((imgs) =>
    imgs.map((img) => [img.getAttribute('alt'), (img as HTMLImageElement).naturalWidth > 0]),
  );
  return loaded.map(([alt, ok]) => `${String(alt).replace(title, 'T')}${ok ? '' : ' (not loaded)'}`);
}

for (const javaScriptEnabled of [true, false])
  test(`a resident attaches photos to a proposal and changes them (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const { slug } = await processTakingProposals(browser, javaScriptEnabled ? 'photo-js' : 'photo-nojs');
    const author = await signedIn(browser, DEMO.resident, javaScriptEnabled, 'en');
    const errors = watchErrors(author, [400]);
    const title = `A mural on the underpass ${slug}`;
    const proposal = { title, body: 'Local artists paint the underpass walls.', cost: '15000' };

    // A file that is not a picture is refused with the rest kept.
    await author.goto(`/budgets/${slug}/proposals/new`);
    if (javaScriptEnabled) await hydrated(author);
    await author.getByLabel('Title').fill(title);
    await author.getByLabel('Estimated cost').fill('15000');
    await author
      .getByLabel('Photos (optional)')
      .setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture') });
    await author.getByRole('button', { name: 'Submit the proposal' }).click();
    await expect(author.getByText('notes.jpg is not a JPEG, PNG or WebP picture.')).toBeVisible();
    await expect(author.getByLabel('Title')).toHaveValue(title);
    await expect(author.getByLabel('Photos (optional)')).toHaveAttribute('aria-invalid', 'true');

    // Two photos with the proposal: shown on its page, each described.
    const id = await proposeFromProcess(author, javaScriptEnabled, slug, {
      ...proposal,
      photos: [
        { name: 'wall.jpg', mimeType: 'image/jpeg', buffer: await plainJpeg(300, 200) },
        { name: 'sketch.png', mimeType: 'image/png', buffer: await plainPng() },
      ],
    });
    expect(await loadedPhotos(author, title)).toEqual(['Photo 1 of the proposal “T”', 'Photo 2 of the proposal “T”']);

    // The author removes the first and adds another.
    await author.getByRole('link', { name: 'Change your proposal' }).click();
    await expect(author.getByRole('heading', { level: 1 })).toHaveText('Change your proposal');
    if (javaScriptEnabled) await hydrated(author);
    await author.getByLabel('Remove photo 1').check();
    await author
      .getByLabel('Photos (optional)')
      .setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await plainJpeg(120, 90) });
    await author.getByRole('button', { name: 'Save the changes' }).click();
    await expect(author.getByText('Your proposal is updated.')).toBeVisible();
    await expect(author).toHaveURL(new RegExp(`/budgets/${slug}/proposals/${id}$`));
    expect(await loadedPhotos(author, title)).toEqual(['Photo 1 of the proposal “T”', 'Photo 2 of the proposal “T”']);
    // The PNG (20 × 20) is now first, the new JPEG second.
    const sizes = await author
      .getByRole('region', { name: 'Photos' })
      .getByRole('img')
      .evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth));
    expect(sizes).toEqual([20, 120]);
    expect(errors).toEqual([]);
    await author.context().close();
  });

test('open pages follow supports and phase moves live, without a reload', async ({ browser }) => {
  const { slug } = await processTakingProposals(browser, 'live');
  const author = await signedIn(browser, DEMO.resident, false, 'en');
  const title = `Crosswalk at Elm ${slug}`;
  const id = await proposeFromProcess(author, false, slug, { title, body: 'A painted crosswalk by the school.', cost: '8000' });
  await author.context().close();

  const visitor = await browser.newContext({ baseURL: `http://localhost:${process.env.E2E_PORT ?? 4173}` });
  const proposalPage = await visitor.newPage();
  const processPage = await visitor.newPage();
  const errors = [proposalPage, processPage].map((p) => watchErrors(p));
  await proposalPage.goto(`/budgets/${slug}/proposals/${id}`);
  await processPage.goto(`/budgets/${slug}`);
  for (const page of [proposalPage, processPage]) {
    await hydrated(page);
    await markDocument(page);
  }
  await expect(proposalPage.getByRole('heading', { name: '0 supports' })).toBeVisible();
  await expect(proposalPage.getByRole('link', { name: 'Sign in to support this proposal' })).toBeVisible();

  const supporter = await signedIn(browser, SUPPORTER, false, 'en');
  await supporter.goto(`/budgets/${slug}/proposals/${id}`);
  await supporter.getByRole('button', { name: 'Support this proposal' }).click();
  await expect(supporter.getByText('You support this proposal.')).toBeVisible();
  await supporter.context().close();
  await expect(proposalPage.getByRole('heading', { name: '1 support', exact: true })).toBeVisible();
  await expectSameDocument(proposalPage);
  await expect(processPage.getByRole('listitem').filter({ hasText: title })).toContainText('1 support');

  await expect(processPage.getByRole('heading', { name: 'Now: propose projects' })).toBeVisible();
  const staff = await signedIn(browser, DEMO.staff, false, 'en');
  await movePhase(staff, slug, 'Review', 'The process is now in its review phase.');
  await staff.context().close();
  await expect(processPage.getByRole('heading', { name: 'Now: the city reviews proposals' })).toBeVisible();
  await expect(processPage.getByRole('listitem').filter({ hasText: 'Current phase' })).toContainText('Review');
  await expectSameDocument(processPage);
  // Supporting is over: the proposal's page no longer offers it.
  await expect(proposalPage.getByRole('link', { name: 'Sign in to support this proposal' })).toHaveCount(0);
  await expectSameDocument(proposalPage);
  expect(errors.flat()).toEqual([]);
  await visitor.close();
});

test('staff review a proposal as not feasible with an explanation and merge a duplicate; the public sees both', async ({ browser }) => {
  const { slug } = await processTakingProposals(browser, 'review');
  const author = await signedIn(browser, DEMO.resident, false, 'en');
  const first = `Skate park ${slug}`;
  const duplicate = `A skate park for Riverside ${slug}`;
  const firstId = await proposeFromProcess(author, false, slug, { title: first, body: 'A skate park by the river.', cost: '120000' });
  const duplicateId = await proposeFromProcess(author, false, slug, { title: duplicate, body: 'Skating by the river.', cost: '90000' });
  await author.context().close();
  const supporter = await signedIn(browser, SUPPORTER, false, 'en');
  await supporter.goto(`/budgets/${slug}/proposals/${duplicateId}`);
  await supporter.getByRole('button', { name: 'Support this proposal' }).click();
  await expect(supporter.getByText('You support this proposal.')).toBeVisible();
  await supporter.context().close();

  const staff = await signedIn(browser, DEMO.staff, true, 'en');
  const errors = watchErrors(staff, [400]);
  await staff.goto(`/staff/budgets/${slug}`);
  await staff.getByRole('link', { name: first }).click();
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText(first);
  await hydrated(staff);
  const review = staff.getByRole('region', { name: 'Review', exact: true });
  // Not feasible needs a public explanation.
  await review.getByRole('radio', { name: 'Not feasible' }).check();
  await review.getByRole('button', { name: 'Save the review' }).click();
  await expect(staff.getByText('Explain in public why the proposal is not feasible.')).toBeVisible();
  await review.getByRole('group', { name: 'Explanation of the review' }).getByLabel('English').fill('The riverbank floods every spring.');
  await review.getByRole('group', { name: 'Explanation of the review' }).getByLabel('Spanish').fill('La orilla se inunda cada primavera.');
  await review.getByLabel('Reviewed cost').fill('150000');
  await review.getByRole('button', { name: 'Save the review' }).click();
  await expect(staff.getByText('Review saved.')).toBeVisible();
  await expect(staff.getByText('Not feasible').first()).toBeVisible();

  await staff.goto(`/budgets/${slug}/proposals/${duplicateId}`);
  await hydrated(staff);
  const merge = staff.getByRole('region', { name: 'Merge into another proposal' });
  await merge.getByLabel('Merge into').selectOption({ label: first });
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(staff.getByText('Merged: supports and followers now belong to this proposal.')).toBeVisible();
  await expect(staff).toHaveURL(new RegExp(`/proposals/${firstId}$`));
  await expect(staff.getByRole('heading', { name: '1 support', exact: true })).toBeVisible();
  expect(errors).toEqual([]);
  await staff.context().close();

  const visitor = await browser.newContext({ baseURL: `http://localhost:${process.env.E2E_PORT ?? 4173}` });
  const page = await visitor.newPage();
  const visitorErrors = watchErrors(page);
  await page.goto(`/budgets/${slug}`);
  const card = page.getByRole('listitem').filter({ hasText: first });
  await expect(card).toContainText('Not feasible');
  await expect(card).toContainText('$150,000');
  await expect(card).toContainText('1 support');
  await expect(page.getByRole('link', { name: duplicate })).toHaveCount(0);
  await card.getByRole('link', { name: first }).click();
  await expect(page.getByRole('region', { name: 'Explanation of the review', exact: true })).toContainText(
    'The riverbank floods every spring.',
  );
  await page.goto(`/budgets/${slug}/proposals/${duplicateId}`);
  await expect(page.getByText('Merged', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: first }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first);
  // In Spanish, the explanation's Spanish text.
  await setLanguage(page, 'es');
  await expect(page.getByText('La orilla se inunda cada primavera.')).toBeVisible();
  expect(visitorErrors).toEqual([]);
  await visitor.close();
});

/**
 * One process for the accessibility checks, made once per worker: a proposal as it comes in, and
 * one staff found not feasible (its public explanation shown, the other one's merge form listing it).
 */
let pagesFixture: Promise<{ slug: string; fresh: string; reviewed: string }> | undefined;
function fixture(browser: Browser) {
  pagesFixture ??= (async () => {
    const { slug } = await processTakingProposals(browser, 'axe');
    const author = await signedIn(browser, DEMO.resident, false, 'en');
    const fresh = await proposeFromProcess(author, false, slug, {
      title: `Library hours ${slug}`,
      body: 'Open on Sundays.',
      cost: '30000',
      // The page shows it, the author's edit form lists it with its box to remove it.
      photos: [{ name: 'library.jpg', mimeType: 'image/jpeg', buffer: await plainJpeg(400, 300) }],
    });
    const reviewed = await proposeFromProcess(author, false, slug, {
      title: `A pier ${slug}`,
      body: 'A pier on the river.',
      cost: '90000',
    });
    await author.context().close();
    const staff = await signedIn(browser, DEMO.staff, false, 'en');
    await staff.goto(`/budgets/${slug}/proposals/${reviewed}`);
    const review = staff.getByRole('region', { name: 'Review', exact: true });
    await review.getByRole('radio', { name: 'Not feasible' }).check();
    await review.getByRole('group', { name: 'Explanation of the review' }).getByLabel('English').fill('The river is too shallow here.');
    await review.getByRole('group', { name: 'Explanation of the review' }).getByLabel('Spanish').fill('El río es poco profundo aquí.');
    await review.getByRole('button', { name: 'Save the review' }).click();
    await expect(staff.getByText('Review saved.')).toBeVisible();
    await staff.context().close();
    return { slug, fresh, reviewed };
  })();
  return pagesFixture;
}

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS))
    test(`the budget pages are accessible in ${lng} at ${width} width, with no console error`, async ({ browser }) => {
      const { slug, fresh, reviewed } = await fixture(browser);
      const proposals = `/budgets/${slug}/proposals`;
      const pages = {
        [DEMO.staff]: [
          '/staff/budgets',
          '/staff/budgets/new',
          `/staff/budgets/${slug}`,
          `${proposals}/${fresh}`,
          `${proposals}/${reviewed}`,
        ],
        [DEMO.resident]: ['/budgets', `/budgets/${slug}`, `${proposals}/new`, `${proposals}/${fresh}`, `${proposals}/${fresh}/edit`],
      };
      for (const [email, urls] of Object.entries(pages)) {
        const page = await personPage(browser, email, { lng, viewport });
        const errors = watchErrors(page);
        for (const url of urls) {
          await page.goto(url);
          await hydrated(page);
          await expectAccessible(page);
        }
        // What was checked last: the reviewed proposal with its explanation and staff's forms, the author's edit form.
        if (email === DEMO.staff)
          for (const card of ['review-note', 'review-card', 'merge-card'])
            await expect(page.locator(`section[aria-labelledby="${card}"]`)).toHaveCount(1);
        else {
          await expect(page.locator('form#proposal')).toHaveCount(1);
          await expect(page.locator('form#proposal input[name="removePhotos"]')).toHaveCount(1);
        }
        expect(errors).toEqual([]);
        if (lng === 'es') await setLanguage(page, 'en');
        await page.context().close();
      }
    });
