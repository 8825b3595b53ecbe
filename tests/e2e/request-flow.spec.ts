import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { createRequestFromPost, DEMO, editor, expectAccessible, mailLink, personPage, VIEWPORTS } from './helpers';

/**
 * The whole service-request flow, as the city runs it (issue "Service requests"): a resident
 * posts about a problem in her neighborhood channel, in Spanish, on a phone; staff turn the post
 * into a request; the department's liaison gets the alert by real SMTP and works the request;
 * the resident, following it, sees each change live and by mail in her language; once it is
 * closed she answers the courtesy follow-up from the mailed link without signing in.
 */
const es = (ns: string) => JSON.parse(readFileSync(`locales/es/${ns}.json`, 'utf8'));
const channels = es('channels');
const requests = es('requests');

/** The status form on a request page, used by staff (the page's plain form, no script needed). */
async function setStatus(page: Page, status: string, resolution?: string) {
  const form = page.locator('form:has(input[name="intent"][value="status"])');
  await form.locator('select[name="status"]').selectOption(status);
  if (resolution) await form.locator('textarea[name="resolution"]').fill(resolution);
  await form.locator('button[type="submit"]').click();
}

test('a post becomes a request: liaison alerted by mail, resident follows it live and by mail, then answers the follow-up anonymously', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // Rosa reads Spanish (her account's language, which mail follows; other tests switch it), on a phone.
  const rosa = await personPage(browser, DEMO.resident, { lng: 'es', viewport: VIEWPORTS.phone });
  const title = `Grafiti en la cerca de la escuela ${Date.now().toString(36)}`;
  await rosa.goto('/channels/n-riverside');
  await rosa.getByRole('link', { name: channels.channel.newThread }).click();
  await rosa.getByLabel(channels.newThread.subject).fill(title);
  // The editor loads when she starts to write.
  await (await editor(rosa, channels.newThread.body)).click();
  await rosa.keyboard.type('Pintaron grafiti en toda la cerca de la escuela, junto a la parada del autobús.');
  await rosa.getByRole('button', { name: channels.newThread.submit, exact: true }).click();
  await expect(rosa.getByRole('heading', { level: 1 })).toHaveText(title);
  const threadId = /\/threads\/([^?#/]+)/.exec(rosa.url())![1];

  // City staff turn the thread into a graffiti request.
  const staff = await personPage(browser, DEMO.staff, { lng: 'en', viewport: VIEWPORTS.desktop });
  await createRequestFromPost(staff, threadId);
  const picker = staff.getByRole('heading', { level: 1, name: 'Create a service request from a post' });
  await expect(picker).toBeVisible();
  if (!(await staff.locator('#create-heading').isVisible()))
    await staff
      .getByRole('link', { name: /Graffiti/ })
      .first()
      .click();
  await expect(staff.locator('#create-heading')).toContainText('Graffiti');
  await staff.getByRole('group', { name: 'What is the graffiti on?' }).getByLabel('Fence').check();
  await staff.getByRole('group', { name: 'Is it offensive or gang-related?' }).getByLabel('No').check();
  await staff.getByLabel('Address or place').fill('Escuela Riverside, River Rd');
  await staff.getByRole('button', { name: 'Create service request' }).click();
  const badge = staff.locator('.request-badge').first();
  await expect(badge).toBeVisible();
  const code = /([A-Z0-9]{8})/.exec((await badge.textContent())!)![1];
  await staff.context().close();

  // Public Works' liaison is alerted by mail (real SMTP) and opens the request from it.
  const alert = await mailLink(DEMO.liaison, new RegExp(`New request ${code}`), baseURL!);
  expect(alert).toContain(`/requests/${code}`);
  const liaison = await personPage(browser, DEMO.liaison, { lng: 'en', viewport: VIEWPORTS.desktop });
  await liaison.goto(alert);
  await expect(liaison.getByRole('heading', { level: 1 })).toContainText(code);

  // Rosa sees the badge on her thread and follows the request with one click.
  await rosa.reload();
  const rosaBadge = rosa.locator('.request-badge', { hasText: code });
  await expect(rosaBadge).toContainText(requests.status.new);
  await rosaBadge.getByRole('button', { name: `${requests.badge.follow} ${code}` }).click();
  await expect(rosa.getByRole('heading', { level: 1 })).toContainText(code);
  await expectAccessible(rosa);

  // Each change reaches her open page live (a notice that loads it, the page never jumps) ...
  const steps: [string, string, string?][] = [
    ['acknowledged', requests.status.acknowledged],
    ['in_progress', requests.status.in_progress],
    ['resolved', requests.status.resolved, 'Grafiti cubierto con pintura el mismo día.'],
    ['closed', requests.status.closed],
  ];
  for (const [status, label, resolution] of steps) {
    await setStatus(liaison, status, resolution);
    await expect(liaison.locator('main')).toContainText(
      status === 'in_progress' ? 'In progress' : status[0].toUpperCase() + status.slice(1),
    );
    const notice = rosa.getByRole('button', { name: requests.track.updated });
    await expect(notice).toBeVisible();
    await notice.click();
    await expect(rosa.locator('main')).toContainText(label);
  }
  // ... and by mail, in Spanish (she follows it; her mail setting is "immediately").
  await mailLink(DEMO.resident, new RegExp(`${code} .*${requests.status.closed}`), baseURL!);
  await liaison.context().close();

  // The follow-up invitation: answered anonymously, from another browser, without signing in.
  const link = await mailLink(DEMO.resident, /cómo lo hicimos/, baseURL!);
  expect(link).toContain(`/requests/${code}/follow-up?t=`);
  const anonymous = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'es-ES' });
  const form = await anonymous.newPage();
  await form.goto(link);
  await expect(form.getByRole('heading', { level: 1, name: requests.followUp.title })).toBeVisible();
  await form
    .getByRole('group', { name: requests.followUp.courtesy })
    .getByLabel(requests.followUp.courtesyOptions.courteous, { exact: true })
    .check();
  await form.getByLabel(new RegExp(requests.followUp.comments.replace(/[?¿()]/g, '.'))).fill('Lo resolvieron muy rápido, gracias.');
  await expectAccessible(form);
  await form.getByRole('button', { name: requests.followUp.submit }).click();
  await expect(form.getByRole('main')).toContainText(requests.followUp.thanks);
  await anonymous.close();

  // Staff see the answer with the request; it is not tied to Rosa.
  const again = await personPage(browser, DEMO.staff, { lng: 'en', viewport: VIEWPORTS.desktop });
  await again.goto(`/requests/${code}`);
  await expect(again.locator('main')).toContainText('Lo resolvieron muy rápido, gracias.');
  await again.context().close();
  await rosa.context().close();
});
