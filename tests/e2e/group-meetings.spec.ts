import { expect, test, type Page } from '@playwright/test';
import { insertResident } from '../support/residents';
import { DEMO, e2eDatabaseUrl, expectAccessible, hydrated, personPage, setLanguage, signedIn, VIEWPORTS, watchErrors } from './helpers';

/**
 * Block-watch meetings in a real browser: the captain schedules a monthly series (with and
 * without JavaScript), a member answers without JavaScript and changes their answer, and the
 * schedule form and a meeting's page pass axe in both languages at phone and desktop widths.
 */
const GROUP = '/groups/las-flores-block-watch';

/** A local date `days` from now in the city's zone, as a date input wants it. */
const dayIn = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date(Date.now() + days * 864e5));

/** Fills the schedule form open on `page` (the demo captain reads Spanish) and returns the new meeting's path. */
async function scheduleSeries(page: Page, title: string, days: number): Promise<string> {
  await page.goto(`${GROUP}/meetings/new`);
  await page.getByLabel('Título').fill(title);
  await page.getByLabel('Empieza').fill(`${dayIn(days)}T18:30`);
  await page.getByLabel('Termina').fill(`${dayIn(days)}T20:00`);
  await page.getByLabel('Lugar').fill('Salón comunitario, calle Rosa 120');
  await page.getByLabel('Se repite').selectOption('monthlyByWeekday');
  await page.getByLabel('Número de reuniones').fill('3');
  await page.getByRole('button', { name: 'Programar la reunión' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  return new URL(page.url()).pathname;
}

for (const javaScriptEnabled of [true, false])
  test(`the captain schedules a monthly series and a member answers without JavaScript (captain's JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
  }) => {
    const captain = await signedIn(browser, DEMO.captain, javaScriptEnabled, 'es');
    const errors = [watchErrors(captain, [400])];
    // A series without an end is refused, with what was typed kept.
    await captain.goto(`${GROUP}/meetings/new`);
    await captain.getByLabel('Título').fill('Sin final');
    await captain.getByLabel('Empieza').fill(`${dayIn(8)}T18:30`);
    await captain.getByLabel('Termina').fill(`${dayIn(8)}T20:00`);
    await captain.getByLabel('Se repite').selectOption('weekly');
    await captain.getByRole('button', { name: 'Programar la reunión' }).click();
    await expect(
      captain.getByText('Una reunión que se repite necesita un final: escriba un número de reuniones o una última fecha.').first(),
    ).toBeVisible();
    await expect(captain.getByLabel('Título')).toHaveValue('Sin final');

    const title = `Reunión mensual ${javaScriptEnabled ? 'JS' : 'sin JS'} ${Date.now().toString(36)}`;
    const path = await scheduleSeries(captain, title, javaScriptEnabled ? 6 : 7);
    await expect(captain.getByText('una de una serie')).toBeVisible();

    const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const email = `meet.e2e.${unique}@example.org`;
    await insertResident(e2eDatabaseUrl(), { id: `meet${unique}`, email, displayName: `Mina ${unique.slice(-4)}`, neighborhoodId: null });
    await captain.goto(`${GROUP}/invites`);
    await captain.getByRole('button', { name: 'Crear un enlace de invitación' }).click();
    const link = new URL(await captain.getByLabel('Enlace de invitación').inputValue()).pathname;

    const member = await signedIn(browser, email, false);
    errors.push(watchErrors(member));
    await member.goto(link);
    await member.getByRole('button', { name: 'Join Las Flores Block Watch' }).click();
    // The series' dates are listed in order: the first is the one just scheduled.
    await member.getByRole('link', { name: title }).first().click();
    await member.getByRole('button', { name: "I'm coming" }).click();
    await expect(member.getByText('Thanks: you are down as coming.')).toBeVisible();
    await expect(member.getByText('1 coming · 0 maybe · 0 not coming')).toBeVisible();
    await member.getByRole('button', { name: "I can't come" }).click();
    await expect(member.getByText('0 coming · 0 maybe · 1 not coming')).toBeVisible();
    await expect(member.getByText('You said you are not coming.')).toBeVisible();
    expect(new URL(member.url()).pathname).toBe(path);

    expect(errors.flat()).toEqual([]);
    for (const page of [captain, member]) await page.context().close();
  });

for (const lng of ['en', 'es'] as const)
  for (const [width, viewport] of Object.entries(VIEWPORTS))
    test(`the meeting pages are accessible in ${lng} at ${width} width, with no console error`, async ({ browser }) => {
      const page = await personPage(browser, DEMO.captain, { lng: 'es', viewport });
      const errors = watchErrors(page);
      const path = await scheduleSeries(page, `Axe ${lng} ${width} ${Date.now().toString(36)}`, 9);
      if (lng === 'en') await setLanguage(page, 'en');
      for (const url of [`${GROUP}/meetings/new`, path, GROUP, '/groups']) {
        await page.goto(url);
        await hydrated(page);
        await expectAccessible(page);
      }
      expect(errors).toEqual([]);
      await setLanguage(page, 'es');
      await page.context().close();
    });
