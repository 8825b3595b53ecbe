import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { parseWithSchema } from '~/lib/schema-parse';
import { getLocale } from '~/modules/identity/locale.server';
import { nearbyOpenRequests } from '~/modules/requests/public/public-requests.server';
import { NearbyQuerySchema } from '~/modules/requests/public/public-schemas';

/**
 * "Already reported?" for the filing form with JavaScript (GET ?type=&neighborhood=&address=): the
 * open published requests of the type in that neighborhood, as JSON. Public (the same facts as
 * /requests); a malformed query is a 400.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const query = parseWithSchema(new URL(request.url).searchParams, NearbyQuerySchema);
  if (query.status !== 'success') return json({ neighborhood: null, items: [] }, { status: 400 });
  const { type, neighborhood, address } = query.value;
  return json(await nearbyOpenRequests({ typeCode: type, neighborhoodId: neighborhood, address }, await getLocale(request)));
}
