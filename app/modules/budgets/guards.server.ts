import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import type { LocalizedText } from '~/lib/i18n';
import { neighborhoodOptions } from '~/modules/places/queries.server';
import { processBySlug, type ProcessDetail } from './queries.server';

/** The process a route's `:slug` names, or a 404 response thrown. */
export async function loadProcess(slug: string | undefined) {
  const process = slug ? await processBySlug(slug) : null;
  if (!process) throw refuse(fail.notFound());
  return process;
}

/** The neighborhoods a proposal of this process may be about (its scope's, or all) and its categories. */
export async function proposalChoices(process: ProcessDetail) {
  const neighborhoods =
    process.scope === 'neighborhoods'
      ? process.scopes.map((s) => ({ id: s.id, name: s.name }))
      : (await neighborhoodOptions()).map((n) => ({ id: n.id, name: n.name as LocalizedText }));
  return { neighborhoods, categories: process.categories };
}
