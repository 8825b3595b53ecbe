import { expect, test, type Page } from '@playwright/test';
import { insertResident } from '../support/residents';
import { DEMO, e2eDatabaseUrl, expectAccessible, hydrated, personPage, setLanguage, signedIn, VIEWPORTS, watchErrors } from './helpers';

/**
 * Running a block-watch group in a real browser, with and without JavaScript: staff create a
 * group with its captain, the captain makes an invite link, a neighbor joins through it and
 * chooses what to share, and the captain names a co-captain. Then axe on every page of it in
 * both languages at phone and desktop widths.
 */

/** A new resident (the demo resident's password) with a name of their own. */
async function newResident(name: string): Promise<string> {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const email = `lead.e2e.${unique}@example.org`;
  await insertResident(e2eDatabaseUrl(), { id: `lead${unique}`, email, displayName: `${name} ${unique.slice(-4)}`, neighborhoodId: null });
  return email;
}

/** Makes an invite link on the group's invites page open in `page` and returns its path. */
async function makeInvite(page: Page): Promise<string> {
  await page.getByRole('button', { name: /^(Make an invite link|Crear un enlace de invitación)$/ }).click();
  const link = page.getByLabel(/^(Invite link|Enlace de invitación)$/);
  await expect(link).toBeVisible();
  return new URL(await link.inputValue()).pathname;
}

for (const javaScriptEnabled of [true, false])
  test(`staff create a group; its captain invites a neighbor who joins and shares; JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async ({
    browser,
  }) => {
    const [captainEmail, neighborEmail] = await Promise.all([newResident('Cora Captain'), newResident('Nico Neighbor')]);
    const slug = `e2e-watch-${Date.now().toString(36)}-${javaScriptEnabled ? 'js' : 'nojs'}`;

    const staff = await signedIn(browser, DEMO.staff, javaScriptEnabled, 'en');
    // Bad input is refused on purpose: without JavaScript that is a 400 page.
    const errors = [watchErrors(staff, [400])];
    // The demo staff account is shared: other tests may have left it in Spanish.
    await staff.goto('/staff');
    await setLanguage(staff, 'en');
    await staff.getByRole('link', { name: 'Block-watch groups' }).click();
    await staff.getByLabel('Name', { exact: true }).fill('Maple Court Watch');
    await staff.getByLabel('Web address name').fill('Maple Court!');
    await staff.getByLabel('Streets and blocks').fill('Maple Ct, 1–40');
    await staff.getByLabel('E-mail address of the first captain').fill(captainEmail);
    await staff.getByRole('button', { name: 'Create group' }).click();
    // A bad address is refused with what was typed kept.
    await expect(staff.getByText('Use lowercase letters, digits and single dashes').first()).toBeVisible();
    await expect(staff.getByLabel('Streets and blocks')).toHaveValue('Maple Ct, 1–40');
    await staff.getByLabel('Web address name').fill(slug);
    await staff.getByRole('button', { name: 'Create group' }).click();
    await expect(staff.getByText('Created: the group, its board and its captain are ready.')).toBeVisible();
    await expect(staff.getByRole('heading', { level: 1 })).toHaveText('Members of Maple Court Watch');

    const captain = await signedIn(browser, captainEmail, javaScriptEnabled);
    errors.push(watchErrors(captain));
    await captain.goto(`/groups/${slug}`);
    await captain.getByRole('link', { name: 'Invite links' }).click();
    const invite = await makeInvite(captain);

    const neighbor = await signedIn(browser, neighborEmail, javaScriptEnabled);
    errors.push(watchErrors(neighbor, [400]));
    await neighbor.goto(invite);
    await neighbor.getByRole('button', { name: 'Join Maple Court Watch' }).click();
    await expect(neighbor.getByText('Welcome: you are now a member of this group.')).toBeVisible();
    await neighbor.getByRole('link', { name: 'Members and directory' }).click();
    await neighbor.getByLabel('Name shown to members').fill('Nico');
    await neighbor.getByLabel('Phone').fill('not a number');
    await neighbor.getByRole('button', { name: 'Save what I share' }).click();
    await expect(neighbor.getByText('Enter a phone number with digits').first()).toBeVisible();
    await expect(neighbor.getByLabel('Name shown to members')).toHaveValue('Nico');
    await neighbor.getByLabel('Phone').fill('555 010 7788');
    await neighbor.getByRole('button', { name: 'Save what I share' }).click();
    await expect(neighbor.getByText('Saved: the directory shows what you chose.')).toBeVisible();
    const directory = neighbor.getByRole('list', { name: 'Member directory' });
    await expect(directory.getByText('Nico', { exact: true })).toBeVisible();
    await expect(directory.getByRole('link', { name: '555 010 7788' })).toHaveAttribute('href', 'tel:5550107788');

    await captain.goto(`/groups/${slug}/members`);
    await captain.getByRole('button', { name: /^Make Nico Neighbor \w+ co-captain$/ }).click();
    await expect(captain.getByText('Done: they are now a co-captain.')).toBeVisible();
    await expect(captain.getByRole('row', { name: /Nico Neighbor/ }).getByText('Co-captain')).toBeVisible();

    expect(errors.flat()).toEqual([]);
    for (const page of [staff, captain, neighbor]) await page.context().close();
  });

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS))
    test(`the pages that run a group are accessible in ${lng} at ${width} width, with no console error`, async ({ browser }) => {
      const staff = await personPage(browser, DEMO.staff, { lng, viewport });
      const errors = [watchErrors(staff)];
      await staff.goto('/staff/groups');
      await hydrated(staff);
      await expectAccessible(staff);

      const captain = await personPage(browser, DEMO.captain, { lng, viewport });
      errors.push(watchErrors(captain));
      const group = '/groups/las-flores-block-watch';
      await captain.goto(`${group}/members`);
      await hydrated(captain);
      await expectAccessible(captain);
      await captain.goto(`${group}/invites`);
      await hydrated(captain);
      const invite = await makeInvite(captain);
      await expectAccessible(captain);
      await captain.goto(invite);
      await hydrated(captain);
      await expectAccessible(captain);
      expect(errors.flat()).toEqual([]);
      await setLanguage(captain, 'es');
      await setLanguage(staff, 'en');
      for (const page of [staff, captain]) await page.context().close();
    });
