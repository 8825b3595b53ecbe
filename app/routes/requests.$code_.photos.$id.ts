import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireReadableRequest } from '~/modules/requests/guards.server';
import { photoResponse } from '~/modules/requests/intake/photo-uploads.server';

/** A request's photo, for whoever may read the request but its mere followers (404 otherwise). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, followerOnly } = await requireReadableRequest(request, params.code);
  return photoResponse(followerOnly ? null : { kind: 'request', id: access.id }, params.id);
}
