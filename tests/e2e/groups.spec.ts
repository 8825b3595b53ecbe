import { expect, test } from '@playwright/test';
import { insertResident } from '../support/residents';
import { DEMO, e2eDatabaseUrl, expectAccessible, hydrated, personPage, setLanguage, signedIn, VIEWPORTS, watchErrors } from './helpers';

/**
 * Block-watch groups in a real browser: the directory and a group's page, with and without
 * JavaScript (asking to join and a captain's approval are plain form posts), and axe in both
 * languages at phone and desktop widths.
 */
const GROUP = '/groups/las-flores-block-watch';

/** A new resident (the demo resident's password) who has never asked to join. */
async function newResidentEmail(): Promise<string> {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const email = `groups.e2e.${unique}@example.org`;
  await insertResident(e2eDatabaseUrl(), { id: `grp${unique}`, email, displayName: 'Rosa Neighbor', neighborhoodId: null });
  return email;
}

for (const javaScriptEnabled of [true, false])
  test(`a resident asks to join and a captain approves, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async ({ browser }) => {
    const email = await newResidentEmail();
    const resident = await signedIn(browser, email, javaScriptEnabled);
    const errors = watchErrors(resident);
    await resident.goto('/groups');
    await resident.getByRole('link', { name: 'Las Flores Block Watch' }).click();
    await expect(resident.getByRole('heading', { level: 1 })).toHaveText('Las Flores Block Watch');
    await resident.getByRole('button', { name: 'Ask to join' }).click();
    await expect(resident.getByText('You asked to join. A captain will decide soon.').first()).toBeVisible();

    const captain = await signedIn(browser, DEMO.captain, javaScriptEnabled, 'es');
    await captain.goto(GROUP);
    // The demo captain reads Spanish.
    await captain
      .getByRole('button', { name: /^(Approve|Aprobar a) Rosa Neighbor$/ })
      .first()
      .click();
    await expect(captain.getByText(/Approved: they are now a member\.|Aprobado: ya es miembro\./)).toBeVisible();

    await resident.goto(GROUP);
    await expect(resident.getByText('You are a member of this group.')).toBeVisible();
    expect(errors).toEqual([]);
    await resident.context().close();
    await captain.context().close();
  });

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS))
    test(`the group pages are accessible in ${lng} at ${width} width, with no console error`, async ({ browser }) => {
      const page = await personPage(browser, DEMO.captain, { lng, viewport });
      const errors = watchErrors(page);
      for (const path of ['/groups', GROUP]) {
        await page.goto(path);
        await hydrated(page);
        await expectAccessible(page);
      }
      expect(errors).toEqual([]);
      await setLanguage(page, 'es');
      await page.context().close();
    });

test('a visitor reads the directory and a group page without JavaScript, and is asked to sign in to join', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: `http://localhost:${process.env.E2E_PORT ?? 4173}` });
  const page = await context.newPage();
  await page.goto('/groups');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Block-watch groups');
  await page.getByRole('link', { name: 'Las Flores Block Watch' }).click();
  await expect(page.getByRole('link', { name: 'Sign in to ask to join this group' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ask to join' })).toHaveCount(0);
  await context.close();
});
