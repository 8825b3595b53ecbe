/** What the Express server hands every loader and action (server/app.ts getLoadContext). */
export type RequestContext = {
  requestId: string;
  cspNonce: string;
  clientIp: string;
};

export function requestContext(context: unknown): RequestContext {
  const c = (context ?? {}) as Partial<RequestContext>;
  return { requestId: c.requestId ?? 'none', cspNonce: c.cspNonce ?? '', clientIp: c.clientIp ?? 'unknown' };
}
