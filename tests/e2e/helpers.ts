import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

export const MAIL_API = `http://127.0.0.1:${process.env.E2E_MAIL_PORT ?? 4174}`;
export const DEMO_PASSWORD = 'arroyo-verde-demo';
export const DEMO = {
  admin: 'admin@arroyoverde.example',
  staff: 'staff@arroyoverde.example',
  resident: 'resident@arroyoverde.example',
  liaison: 'liaison@arroyoverde.example',
  captain: 'captain@arroyoverde.example',
} as const;

export const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;

/** Waits for a mail to `to` whose subject matches, and returns the first link into the app. */
export async function mailLink(to: string, subject: RegExp, baseURL: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const list = (await (await fetch(`${MAIL_API}/messages?to=${encodeURIComponent(to)}`)).json()) as { subject: string; text: string }[];
    const mail = list.reverse().find((m) => subject.test(m.subject));
    const link = mail?.text.split(/\s+/).find((w) => w.startsWith(baseURL));
    if (link) return link;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${to} matching ${subject}`);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/signin');
  await page.getByLabel(/E-mail address|Correo electrónico/).fill(email);
  await page.getByLabel(/^(Password|Contraseña)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Entrar)$/ }).click();
  // Signed in: the sign-out form is on the page (on a phone it is inside the closed menu).
  await expect(page.locator('form[action="/signout"]').first()).toBeAttached();
}

export async function setLanguage(page: Page, lng: 'en' | 'es') {
  const button = page.getByRole('button', { name: lng === 'en' ? 'English' : 'Español' });
  // On a phone the language switch is in the menu, as a person would find it.
  if (!(await button.isVisible())) await page.locator('.site-menu > summary').click();
  await button.click();
  await expect(page.locator('html')).toHaveAttribute('lang', lng);
}

/**
 * A page signed in as `email` in a browser context of its own, switched to `lng` (English unless
 * given; null leaves the account's language: the demo accounts are shared, other tests switch theirs).
 */
export async function personPage(
  browser: Browser,
  email: string,
  options: { lng?: 'en' | 'es' | null; viewport?: { width: number; height: number } } = {},
) {
  const context = await browser.newContext(options.viewport ? { viewport: options.viewport } : {});
  const page = await context.newPage();
  await signIn(page, email);
  const lng = options.lng === undefined ? 'en' : options.lng;
  if (lng) await setLanguage(page, lng);
  return page;
}

/** axe (WCAG 2.2 A/AA rules) must report no violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

let counter = 0;
export function uniqueEmail(prefix: string) {
  return `${prefix}.${Date.now().toString(36)}.${process.pid}.${++counter}@example.org`;
}

/**
 * The Lexical editor labelled `label`: once the page is hydrated, focusing the field (as someone
 * starting to write does) downloads the editor, which replaces the textarea with its toolbar.
 */
export async function editor(page: Page, label: string) {
  await hydrated(page);
  const box = page.getByRole('textbox', { name: label, exact: true });
  await box.focus();
  await expect(page.getByRole('toolbar', { name: /^(Formatting|Formato)$/ }).first()).toBeVisible();
  await expect(box).toHaveAttribute('contenteditable', 'true');
  return box;
}

/**
 * Fills in and posts the new-thread form open on `page` (with JavaScript: the body typed into the
 * editor), waits for the new thread's page and returns its id.
 */
export async function postNewThread(page: Page, title: string, body: string) {
  await page.getByLabel('Subject').fill(title);
  const box = await editor(page, 'Message');
  await box.click();
  await page.keyboard.type(body);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  return /\/threads\/([^?#/]+)/.exec(page.url())![1];
}

/** Staff open "Create service request" on the opening post of a thread. */
export async function createRequestFromPost(page: Page, threadId: string) {
  await page.goto(`/threads/${threadId}`);
  await page
    .locator('article.post')
    .first()
    .getByRole('link', { name: /^Create service request/ })
    .click();
}

/** The e2e server's database (tests/e2e/serve.ts writes where it is), for arranging rows with tests/support/sql.ts. */
export function e2eDatabaseUrl(): string {
  const file = join(tmpdir(), `townsquare-e2e-${process.env.E2E_PORT ?? 4173}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { databaseUrl: string }).databaseUrl;
}

/**
 * A page signed in as `email` in a context of its own, with JavaScript on or off (the plain form
 * post), switched to `lng` when given: the demo accounts are shared by the tests and keep the
 * language the last one chose, so a test that reads the page's words names its language.
 */
export async function signedIn(browser: Browser, email: string, javaScriptEnabled: boolean, lng?: 'en' | 'es') {
  const context = await browser.newContext({ javaScriptEnabled, baseURL: `http://localhost:${process.env.E2E_PORT ?? 4173}` });
  const page = await context.newPage();
  if (javaScriptEnabled) await signIn(page, email);
  else {
    await page.goto('/signin');
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form:has(input[name="password"]) button[type="submit"]').click();
    await expect(page.locator('form[action="/signout"]').first()).toBeAttached();
  }
  if (lng && (await page.locator('html').getAttribute('lang')) !== lng) await setLanguage(page, lng);
  return page;
}

/**
 * Collects uncaught errors and console errors on `page`: a test expects none at its end.
 * `answered` lists statuses the test causes on purpose (a refused form without JavaScript is a
 * 400 page, which the browser logs as a failed load); they are not collected.
 */
export function watchErrors(page: Page, answered: number[] = []) {
  const errors: string[] = [];
  const expected = (text: string) => answered.some((status) => text.includes(`status of ${status} `));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => (m.type() === 'error' && !expected(m.text()) ? errors.push(m.text()) : undefined));
  return errors;
}

/** Waits until React has hydrated the page, so a click is handled by the app, not a native submit. */
export function hydrated(page: Page) {
  return page.waitForFunction(() => Object.keys(document.body).some((k) => k.startsWith('__reactFiber')));
}
