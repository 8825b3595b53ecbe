import { getUser, type SessionUser } from '~/modules/identity/session.server';
import { requestContext } from './request-context.server';

/**
 * Who is acting, from which request: the one argument every use case takes first. Audit rows,
 * rate limits and logs read it from here; policies read `user`.
 */
export type Caller = {
  /** The signed-in user, or null for a visitor. */
  user: SessionUser | null;
  /** The request id (logs, audit trail), or null for work started outside a request (jobs, CLI). */
  requestId: string | null;
  /** The client's address as the server saw it (rate limits); null outside a request. */
  ip: string | null;
};

export type SignedInCaller = Caller & { user: SessionUser };

export async function callerOf(request: Request, context: unknown): Promise<Caller> {
  const { requestId, clientIp } = requestContext(context);
  return { user: await getUser(request), requestId, ip: clientIp };
}

/** A caller for a user already known to be signed in (requireUser / requirePermission). */
export function callerFor(user: SessionUser, context: unknown): SignedInCaller {
  const { requestId, clientIp } = requestContext(context);
  return { user, requestId, ip: clientIp };
}

/** Work outside a request: a job, a command-line script, a test fixture. */
export function systemCaller(user: SessionUser | null = null): Caller {
  return { user, requestId: null, ip: null };
}
