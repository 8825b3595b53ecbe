import { expect, test, type Browser, type Page } from '@playwright/test';
import { insertResident } from '../support/residents';
import { DEMO, e2eDatabaseUrl, expectAccessible, hydrated, personPage, setLanguage, signedIn, VIEWPORTS, watchErrors } from './helpers';

/**
 * Residency for participatory budgets in a real browser, with JavaScript on and off: staff upload
 * the census and a resident verifies by address; a resident asks for a letter, an admin prints it
 * and the resident types its code; staff verify someone and revoke it. Every page passes axe in
 * both languages at phone and desktop widths.
 */
const CENSUS = 'address,neighborhood\n120 Calle Rosa,las-flores\n"4 Oak St., Apt 2",riverside\n9 Elm Ave,old-town\n';

/** A new resident (the demo resident's password), signed in with JavaScript on or off. */
async function newResident(browser: Browser, javaScriptEnabled: boolean, name: string) {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const email = `elig.e2e.${unique}@example.org`;
  await insertResident(e2eDatabaseUrl(), { id: `elig${unique}`, email, displayName: `${name} ${unique.slice(-4)}`, neighborhoodId: null });
  return { page: await signedIn(browser, email, javaScriptEnabled), email, name: `${name} ${unique.slice(-4)}` };
}

async function uploadCensus(page: Page) {
  await page.goto('/staff/budgets/census');
  await page.getByLabel('CSV file').setInputFiles({ name: 'census.csv', mimeType: 'text/csv', buffer: Buffer.from(CENSUS) });
  await page.getByRole('button', { name: 'Upload and replace the list' }).click();
  await expect(page.getByText('The address list is replaced: 3 addresses.')).toBeVisible();
}

for (const javaScriptEnabled of [true, false])
  test(`staff upload the census and a resident verifies by address (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const staff = await signedIn(browser, DEMO.staff, javaScriptEnabled, 'en');
    const staffErrors = watchErrors(staff, [400]);
    // A bad file is refused whole, with a report per line.
    await staff.goto('/staff/budgets/census');
    await staff.getByLabel('CSV file').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('address,neighborhood\n1 Oak St,Atlantis\n'),
    });
    await staff.getByRole('button', { name: 'Upload and replace the list' }).click();
    await expect(staff.getByText('Nothing was stored: fix the lines below and upload the file again.')).toBeVisible();
    await expect(staff.getByRole('row', { name: /2 No neighborhood has this name\. Atlantis/ })).toBeVisible();
    await uploadCensus(staff);
    expect(staffErrors).toEqual([]);
    await staff.context().close();

    const { page } = await newResident(browser, javaScriptEnabled, 'Ana Census');
    const errors = watchErrors(page, [400]);
    await page.goto('/account');
    await page.getByRole('link', { name: 'Residency for participatory budgets' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Residency for participatory budgets');
    await expect(page.getByText('Your residency is not verified yet.')).toBeVisible();
    const address = page.getByLabel('Street address');
    await address.fill('9 Elm Street');
    await page.getByRole('button', { name: 'Check my address' }).click();
    await expect(page.getByText("This address is not in the city's address list", { exact: false })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Ask for a letter with a code instead' })).toBeVisible();
    await expect(address).toHaveValue('9 Elm Street');
    await address.fill('4 oak street, apt. 2');
    await page.getByRole('button', { name: 'Check my address' }).click();
    await expect(page.getByText('Your residency is verified.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Your verified neighborhoods' }).getByText('Riverside')).toBeVisible();
    expect(errors).toEqual([]);
    await page.context().close();
  });

for (const javaScriptEnabled of [true, false])
  test(`a resident asks for a letter, an admin prints it, and its code verifies the resident (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const { page, name } = await newResident(browser, javaScriptEnabled, 'Beto Letter');
    const errors = watchErrors(page, [400]);
    await page.goto('/account/residency');
    await page.getByLabel('Neighborhood', { exact: true }).selectOption({ label: 'Las Flores' });
    await page.getByLabel('Postal address').fill('77 Calle Lirio\nArroyo Verde');
    await page.getByRole('button', { name: 'Ask for a letter' }).click();
    await expect(page.getByText('Your letter is requested.', { exact: false })).toBeVisible();
    await expect(page.getByText('Letter for Las Flores asked for', { exact: false })).toBeVisible();

    const admin = await signedIn(browser, DEMO.admin, javaScriptEnabled, 'en');
    const adminErrors = watchErrors(admin);
    await admin.goto('/admin');
    await admin.getByRole('link', { name: 'Residency letters' }).click();
    await expect(admin.getByRole('row', { name: new RegExp(name) })).toBeVisible();
    await admin.getByRole('button', { name: /^Generate (the code|codes) and print/ }).click();
    await expect(admin.getByRole('heading', { name: 'Letters ready to print' })).toBeVisible();
    const letter = admin.getByRole('article').filter({ hasText: name });
    await expect(letter.getByText('77 Calle Lirio', { exact: false })).toBeVisible();
    const code = (await letter.locator('.letter-code').textContent())!;
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    // The printout too: one article per letter, in its reader's language (axe needs JavaScript).
    if (javaScriptEnabled) await expectAccessible(admin);
    expect(adminErrors).toEqual([]);
    await admin.context().close();

    await page.goto('/account/residency');
    await expect(page.getByText('Letter for Las Flores mailed', { exact: false })).toBeVisible();
    const field = page.getByLabel('Code', { exact: true });
    await field.fill('ZZZZZ-ZZZZZ');
    await page.getByRole('button', { name: 'Verify with this code' }).click();
    await expect(page.getByText('This code is not right.', { exact: false })).toBeVisible();
    await expect(field).toHaveValue('ZZZZZ-ZZZZZ');
    await field.fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Verify with this code' }).click();
    await expect(page.getByText('Your residency is verified.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Your verified neighborhoods' }).getByText('Las Flores')).toBeVisible();
    await expect(page.getByText('Code from a letter', { exact: false })).toBeVisible();
    expect(errors).toEqual([]);
    await page.context().close();
  });

for (const javaScriptEnabled of [true, false])
  test(`staff find a resident, verify them for a neighborhood, and revoke it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const { page: resident, email, name } = await newResident(browser, javaScriptEnabled, 'Carla Staff');
    await resident.context().close();
    const staff = await signedIn(browser, DEMO.staff, javaScriptEnabled, 'en');
    const errors = watchErrors(staff);
    await staff.goto('/staff/budgets/residents');
    const find = staff.getByRole('region', { name: 'Find a resident' });
    await find.getByLabel('E-mail address').fill(email);
    await find.getByRole('button', { name: 'Find' }).click();
    await expect(find.getByText(name)).toBeVisible();
    await expect(find.getByText('No verified residency yet.')).toBeVisible();
    const verify = staff.getByRole('region', { name: 'Verify a resident' });
    await expect(verify.getByLabel('E-mail address')).toHaveValue(email);
    await verify.getByLabel('Neighborhood').selectOption({ label: 'Old Town' });
    await verify.getByRole('button', { name: 'Verify' }).click();
    await expect(staff.getByText('The residency is verified.')).toBeVisible();
    await expect(
      staff.getByRole('region', { name: 'Find a resident' }).getByText('Verified by city staff', { exact: false }),
    ).toBeVisible();
    const list = staff.getByRole('region', { name: 'Verified residencies' });
    await list.getByLabel('Neighborhood').selectOption({ label: 'Old Town' });
    await list.getByRole('button', { name: 'Show' }).click();
    const row = staff.getByRole('row', { name: new RegExp(name) });
    await expect(row).toBeVisible();
    await row.getByRole('button', { name: `Revoke the residency of ${name}` }).click();
    await expect(staff.getByText('The residency is revoked.')).toBeVisible();
    await expect(staff.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
    expect(errors).toEqual([]);
    await staff.context().close();
  });

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS))
    test(`the residency pages are accessible in ${lng} at ${width} width, with no console error`, async ({ browser }) => {
      const pages: [string, string[]][] = [
        [DEMO.resident, ['/account/residency']],
        [
          DEMO.staff,
          ['/staff/budgets/residents', `/staff/budgets/residents?email=${encodeURIComponent(DEMO.resident)}`, '/staff/budgets/census'],
        ],
        [DEMO.admin, ['/admin/residency-letters']],
      ];
      for (const [email, urls] of pages) {
        const page = await personPage(browser, email, { lng, viewport });
        const errors = watchErrors(page, [400]);
        for (const url of urls) {
          await page.goto(url);
          await hydrated(page);
          await expectAccessible(page);
        }
        if (email === DEMO.resident) {
          // The form with its error, as a resident sees it when no address matches.
          await page.locator('input[name="address"]').fill('1 Nowhere Lane');
          await page.locator('form:has(input[name="address"]) button[type="submit"]').click();
          await expect(page.locator('#by-address-address-error, [id$="address-error"]').first()).toBeVisible();
          await expectAccessible(page);
        }
        expect(errors).toEqual([]);
        if (lng === 'es') await setLanguage(page, 'en');
        await page.context().close();
      }
    });
