import { json } from '@remix-run/node';
import { requireUser } from '~/modules/identity/session.server';
import { handledDepartments, queueFilterFromUrl } from './queue.server';

/**
 * The queue's reader and filter: anonymous visitors are sent to sign in, signed-in people who
 * handle no department's requests get 403, a malformed filter 400.
 */
export async function requireQueue(request: Request) {
  const user = await requireUser(request);
  const scope = handledDepartments(user);
  if (!scope) throw json({ error: 'forbidden' }, { status: 403 });
  const filter = queueFilterFromUrl(new URL(request.url));
  if (!filter) throw json({ error: 'badRequest' }, { status: 400 });
  return { user, scope, filter };
}
