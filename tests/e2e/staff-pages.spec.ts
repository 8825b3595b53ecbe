import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { signedIn } from './helpers';

/**
 * Every staff, administration and moderation page loads for every role that may see it, with
 * JavaScript (hydrated, no console error, no uncaught exception, no error page) and without it.
 * The pages are found by following their links from each role's start pages, so a new page is
 * covered as soon as something links to it (issue 10, item 1: the staff queue crashed in the
 * browser, "Something went wrong", for staff and liaisons).
 */
const ROLES = {
  admin: { email: 'admin@arroyoverde.example', start: ['/admin', '/staff', '/staff/requests', '/staff/requests/new', '/moderation'] },
  staff: { email: 'staff@arroyoverde.example', start: ['/staff', '/staff/requests', '/staff/requests/new', '/moderation'] },
  liaison: { email: 'liaison@arroyoverde.example', start: ['/staff', '/staff/requests', '/staff/requests/new'] },
  moderator: { email: 'moderator@arroyoverde.example', start: ['/staff', '/moderation'] },
} as const;

/** Paths worth visiting from a staff page: the staff, admin and moderation areas, and request pages. */
const FOLLOW = /^\/(admin|staff|moderation)(\/|$)|^\/requests\/[^/]+(\/follow-up)?$|^\/posts\/[^/]+\/(promote|history)$/;
const SKIP = /\.(csv|atom|json)$|^\/requests\/new/;

/** Literal path segments of the route files: any other segment is an id, so one of each shape is visited. */
const STATIC_SEGMENTS = new Set(
  readdirSync('app/routes').flatMap((f) =>
    f
      .replace(/\.(tsx?|jsx?)$/, '')
      .split('.')
      .map((s) => s.replace(/^_+|_+$/g, '').replace(/^\[|\]$/g, ''))
      .filter((s) => s && !s.startsWith('$') && s !== 'index'),
  ),
);
const shapeOf = (path: string) =>
  path
    .split('/')
    .map((s) => (s === '' || STATIC_SEGMENTS.has(s) ? s : '*'))
    .join('/');

// Both languages' titles of the root error page ("Something went wrong", "Not allowed"…).
const ERROR_TITLES = new Set(
  ['en', 'es'].flatMap((lng) =>
    Object.values(
      (JSON.parse(readFileSync(`locales/${lng}/common.json`, 'utf8')) as { errors: Record<string, { title?: string }> }).errors,
    ).flatMap((e) => e.title ?? []),
  ),
);

/** Loads `path`; returns the same-origin links worth following. Fails on any error. */
async function check(page: Page, path: string, javaScript: boolean, problems: string[]): Promise<string[]> {
  const before = problems.length;
  const response = await page.goto(path);
  if (response?.status() !== 200) problems.push(`${path}: HTTP ${response?.status()}`);
  if (javaScript) {
    // Hydrated: React has attached its fibers to the server-rendered body.
    const hydrated = await page
      .waitForFunction(() => Object.keys(document.body).some((k) => k.startsWith('__reactFiber')), null, { timeout: 15_000 })
      .then(
        () => true,
        () => false,
      );
    if (!hydrated) problems.push(`${path}: never hydrated`);
    await page.waitForLoadState('networkidle');
  }
  const h1 = (await page.locator('h1').first().textContent()) ?? '';
  if (ERROR_TITLES.has(h1.trim())) problems.push(`${path}: error page "${h1}"`);
  if (problems.length > before) return [];
  const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
  return hrefs.filter((h) => h.startsWith('/')).map((h) => h.split(/[?#]/)[0]);
}

for (const [role, { email, start }] of Object.entries(ROLES)) {
  for (const javaScript of [true, false]) {
    test(`${role}: every staff, admin and moderation page loads ${javaScript ? 'with JavaScript, without a script error' : 'without JavaScript'}`, async ({
      browser,
    }) => {
      test.setTimeout(240_000);
      const page = await signedIn(browser, email, javaScript);
      const problems: string[] = [];
      if (javaScript) {
        page.on('pageerror', (error) => problems.push(`${page.url()}: uncaught ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(`${page.url()}: console error ${message.text()}`);
        });
      }
      const shapes = new Set<string>();
      const queue: string[] = [...start];
      const visited: string[] = [];
      for (const path of start) shapes.add(shapeOf(path));
      while (queue.length > 0) {
        const path = queue.shift()!;
        visited.push(path);
        for (const next of await check(page, path, javaScript, problems)) {
          if (!FOLLOW.test(next) || SKIP.test(next) || shapes.has(shapeOf(next))) continue;
          shapes.add(shapeOf(next));
          queue.push(next);
        }
      }
      expect(problems, `pages visited: ${visited.join(' ')}`).toEqual([]);
      // The crawl reached the pages behind the lists (a request, a request type's fields…).
      if (role !== 'moderator')
        expect(
          visited.some((p) => /^\/requests\/[^/]+$/.test(p)),
          visited.join(' '),
        ).toBe(true);
      if (role === 'admin') expect(visited.filter((p) => p.startsWith('/admin/')).length).toBeGreaterThan(12);
      await page.context().close();
    });
  }
}
