import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, hydrated, mailLink, setLanguage, signIn, uniqueEmail, VIEWPORTS, DEMO } from './helpers';

/**
 * axe reports zero violations on every page, in both languages, at phone and desktop widths.
 * Pages are grouped by who can see them; each group signs in once.
 */
const PUBLIC_PAGES = [
  '/',
  '/signin',
  '/signup',
  '/signup/sent',
  '/forgot-password',
  '/reset-password?token=expired-or-unknown-token',
  '/no-such-page',
];
const ACCOUNT_PAGES = ['/account', '/account/email', '/account/password', '/account/sessions', '/account/delete'];
const ADMIN_PAGES = [
  '/admin',
  '/admin/city',
  '/admin/neighborhoods',
  '/admin/departments',
  '/admin/request-types',
  '/admin/request-types/new',
  '/admin/roles',
  '/admin/audit',
  '/admin/mail',
  '/admin/api-keys',
  '/admin/imports',
  '/staff',
];

/**
 * Forum content for the forum pages, made once per worker through the plain HTML forms (no
 * JavaScript, language-neutral selectors): a thread by the admin with replies by the moderator
 * and by staff; staff edits the reply (so it has a history) and a resident reports it (so the
 * moderation queue has an item with a report); staff hides a second reply by the moderator
 * (a hidden-post notice on the thread, and a notification for the moderator).
 */
const MODERATOR = 'moderator@arroyoverde.example';
const forum = { title: '', threadId: '', replyId: '', promoteThreadId: '' };

async function plainPage(browser: Browser, email: string) {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: `http://localhost:${process.env.E2E_PORT ?? 4173}` });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function plainReply(page: Page, threadId: string, text: string) {
  await page.goto(`/threads/${threadId}`);
  await page.locator('textarea[name="bodyText"]').fill(text);
  await page.locator('form:has(textarea[name="bodyText"]) button[type="submit"]').click();
  await expect(page.locator('.post-body', { hasText: text })).toBeVisible();
  return /#post-(.+)$/.exec(page.url())![1];
}

test.beforeAll(async ({ browser }) => {
  const admin = await plainPage(browser, DEMO.admin);
  await admin.goto('/channels/n-riverside/new');
  forum.title = `Sidewalk repairs on Mill St ${Date.now().toString(36)}`;
  await admin.locator('input[name="title"]').fill(forum.title);
  await admin.locator('textarea[name="bodyText"]').fill('The city will repair the sidewalks on Mill St.\n\nMap: https://example.org/map');
  await admin.locator('form:has(input[name="title"]) button[type="submit"]').click();
  await expect(admin).toHaveURL(/\/threads\//);
  forum.threadId = /\/threads\/([^?#/]+)/.exec(admin.url())![1];
  // A thread of its own for the promote runs, each of which replies there (one request per post).
  await admin.goto('/channels/n-riverside/new');
  await admin.locator('input[name="title"]').fill(`Sidewalks by the school ${Date.now().toString(36)}`);
  await admin.locator('textarea[name="bodyText"]').fill('The sidewalks by the school need repairs.');
  await admin.locator('form:has(input[name="title"]) button[type="submit"]').click();
  await expect(admin).toHaveURL(/\/threads\//);
  forum.promoteThreadId = /\/threads\/([^?#/]+)/.exec(admin.url())![1];

  const moderator = await plainPage(browser, MODERATOR);
  await plainReply(moderator, forum.threadId, 'Gracias por el aviso.');
  await plainReply(moderator, forum.threadId, 'Vendo bicicleta, llamen al 555-0199.');
  const staff = await plainPage(browser, DEMO.staff);
  await staff.goto(`/threads/${forum.threadId}`);
  const offTopic = staff.locator('article.post', { hasText: 'Vendo bicicleta' });
  await offTopic.locator('summary').click();
  await offTopic.locator('form.hide-form input[name="reason"]').fill('Sales are not allowed here.');
  await offTopic.locator('form.hide-form button[type="submit"]').click();
  await expect(staff.locator('article.post-hidden', { hasText: 'Vendo bicicleta' })).toBeVisible();
  forum.replyId = await plainReply(staff, forum.threadId, 'Work starts on Monday.');
  await staff.goto(`/posts/${forum.replyId}/edit`);
  await staff.locator('textarea[name="bodyText"]').fill('Work starts on Monday, 8 am.');
  await staff.locator('form:has(textarea[name="bodyText"]) button[type="submit"]').click();
  await expect(staff.locator('.post-body', { hasText: '8 am' })).toBeVisible();

  const resident = await plainPage(browser, DEMO.resident);
  await resident.goto(`/posts/${forum.replyId}/flag`);
  await resident.locator('input[name="reason"][value="off_topic"]').check();
  await resident.locator('form:has(input[name="reason"]) button[type="submit"]').click();
  await expect(resident).toHaveURL(new RegExp(`/threads/${forum.threadId}`));
  for (const page of [admin, moderator, staff, resident]) await page.context().close();
});

/**
 * Pages are checked once hydrated; on pages with a rich-text field, once the editor has replaced
 * the textarea (it comes when someone starts to write there).
 */
async function hydratedWithEditor(page: Page) {
  await hydrated(page);
  const textarea = page.locator('textarea[name="bodyText"]').first();
  if (!(await textarea.count())) return;
  await textarea.focus();
  await expect(page.getByRole('toolbar').first()).toBeVisible();
}

for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
  for (const lng of ['en', 'es'] as const) {
    test.describe(`${viewportName}, ${lng}`, () => {
      test.use({ viewport });

      test('public pages', async ({ page }) => {
        await page.goto('/');
        await setLanguage(page, lng);
        for (const path of PUBLIC_PAGES) {
          await page.goto(path);
          await expect(page.locator('html')).toHaveAttribute('lang', lng);
          await expectAccessible(page);
        }
      });

      test('form errors', async ({ page }) => {
        await page.goto('/');
        await setLanguage(page, lng);
        await page.goto('/signup');
        await page.locator('form[method="post"] button[type="submit"]').last().click();
        await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
        await expectAccessible(page);
      });

      test('signed-in pages', async ({ page }) => {
        // About 25 pages, each checked by axe: 48-52 s on a quiet 2-core machine (the same before
        // and after issue 10), too close to the default 60 s.
        test.slow();
        await signIn(page, DEMO.admin);
        await setLanguage(page, lng);
        for (const path of [...ACCOUNT_PAGES, ...ADMIN_PAGES]) {
          await page.goto(path);
          await expectAccessible(page);
        }
        // One edit page of each kind, reached from its list.
        for (const list of ['/admin/neighborhoods', '/admin/departments']) {
          await page.goto(list);
          const href = await page.locator(`main a[href^="${list}/"]`).first().getAttribute('href');
          await page.goto(href!);
          await expectAccessible(page);
        }
        // A request type, its fields (current and an option-rich field) and the new-type form's errors.
        await page.goto('/admin/request-types?q=graffiti');
        const type = await page.locator('main tbody a[href^="/admin/request-types/"]').first().getAttribute('href');
        for (const path of [type!, `${type}/fields`, `${type}/fields/surface`]) {
          await page.goto(path);
          await expectAccessible(page);
        }
        await page.goto('/admin/request-types/new');
        await page.locator('main form[method="post"] button[type="submit"]').click();
        await expect(page.locator('input[name="code"][aria-invalid="true"]')).toBeVisible();
        await expectAccessible(page);
        // A form with errors.
        await page.goto('/admin/city');
        await page.locator('input[name="name"]').fill('');
        await page.locator('main form button[type="submit"]').first().click();
        await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
        await expectAccessible(page);
      });

      test('service-request pages', async ({ page }) => {
        await page.goto('/');
        await setLanguage(page, lng);
        for (const path of ['/requests/new', '/requests/new?q=graf', '/requests/new/graffiti', '/requests/new/tree-trimming']) {
          await page.goto(path);
          await expect(page.locator('html')).toHaveAttribute('lang', lng);
          await expectAccessible(page);
        }
        // The form with errors, then filed anonymously: confirmation and tracking pages.
        await page.goto('/requests/new/graffiti');
        await page.locator('main form[method="post"] button[type="submit"]').click();
        await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
        await expectAccessible(page);
        await page.locator('input[name="a.surface"][value="wall"]').check();
        await page.locator('input[name="a.offensive"][value="no"]').check();
        await page.locator('textarea[name="description"]').fill('Tags on the wall.');
        await page.locator('input[name="address"]').fill('120 Main Street');
        await page.locator('main form[method="post"] button[type="submit"]').click();
        await expect(page.locator('.public-code')).toBeVisible();
        await expectAccessible(page);
        await expect(page.getByTestId('tracking-link')).toBeVisible();
        const code = (await page.locator('.public-code').textContent())!.trim();
        await page.goto(`/requests/${code}`);
        await expect(page.locator('h1')).toContainText(code);
        await expectAccessible(page);
        // "My requests" (the admin's: the demo accounts' languages are shared by the tests).
        await signIn(page, DEMO.admin);
        await setLanguage(page, lng);
        await page.goto('/requests/mine');
        await expectAccessible(page);
        // The staff queue (filtered too) and the tracking page with "Handle this request", then
        // its status form coming back with an error (resolved without a resolution).
        for (const path of ['/staff/requests', '/staff/requests?status=new&status=acknowledged&sort=priority&overdue=1']) {
          await page.goto(path);
          await expect(page.locator('html')).toHaveAttribute('lang', lng);
          await expectAccessible(page);
        }
        await page.goto(`/requests/${code}`);
        await expect(page.locator('#handle-heading')).toBeVisible();
        await expectAccessible(page);
        await page.locator('form:has(input[name="intent"][value="status"]) select[name="status"]').selectOption('resolved');
        await page.locator('form:has(input[name="intent"][value="status"]) button[type="submit"]').click();
        await expect(page.locator('textarea[name="resolution"][aria-invalid="true"]')).toBeVisible();
        await expectAccessible(page);
      });

      test('recording a request for someone, and the follow-up after closing', async ({ page, browser, baseURL }) => {
        await signIn(page, DEMO.admin);
        await setLanguage(page, lng);
        for (const path of ['/staff/requests/new', '/staff/requests/new?q=graf', '/staff/requests/new/graffiti']) {
          await page.goto(path);
          await expect(page.locator('html')).toHaveAttribute('lang', lng);
          await expectAccessible(page);
        }
        // The form with its errors, then recorded: the code to read out.
        await page.locator('main form[method="post"] button[type="submit"]').click();
        await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
        await expectAccessible(page);
        await page.locator('input[name="a.surface"][value="wall"]').check();
        await page.locator('input[name="a.offensive"][value="no"]').check();
        await page.locator('textarea[name="description"]').fill('Tags on the wall, by phone.');
        await page.locator('input[name="address"]').fill('120 Main Street');
        const caller = uniqueEmail(`axe-${lng}`);
        await page.locator('input[name="contactEmail"]').fill(caller);
        await page.locator('select[name="contactLocale"]').selectOption(lng);
        await page.locator('main form[method="post"] button[type="submit"]').click();
        await expect(page.locator('.recorded-code')).toBeVisible();
        await expectAccessible(page);
        const code = (await page.locator('.recorded-code').textContent())!.trim();
        // Closed: the staff-only follow-up section with its phone-answer form (and its errors).
        const status = page.locator('form:has(input[name="intent"][value="status"])');
        await status.locator('select[name="status"]').selectOption('resolved');
        await status.locator('textarea[name="resolution"]').fill('Painted over.');
        await status.locator('button[type="submit"]').click();
        await page.locator('form:has(input[name="intent"][value="status"]) select[name="status"]').selectOption('closed');
        await page.locator('form:has(input[name="intent"][value="status"]) button[type="submit"]').click();
        await expect(page.locator('#follow-up-heading')).toBeVisible();
        await expectAccessible(page);
        await page.locator('form:has(input[name="intent"][value="followUp"]) button[type="submit"]').click();
        await expect(page.locator('#follow-up-heading ~ form .field-error').first()).toBeVisible();
        await expectAccessible(page);
        // The public follow-up page from the mailed link: the form, its errors, the thanks.
        const link = await mailLink(caller, /how did we do|cómo lo hicimos/, baseURL!);
        const context = await browser.newContext({ viewport, locale: lng === 'es' ? 'es-ES' : 'en-US' });
        const visitor = await context.newPage();
        await visitor.goto(link);
        await expect(visitor.locator('html')).toHaveAttribute('lang', lng);
        await expectAccessible(visitor);
        await visitor.locator('main form[method="post"] button[type="submit"]').click();
        await expect(visitor.locator('main .field-error').first()).toBeVisible();
        await expectAccessible(visitor);
        await visitor.locator('input[name="a.courtesy"][value="courteous"]').check();
        await visitor.locator('main form[method="post"] button[type="submit"]').click();
        await expect(visitor.locator('.alert-success')).toBeVisible();
        await expectAccessible(visitor);
        await context.close();
        // The answer on the staff page.
        await page.goto(`/requests/${code}`);
        await expect(page.locator('#follow-up-heading')).toBeVisible();
        await expectAccessible(page);
        // A duplicate of it: its page shows the original's public progress under "merged into".
        await page.goto('/staff/requests/new/graffiti');
        await page.locator('input[name="a.surface"][value="wall"]').check();
        await page.locator('input[name="a.offensive"][value="no"]').check();
        await page.locator('textarea[name="description"]').fill('The same tags, another caller.');
        await page.locator('input[name="address"]').fill('120 Main Street');
        await page.locator('main form[method="post"] button[type="submit"]').click();
        const duplicate = (await page.locator('.recorded-code').textContent())!.trim();
        await page.goto(`/requests/${duplicate}`);
        await hydrated(page);
        const mark = page.locator('form:has(input[name="intent"][value="status"])');
        await mark.locator('select[name="status"]').selectOption('duplicate');
        await mark.locator('input[name="duplicateOf"]').fill(code);
        await mark.locator('button[type="submit"]').click();
        await expect(page.locator('#merged-heading')).toContainText(code);
        await expectAccessible(page);
      });

      test('promote pages', async ({ page, browser }) => {
        // The admin turns a reply into a service request: the type picker, the chosen type's form
        // (and its errors), the link form's error, then the thread with the badge. A post becomes
        // one request at most, so each run promotes a reply of its own.
        const staff = await plainPage(browser, DEMO.staff);
        const replyId = await plainReply(staff, forum.promoteThreadId, `The sidewalk by the school is cracked (${viewportName}, ${lng}).`);
        await staff.context().close();
        await signIn(page, DEMO.admin);
        await setLanguage(page, lng);
        const promote = `/posts/${replyId}/promote`;
        for (const path of [promote, `${promote}?q=graf`, `${promote}?type=graffiti`]) {
          await page.goto(path);
          await expect(page.locator('html')).toHaveAttribute('lang', lng);
          await expectAccessible(page);
        }
        await page.locator('form:has(input[name="intent"][value="create"]) button[type="submit"]').click();
        await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
        await expectAccessible(page);
        await page.locator('input[name="code"]:not([type="hidden"])').fill('ZZZZZZZZ');
        await page.locator('form:has(input[name="intent"][value="link"]) button[type="submit"]').click();
        await expect(page.locator('input[name="code"][aria-invalid="true"]')).toBeVisible();
        await expectAccessible(page);
        await page.goto(`${promote}?type=graffiti`);
        await page.locator('input[name="a.surface"][value="wall"]').check();
        await page.locator('input[name="a.offensive"][value="no"]').check();
        await page.locator('input[name="address"]').fill('120 Main Street');
        await page.locator('form:has(input[name="intent"][value="create"]) button[type="submit"]').click();
        await expect(page.locator('.request-badge').first()).toBeVisible();
        await hydratedWithEditor(page);
        await expectAccessible(page);
        // The request's follow page (the admin reads every request, so may follow it).
        const code = await page.locator('.request-badge a[href^="/requests/"]').last().getAttribute('href');
        await page.goto(`${code}/follow`);
        await expect(page.locator('main form button[type="submit"]')).toBeVisible();
        await expectAccessible(page);
        // The page listing the post's links (with their unlink buttons).
        await page.goto(promote);
        await expect(page.locator('#links-heading')).toBeVisible();
        await expectAccessible(page);
      });

      test('forum and moderation pages', async ({ page }) => {
        await signIn(page, MODERATOR);
        await setLanguage(page, lng);
        const pages = [
          '/channels',
          '/channels/n-riverside',
          `/threads/${forum.threadId}`,
          '/channels/n-riverside/new',
          `/posts/${forum.replyId}/flag`,
          '/moderation',
          '/notifications',
          `/posts/${forum.replyId}/history`,
        ];
        for (const path of pages) {
          await page.goto(path);
          await expect(page.locator('html')).toHaveAttribute('lang', lng);
          await hydratedWithEditor(page);
          await expectAccessible(page);
        }
        // The content each page is about is really there.
        await page.goto(`/threads/${forum.threadId}`);
        await expect(page.locator('.post-body')).toHaveCount(4);
        await expect(page.locator('article.post-hidden')).toHaveCount(1);
        await page.goto('/moderation');
        await expect(page.locator('article.post', { hasText: forum.title }).filter({ hasText: '8 am' })).toBeVisible();
        await page.goto('/notifications');
        await expect(page.locator('.notification-list > li').first()).toBeVisible();

        // The new-thread form with its errors shown (with JavaScript: the editor is there).
        await page.goto('/channels/n-riverside/new');
        await hydratedWithEditor(page);
        await page.locator('form:has(input[name="title"]) button[type="submit"]').click();
        await expect(page.locator('input[name="title"][aria-invalid="true"]')).toBeVisible();
        await expectAccessible(page);

        // The flag form with its error shown.
        await page.goto(`/posts/${forum.replyId}/flag`);
        await page.locator('form:has(input[name="reason"]) button[type="submit"]').click();
        await expect(page.locator('.field-error').first()).toBeVisible();
        await expectAccessible(page);
      });
    });
  }
}
