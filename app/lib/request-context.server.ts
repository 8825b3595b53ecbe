/** What the Express server hands every loader and action (server/app.ts getLoadContext). */
export type RequestContext = {
  requestId: string;
  cspNonce: string;
  clientIp: string;
  /** Set by entry.server's handleError when the database could not serve this request (then 503). */
  databaseUnavailable?: boolean;
};

export function requestContext(context: unknown): RequestContext {
  const c = (context ?? {}) as Partial<RequestContext>;
  return { requestId: c.requestId ?? 'none', cspNonce: c.cspNonce ?? '', clientIp: c.clientIp ?? 'unknown' };
}
