import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, VIEWPORTS, watchErrors } from './helpers';
import { MAIN_PAGES, MOVING, openSettled, resolvePath, viewerPage } from './main-pages';
import { CODE_ALPHABET, CODE_LENGTH } from '../../app/modules/requests/public-code';

/**
 * Visual checks of the main pages (issue 15): each page, whole, at phone and desktop widths in
 * English and the light theme, and the featured ones in the dark theme at desktop width, against
 * the baselines in visual.spec.ts-snapshots/. The tolerance catches a broken layout (a column
 * that drops, a header that wraps, a card that loses its frame), not antialiasing or a date
 * that moved: the demo data is seeded relative to the day, so times and dates are written as one
 * and masked, as are the avatars and the map (its tiles never load here), and the random request
 * codes are written as one.
 *
 * Each page also passes axe in each theme (the dark one has colours of its own), with no console
 * error. This file is its own Playwright project, run before the others, so it sees the freshly seeded
 * database and not what the other specs post. New baselines after an intended change:
 * `npx playwright test visual --update-snapshots`.
 */
const base = `http://localhost:${process.env.E2E_PORT ?? 4173}`;

for (const main of MAIN_PAGES) {
  const themes = main.featured ? (['light', 'dark'] as const) : (['light'] as const);
  test(`${main.name} looks as it did and passes axe`, async ({ browser }) => {
    const page = await viewerPage(browser, main.viewer, 'en', base);
    const errors = watchErrors(page);
    const path = await resolvePath(page, main);
    for (const [width, viewport] of Object.entries(VIEWPORTS))
      for (const theme of themes) {
        if (theme === 'dark' && width === 'phone') continue;
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
        await openSettled(page, path);
        await steadyText(page);
        await expect.soft(page, `${main.name} at ${width} width, ${theme}`).toHaveScreenshot(`${main.name}-${width}-${theme}.png`, {
          fullPage: true,
          animations: 'disabled',
          caret: 'hide',
          mask: MOVING.map((selector) => page.locator(selector)),
          maxDiffPixelRatio: 0.02,
        });
        // The dark theme has its own colours: axe checks their contrast too.
        await page.reload();
        await expectAccessible(page);
      }
    expect(errors).toEqual([]);
    await page.context().close();
  });
}

/**
 * Words that change from one seed or minute to the next wrap lines differently ("now" or "5 minutes
 * ago", dates, random request codes of letters of other widths): every time, date and request code
 * on the page is written as the same one, so the layout around them stays put.
 */
async function steadyText(page: Page) {
  await page.evaluate(
    ({ alphabet, length }) => {
      for (const time of document.querySelectorAll('time')) time.textContent = '5 days ago';
      const code = new RegExp(`\\b[${alphabet}]{${length}}\\b`, 'g');
      // Dates written out in English ("Wednesday, December 9, 2026 at 6:00 PM", "Dec 9, 6:16 AM").
      const date =
        /\b((Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*, )?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}(, \d{4})?((,| at) \d{1,2}:\d{2}\s?[AP]M)?/g;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.nodeValue ?? '';
        const steady = text.replace(code, 'CODE2345').replace(date, 'Dec 1, 2026, 9:00 AM');
        if (steady !== text) node.nodeValue = steady;
      }
    },
    { alphabet: CODE_ALPHABET, length: CODE_LENGTH },
  );
}
