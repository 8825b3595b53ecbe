// `npm run screenshots`: PNGs of the main pages for docs/screenshots/ and the README, from the
// production build on a fresh demo database (or `-- --url http://localhost:3000`, a running one).
// Every main page in English and the light theme at phone and desktop widths; the featured ones
// (tests/e2e/main-pages.ts) also in Spanish and the dark theme. `-- --only home,thread` narrows it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { MAIN_PAGES, openSettled, resolvePath, viewerPage, type MainPage } from './main-pages';
import { VIEWPORTS } from './helpers';
import { argValue, demoServer } from '../../scripts/demo-server';

const OUT = 'docs/screenshots';
const LANGUAGES = ['en', 'es'] as const;
const THEMES = ['light', 'dark'] as const;

const only = argValue('--only')?.split(',');
const pages = MAIN_PAGES.filter((p) => !only || only.includes(p.name));
const started = Date.now();
const server = await demoServer(4701);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
mkdirSync(OUT, { recursive: true });
let count = 0;
let bytes = 0;
try {
  for (const lng of LANGUAGES) {
    // One signed-in context per viewer and language; its pages change width and theme in place.
    const viewers = new Map<MainPage['viewer'], Awaited<ReturnType<typeof viewerPage>>>();
    for (const main of pages) {
      const combos = main.featured || lng === 'en' ? THEMES.filter((theme) => main.featured || theme === 'light') : [];
      if (!combos.length) continue;
      if (!viewers.has(main.viewer)) viewers.set(main.viewer, await viewerPage(browser, main.viewer, lng, server.url));
      const page = viewers.get(main.viewer)!;
      const path = await resolvePath(page, main);
      for (const viewport of Object.values(VIEWPORTS))
        for (const theme of combos) {
          await page.setViewportSize(viewport);
          await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
          await openSettled(page, path);
          const png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
          // A palette of 256 colours keeps the files small; the pages use few colours.
          const small = await sharp(png).png({ palette: true, quality: 90, effort: 8, compressionLevel: 9 }).toBuffer();
          const file = join(OUT, `${main.name}-${viewport.width}-${lng}-${theme}.png`);
          writeFileSync(file, small);
          count++;
          bytes += small.length;
          console.log(`${file} (${Math.round(small.length / 1024)} KB)`);
        }
    }
    for (const page of viewers.values()) await page.context().close();
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(`${count} screenshots, ${(bytes / 1024 / 1024).toFixed(1)} MB, in ${Math.round((Date.now() - started) / 1000)} s`);
