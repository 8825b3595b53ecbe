import { expect, test, type Browser } from '@playwright/test';
import sharp from 'sharp';
import { insertResident } from '../support/residents';
import { sql } from '../support/sql';
import { DEMO, e2eDatabaseUrl, expectAccessible, hydrated, personPage, postNewThread, signedIn, VIEWPORTS, watchErrors } from './helpers';

/**
 * People in a real browser (issue 15): a resident uploads a profile picture with JavaScript on
 * and off and sees it beside their post; author names lead to public profiles, which show role
 * badges; the profile and the picture page pass axe in both languages at phone and desktop widths.
 */

/** A new resident (the demo resident's password), signed in with JavaScript on or off. */
async function newResident(browser: Browser, javaScriptEnabled: boolean, name: string) {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const email = `people.e2e.${unique}@example.org`;
  const id = `ppl${unique}`;
  const displayName = `${name} ${unique.slice(-4)}`;
  await insertResident(e2eDatabaseUrl(), { id, email, displayName, neighborhoodId: null });
  return { page: await signedIn(browser, email, javaScriptEnabled, 'en'), id, email, displayName };
}

const MODERATOR = 'moderator@arroyoverde.example';

const idOf = async (email: string) =>
  ((await sql(e2eDatabaseUrl(), `SELECT id FROM "User" WHERE email = $1`, [email])) as { id: string }[])[0].id;

const picture = () =>
  sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 30, g: 90, b: 160 } } })
    .png()
    .toBuffer();

for (const javaScriptEnabled of [true, false])
  test(`a resident uploads a picture and sees it beside their post (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const { page, id, displayName } = await newResident(browser, javaScriptEnabled, 'Avatar Tester');
    const errors = watchErrors(page, [400]);
    await page.goto('/account');
    await page.getByRole('link', { name: 'Profile picture' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profile picture');
    // Without a picture: the initials, named for screen readers.
    await expect(page.getByRole('img', { name: 'Your initials, shown instead of a picture' })).toBeVisible();

    // A file that is not a picture is refused, and nothing changes.
    await page
      .getByLabel('Picture', { exact: true })
      .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
    await page.getByRole('button', { name: 'Save picture' }).click();
    await expect(page.getByText('notes.png is not a JPEG, PNG or WebP picture.')).toBeVisible();

    await page.getByLabel('Picture', { exact: true }).setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: await picture() });
    await page.getByRole('button', { name: 'Save picture' }).click();
    await expect(page.getByText('Your picture was saved.')).toBeVisible();
    const current = page.getByRole('img', { name: 'Your profile picture' });
    await expect(current).toHaveAttribute('src', new RegExp(`^/people/${id}/avatar/[^/]+$`));
    await expect(current).toHaveJSProperty('naturalWidth', 256);

    // On a post, beside the name (decorative there), and the name leads to the profile.
    const title = `Picture check ${Date.now().toString(36)}`;
    await page.goto('/channels/n-riverside/new');
    if (javaScriptEnabled) await postNewThread(page, title, 'Does my picture show?');
    else {
      await page.getByLabel('Subject').fill(title);
      await page.getByLabel('Message').fill('Does my picture show?');
      await page.getByRole('button', { name: 'Post', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    }
    const post = page.locator('article.post').first();
    const avatar = post.locator('img.avatar');
    await expect(avatar).toHaveAttribute('src', new RegExp(`^/people/${id}/avatar/`));
    await expect(avatar).toHaveAttribute('alt', '');
    await expect(avatar).toHaveJSProperty('complete', true);
    await post.getByRole('link', { name: displayName, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/people/${id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(displayName);
    await expect(page.getByRole('link', { name: title })).toBeVisible();
    expect(errors).toEqual([]);
    await page.context().close();
  });

for (const javaScriptEnabled of [true, false])
  test(`a profile shows the person's badges and public posts (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled, baseURL: `http://localhost:${process.env.E2E_PORT ?? 4173}` });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`/people/${await idOf(MODERATOR)}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Marta Reyes');
    await expect(page.getByText('Moderator · Riverside')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Recent posts' })).toBeVisible();
    await expect(page.getByText('@arroyoverde.example')).toHaveCount(0);
    expect(errors).toEqual([]);
    await context.close();
  });

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS))
    test(`profiles and the picture page are accessible in ${lng} at ${width} width, with no console error`, async ({ browser }) => {
      const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      const email = `people.axe.${unique}@example.org`;
      await insertResident(e2eDatabaseUrl(), {
        id: `pax${unique}`,
        email,
        displayName: `Axe Checker ${unique.slice(-4)}`,
        neighborhoodId: null,
      });
      const page = await personPage(browser, email, { lng, viewport });
      const errors = watchErrors(page);
      for (const who of [DEMO.liaison, MODERATOR, DEMO.captain]) {
        await page.goto(`/people/${await idOf(who)}`);
        await hydrated(page);
        await expectAccessible(page);
      }
      await page.goto('/account/avatar');
      await hydrated(page);
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await page.context().close();
    });
