import type { LoaderFunctionArgs } from '@remix-run/node';
import { postPictureResponse } from '~/modules/channels/post-pictures.server';

/** A post's picture, with its post's visibility (a staged one to its uploader only); 404 otherwise. */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  return postPictureResponse(request, context, params.id);
}
