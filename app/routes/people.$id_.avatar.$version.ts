import type { LoaderFunctionArgs } from '@remix-run/node';
import { avatarResponse } from '~/modules/people/avatar-uploads.server';

/** A person's uploaded avatar, at a URL that changes with it (cached for a year). */
export async function loader({ params }: LoaderFunctionArgs) {
  return avatarResponse(params.id, params.version);
}
