import type { LoaderFunctionArgs } from '@remix-run/node';
import { logoResponse } from '~/modules/places/city-logo.server';

/** The city's logo, at a URL that changes with it (cached for a year). */
export async function loader({ params }: LoaderFunctionArgs) {
  return logoResponse(params.version);
}
