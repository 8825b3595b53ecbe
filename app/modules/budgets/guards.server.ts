import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { processBySlug } from './queries.server';

/** The process a route's `:slug` names, or a 404 response thrown. */
export async function loadProcess(slug: string | undefined) {
  const process = slug ? await processBySlug(slug) : null;
  if (!process) throw refuse(fail.notFound());
  return process;
}
