import { PHASES } from '~/modules/budgets/values';
import type { Client } from './client';
import { newResident } from './surveys';

/**
 * Participatory budgets for tests: the new-process form as staff fill it in, and a process made
 * through the real route (so tests arrange what the pages make, not rows of their own).
 */

/** Six back-to-back phases of a week each from `start` (YYYY-MM-DD). */
export function weeklyPhases(start = '2027-01-04'): Record<string, string> {
  const fields: Record<string, string> = {};
  const day = (n: number) => new Date(Date.parse(`${start}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  PHASES.forEach((phase, i) => {
    fields[`phases.${phase}.starts`] = day(i * 7);
    fields[`phases.${phase}.ends`] = day(i * 7 + 6);
  });
  return fields;
}

/** The new-process form filled in: a city-wide approval vote counted greedily, unless `overrides` say otherwise. */
export function processForm(slug: string, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    slug,
    'title.en': `Budget ${slug}`,
    'title.es': `Presupuesto ${slug}`,
    'description.en': 'What residents choose to build.',
    'description.es': 'Lo que los vecinos eligen construir.',
    currency: 'USD',
    total: '250000',
    scope: 'city',
    votingMethod: 'approval',
    minChoices: '1',
    maxChoices: '3',
    rule: 'greedy',
    categories: 'Parks | Parques\nStreets | Calles',
    ...weeklyPhases(),
    ...overrides,
  };
}

/** Creates a process as `staff` through /staff/budgets/new; fails unless the page redirects to it. */
export async function createProcessAs(staff: Client, slug: string, overrides: Record<string, string | string[]> = {}) {
  await staff.page('/staff/budgets/new');
  const res = await staff.post('/staff/budgets/new', processForm(slug, overrides));
  if (res.status !== 303) throw new Error(`creating ${slug} answered ${res.status}: ${await res.text()}`);
  return res;
}

/** Moves a process one phase on as `staff`, from the phase it is in. */
export async function advanceAs(staff: Client, slug: string, from: string) {
  await staff.page(`/staff/budgets/${slug}`);
  const res = await staff.post(`/staff/budgets/${slug}`, { intent: 'advance', from });
  if (res.status !== 303) throw new Error(`moving ${slug} from ${from} answered ${res.status}`);
  return res;
}

/** A new resident whose residency in `neighborhoodId` staff verified on /staff/budgets/residents, signed in. */
export async function verifiedVoter(server: { url: string; database: { url: string } }, staff: Client, neighborhoodId: string) {
  const voter = await newResident(server.url, server.database.url);
  await staff.page('/staff/budgets/residents');
  const res = await staff.post('/staff/budgets/residents', { intent: 'verify', email: voter.email, neighborhoodId });
  if (res.status !== 303) throw new Error(`verifying ${voter.email} answered ${res.status}`);
  return voter;
}

/** Submits a proposal as `author` (the process in its proposals phase) and returns its id. */
export async function proposeAs(author: Client, slug: string, title: string, cost: string) {
  const path = `/budgets/${slug}/proposals/new`;
  await author.page(path);
  const res = await author.post(path, { title, bodyText: `About ${title}.`, cost, neighborhoodId: '', categoryId: '', address: '' });
  if (res.status !== 303) throw new Error(`proposing ${title} answered ${res.status}`);
  return res.headers.get('location')!.split('/').pop()!;
}

/** Marks a proposal feasible at `cost` as staff. */
export async function markFeasible(staff: Client, slug: string, id: string, cost: string) {
  const path = `/budgets/${slug}/proposals/${id}`;
  await staff.page(path);
  const res = await staff.post(path, { intent: 'review', feasibility: 'feasible', cost });
  if (res.status !== 303) throw new Error(`reviewing ${id} answered ${res.status}`);
}
