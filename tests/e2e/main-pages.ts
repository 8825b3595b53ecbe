import type { Browser, Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD } from './helpers';

/**
 * The main pages of the demo city, shared by the visual checks (tests/e2e/visual.spec.ts) and the
 * screenshots (tests/e2e/screenshots.ts, `npm run screenshots`). Pages whose address
 * holds a generated id (threads, requests, surveys) are found by following a link from a fixed
 * page, so the list keeps working on a freshly seeded database.
 */
export type Viewer = 'visitor' | keyof typeof DEMO | 'moderator';
export type MainPage = {
  name: string;
  viewer: Viewer;
  /** A fixed path, or where to start and which link to follow. */
  path: string | { from: string; link: RegExp };
  /** In every language and theme in the screenshots, not only English and light. */
  featured?: boolean;
};

export const EMAILS: Record<Viewer, string | null> = {
  visitor: null,
  ...DEMO,
  moderator: 'moderator@arroyoverde.example',
};

const THREAD = { from: '/channels/n-riverside', link: /^\/threads\/[^/?#]+$/ };
// The public list's first request: the newest published one.
const REQUEST = { from: '/requests', link: /^\/requests\/(?!new|mine)[^/?#]+$/ };

export const MAIN_PAGES: MainPage[] = [
  { name: 'home', viewer: 'visitor', path: '/', featured: true },
  { name: 'latest', viewer: 'visitor', path: '/latest' },
  { name: 'channel', viewer: 'visitor', path: '/channels/n-riverside', featured: true },
  { name: 'thread', viewer: 'visitor', path: THREAD, featured: true },
  { name: 'requests', viewer: 'visitor', path: '/requests', featured: true },
  { name: 'request-form', viewer: 'visitor', path: '/requests/new/pothole', featured: true },
  { name: 'request', viewer: 'visitor', path: REQUEST },
  { name: 'survey', viewer: 'resident', path: { from: '/surveys', link: /^\/surveys\/[^/?#]+$/ } },
  { name: 'budget', viewer: 'visitor', path: '/budgets/city-budget-2027' },
  { name: 'group', viewer: 'visitor', path: '/groups/riverside-neighbors-watch' },
  { name: 'staff-queue', viewer: 'staff', path: '/staff/requests' },
  { name: 'staff-request', viewer: 'staff', path: REQUEST },
  { name: 'moderation', viewer: 'moderator', path: '/moderation' },
  { name: 'admin-city', viewer: 'admin', path: '/admin/city' },
];

/**
 * The path to open for `main` on `page` (which belongs to its viewer): a fixed one, or the first
 * link on its start page whose address matches (same-origin links only).
 */
export async function resolvePath(page: Page, main: MainPage): Promise<string> {
  if (typeof main.path === 'string') return main.path;
  const { from, link } = main.path;
  await page.goto(from);
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const found = hrefs.find((href) => link.test(href));
  if (!found) throw new Error(`no link matching ${link} on ${from}`);
  return found;
}

/**
 * A page for `viewer` in a browser context of its own, reading `lng`: visitors by their browser's
 * language, signed-in people by switching the account's language, as they would.
 */
export async function viewerPage(browser: Browser, viewer: Viewer, lng: 'en' | 'es', baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: lng, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const email = EMAILS[viewer];
  if (!email) return page;
  await page.goto('/signin');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('form:has(input[name="password"]) button[type="submit"]').click();
  await page.locator('form[action="/signout"]').first().waitFor({ state: 'attached' });
  if ((await page.locator('html').getAttribute('lang')) !== lng) {
    // Works outside Playwright Test too (the screenshots script), hence no expect().
    await page.getByRole('button', { name: lng === 'en' ? 'English' : 'Español' }).click();
    await page.waitForFunction((want) => document.documentElement.lang === want, lng);
  }
  return page;
}

/**
 * What moves from one run to the next: times and dates, avatars (initials are coloured by a
 * random id) and the map (its tiles never load here).
 */
export const MOVING = ['time', '.avatar', '.map'];

/** Opens `path` and waits until it is hydrated and its images and fonts are in. */
export async function openSettled(page: Page, path: string) {
  await page.goto(path);
  await page.waitForFunction(() => Object.keys(document.body).some((k) => k.startsWith('__reactFiber')));
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
}
