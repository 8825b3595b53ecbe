import type { LoaderFunctionArgs } from '@remix-run/node';
import { loadProcess } from '~/modules/budgets/guards.server';
import { proposalShown } from '~/modules/budgets/proposal-queries.server';
import { photoResponse } from '~/modules/requests/intake/photo-uploads.server';

/** A proposal's photo, to whoever may read the proposal (404 otherwise), served as request photos are. */
export async function loader({ params }: LoaderFunctionArgs) {
  const process = await loadProcess(params.slug);
  const shown = params.id ? await proposalShown(process.id, params.id) : false;
  return photoResponse(shown && params.id ? { kind: 'proposal', id: params.id } : null, params.photoId);
}
