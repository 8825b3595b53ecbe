import { json } from '@remix-run/node';
import { getUser } from '~/modules/identity/session.server';
import { readAccess, tokenMatches } from './tracking/tracking-links.server';
import { PublicCodeSchema } from './intake/intake-schemas';
import { canHandleRequests, canReadRequest, isRequester } from './policy';
import { followsRequest, getRequestAccess } from './tracking/request-queries.server';

const notFound = () => json({ error: 'notFound' }, { status: 404 });

/**
 * The request behind a public code if this reader may see it, else a thrown 404 (never 403, so
 * codes cannot be probed). `token` is a tracking token just presented in the URL.
 */
export async function requireReadableRequest(request: Request, rawCode: string | undefined, token?: string | null) {
  const code = PublicCodeSchema.safeParse(rawCode ?? '');
  if (!code.success) throw notFound();
  const access = await getRequestAccess(code.data);
  if (!access) throw notFound();
  const user = await getUser(request);
  const tokens = await readAccess(request.headers.get('Cookie'));
  const viaCookie = tokenMatches(tokens[access.publicCode], access.trackingTokenHash);
  const viaUrl = !!token && tokenMatches(token, access.trackingTokenHash);
  const direct = canReadRequest(user, access, viaCookie || viaUrl);
  // Followers (a linked post's author who chose to follow, a duplicate's followers) read it too,
  // without its photos: those were given by the requester, for the city.
  if (!direct && !canReadRequest(user, access, false, await followsRequest(user?.id, access.id))) throw notFound();
  return {
    user,
    access,
    viaUrl,
    staff: canHandleRequests(user, access.departmentId),
    owner: isRequester(user, access),
    /** Holds the request's secret link (in the cookie or the URL). */
    holdsLink: viaCookie || viaUrl,
    followerOnly: !direct,
  };
}
