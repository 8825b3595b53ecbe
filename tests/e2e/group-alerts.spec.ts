import { expect, test, type Page } from '@playwright/test';
import { insertResident } from '../support/residents';
import { DEMO, e2eDatabaseUrl, hydrated, signedIn, watchErrors } from './helpers';

/**
 * A block-watch alert in real browsers: two members keep the group's page open (JavaScript on)
 * and see the captain's alerts appear without reloading, whether the captain sends them without
 * JavaScript (a plain form post) or with it.
 */
const GROUP = '/groups/las-flores-block-watch';

async function newMember(captain: Page, browser: Parameters<typeof signedIn>[0], name: string): Promise<Page> {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const email = `alert.e2e.${unique}@example.org`;
  await insertResident(e2eDatabaseUrl(), { id: `alert${unique}`, email, displayName: `${name} ${unique.slice(-4)}`, neighborhoodId: null });
  await captain.goto(`${GROUP}/invites`);
  await captain.getByRole('button', { name: /^(Make an invite link|Crear un enlace de invitación)$/ }).click();
  const link = new URL(await captain.getByLabel(/^(Invite link|Enlace de invitación)$/).inputValue()).pathname;
  const member = await signedIn(browser, email, true);
  await member.goto(link);
  await member.getByRole('button', { name: 'Join Las Flores Block Watch' }).click();
  await expect(member.getByText('Welcome: you are now a member of this group.')).toBeVisible();
  return member;
}

test('two members see the captain’s alerts arrive live, sent without and with JavaScript', async ({ browser }) => {
  const noScript = await signedIn(browser, DEMO.captain, false, 'es');
  const members = [await newMember(noScript, browser, 'Alma Alert'), await newMember(noScript, browser, 'Bruno Alert')];
  const errors = members.map((m) => watchErrors(m));
  for (const member of members) {
    await member.goto(GROUP);
    await hydrated(member);
  }

  // The demo captain reads Spanish.
  await noScript.goto(GROUP);
  await noScript.getByLabel('Alerta', { exact: true }).fill('Corte de luz en la calle Rosa: revisen a los vecinos mayores.');
  await noScript.getByRole('button', { name: 'Enviar la alerta a todos los miembros' }).click();
  await expect(noScript.getByText(/Enviada: la alerta llegó a \d+ miembros/)).toBeVisible();
  for (const member of members) {
    const alerts = member.getByRole('region', { name: 'Alerts' });
    await expect(alerts.getByText('Corte de luz en la calle Rosa: revisen a los vecinos mayores.')).toBeVisible();
    await expect(alerts.getByText('From Carlos Mendoza')).toBeVisible();
  }

  const scripted = await signedIn(browser, DEMO.captain, true, 'es');
  const captainErrors = watchErrors(scripted);
  await scripted.goto(GROUP);
  await scripted.getByLabel('Alerta', { exact: true }).fill('Luz restablecida.');
  await scripted.getByRole('button', { name: 'Enviar la alerta a todos los miembros' }).click();
  for (const member of members) await expect(member.getByRole('region', { name: 'Alerts' }).getByText('Luz restablecida.')).toBeVisible();

  expect([...errors.flat(), ...captainErrors]).toEqual([]);
  for (const page of [noScript, scripted, ...members]) await page.context().close();
});
