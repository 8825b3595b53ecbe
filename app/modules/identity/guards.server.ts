import { redirect } from '@remix-run/node';
import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { can, type Resource } from './policy';
import { getUser, type SessionUser } from './session.server';

/*
 * The load-and-refuse guards of identity: a visitor is sent to sign in (signInRedirect,
 * the one way), a signed-in user without the permission gets the 403 page (refuse).
 */

/** The one way to send a visitor to sign in and back to where they were. */
export function signInRedirect(request: Request) {
  const url = new URL(request.url);
  return redirect(`/signin?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw signInRedirect(request);
  return user;
}

/** Anonymous visitors are sent to sign in; signed-in users without the permission get a 403. */
export async function requirePermission(request: Request, action: Parameters<typeof can>[1], resource?: Resource): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, action, resource)) throw refuse(fail.forbidden());
  return user;
}
