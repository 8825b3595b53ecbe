import { expect, test, type Browser } from '@playwright/test';
import { DEMO, mailLink, signIn, uniqueEmail, VIEWPORTS } from './helpers';

/**
 * Staff take a call on a phone-sized screen without JavaScript: record the request, read the code
 * out, close it later; the caller answers the courtesy follow-up from the mailed link in Spanish,
 * anonymously, and cannot answer twice.
 */
test.use({ viewport: VIEWPORTS.phone });

const BASE = `http://localhost:${process.env.E2E_PORT ?? 4173}`;

async function plainStaff(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: BASE, viewport: VIEWPORTS.phone, locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, DEMO.staff);
  return { context, page };
}

test('staff record a phone call without JavaScript and read out the code', async ({ browser }) => {
  const { context, page } = await plainStaff(browser);
  await page.goto('/staff/requests');
  await page.getByRole('link', { name: 'Record a request (phone, visit, mail…)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record a request' })).toBeVisible();
  await page.getByLabel('Search', { exact: true }).fill('graffiti');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: 'Graffiti' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Graffiti');
  // The phone is the default source; the type's priority is preselected.
  await expect(page.getByLabel('How it came in')).toHaveValue('phone');
  await expect(page.getByLabel('Priority')).toHaveValue('normal');
  await page.getByRole('group', { name: 'What is the graffiti on?' }).getByLabel('Fence').check();
  await page.getByRole('group', { name: 'Is it offensive or gang-related?' }).getByLabel('No').check();
  await page.getByLabel('Describe the problem').fill('Caller reports fresh paint on the park fence.');
  await page.getByLabel('Address or place', { exact: true }).fill('Central Park, Elm Street');
  await page.getByLabel('Priority').selectOption('high');
  await page.getByLabel('Name (optional)').fill('Mr. Vega');
  await page.getByLabel('Phone (optional)').fill('555 010 4040');
  await page.getByRole('button', { name: 'Record the request' }).click();

  await expect(page.getByText('The request is recorded. Read this code out to the caller:')).toBeVisible();
  const code = (await page.locator('.recorded-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{8}$/);
  await expect(page.getByRole('heading', { level: 1, name: `Request ${code}` })).toBeVisible();
  await expect(page.locator('main')).toContainText('555 010 4040');
  await page.getByRole('link', { name: 'Record another request' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record a request' })).toBeVisible();
  await context.close();
});

test('the caller answers the follow-up in Spanish from the mailed link, anonymously, once', async ({ browser, baseURL }) => {
  const { context, page } = await plainStaff(browser);
  const caller = uniqueEmail('vecina');
  await page.goto('/staff/requests/new/graffiti');
  await page.getByRole('group', { name: 'What is the graffiti on?' }).getByLabel('Building wall').check();
  await page.getByRole('group', { name: 'Is it offensive or gang-related?' }).getByLabel('No').check();
  await page.getByLabel('Describe the problem').fill('Pintura en la pared de la biblioteca.');
  await page.getByLabel('Address or place', { exact: true }).fill('Biblioteca, Calle Olmo');
  await page.getByLabel('E-mail (optional)', { exact: true }).fill(caller);
  await page.getByLabel("The caller's language").selectOption('es');
  await page.getByRole('button', { name: 'Record the request' }).click();
  const code = (await page.locator('.recorded-code').textContent())!.trim();
  // Resolved, then closed, with the page's plain forms.
  const status = page.locator('form:has(input[name="intent"][value="status"])');
  await status.locator('select[name="status"]').selectOption('resolved');
  await status.locator('textarea[name="resolution"]').fill('Pintada de nuevo.');
  await status.locator('button[type="submit"]').click();
  await page.locator('form:has(input[name="intent"][value="status"]) select[name="status"]').selectOption('closed');
  await page.locator('form:has(input[name="intent"][value="status"]) button[type="submit"]').click();
  await expect(page.getByRole('heading', { name: 'Follow-up (staff only)' })).toBeVisible();
  await context.close();

  // The caller, in another browser, not signed in, reading Spanish.
  const link = await mailLink(caller, /cómo lo hicimos/, baseURL!);
  expect(link).toContain(`/requests/${code}/follow-up?t=`);
  const resident = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-ES', javaScriptEnabled: false });
  const form = await resident.newPage();
  await form.goto(link);
  await expect(form.getByRole('heading', { level: 1, name: '¿Cómo lo hicimos?' })).toBeVisible();
  await expect(form.getByText('Su respuesta es anónima')).toBeVisible();
  await form
    .getByRole('group', { name: '¿El personal de la ciudad que atendió su solicitud fue cortés?' })
    .getByLabel('Cortés', { exact: true })
    .check();
  await form.getByLabel('¿Algún comentario sobre cómo la ciudad atendió su solicitud? (opcional)').fill('Muy amables por teléfono.');
  await form.getByRole('button', { name: 'Enviar mi respuesta' }).click();
  await expect(form.getByText('Gracias. Recibimos su respuesta.')).toBeVisible();
  await form.goto(link);
  await expect(form.getByText('Este seguimiento ya fue respondido. Gracias.')).toBeVisible();
  await resident.close();

  // Staff see the answer on the request page.
  const again = await plainStaff(browser);
  await again.page.goto(`/requests/${code}`);
  await expect(again.page.locator('main')).toContainText('Answered online');
  await expect(again.page.locator('main')).toContainText('Muy amables por teléfono.');
  await again.context.close();
});
