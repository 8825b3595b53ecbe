import type { Caller } from '~/lib/caller.server';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { isDbUnavailable } from '~/lib/db.server';
import { parseUrlEncoded } from '~/lib/form-body.server';
import { consume } from '~/lib/rate-limit.server';
import { requestContext } from '~/lib/request-context.server';
import { RETRY_AFTER_SECONDS } from '~/lib/error-page.server';
import { verifyApiKey } from '~/modules/open311/api-keys.server';
import {
  discovery,
  failureError,
  fileOpen311Request,
  getOpen311Request,
  listServices,
  lookupToken,
  Open311Errors,
  responseLocale,
  searchRequests,
  serviceDefinition,
} from '~/modules/open311/open311.server';
import { errorResponse, formatOf, listBody, Open311Error, respond, toXml, type Format } from '~/modules/open311/respond.server';

/**
 * Open311 GeoReport v2 under /open311/v2/ (docs/decisions/0014-open311.md). One resource route
 * dispatches on the path, whose extension picks JSON or XML:
 *   GET  discovery.{fmt}  services.{fmt}  services/{code}.{fmt}  requests.{fmt}
 *        requests/{id}.{fmt}  tokens/{token}.{fmt}
 *   POST requests.{fmt}   (application/x-www-form-urlencoded; api_key in the body or the query)
 * It is an API, not a form: no CSRF token or session is used, and nothing here reads cookies.
 * `jurisdiction_id` is accepted and ignored (one city per installation).
 */
type Endpoint = { name: 'discovery' | 'services' | 'service' | 'requests' | 'request' | 'token'; id?: string; format: Format };

const ROUTES: [RegExp, Endpoint['name']][] = [
  [/^discovery\.(json|xml)$/, 'discovery'],
  [/^services\.(json|xml)$/, 'services'],
  [/^services\/([^/]+)\.(json|xml)$/, 'service'],
  [/^requests\.(json|xml)$/, 'requests'],
  [/^requests\/([^/]+)\.(json|xml)$/, 'request'],
  [/^tokens\/([^/]+)\.(json|xml)$/, 'token'],
];
const BASE = /^\/open311\/v2\/(.*)$/i;

/** A path segment decoded once; malformed percent-encoding is the client's error (400). */
function decodeSegment(segment: string) {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new Open311Error(400, 'malformed percent-encoding in the path');
  }
}

/**
 * The endpoint, read from the request's own URL, whose path is still percent-encoded: the id
 * segment is decoded exactly once, here. (Remix's splat parameter is already decoded, so decoding
 * it again turned `services/%25.json` into a URIError and a 500.)
 */
function route(request: Request): Endpoint | null {
  const path = BASE.exec(new URL(request.url).pathname)?.[1] ?? '';
  for (const [pattern, name] of ROUTES) {
    const m = pattern.exec(path);
    if (m) return m.length === 3 ? { name, id: decodeSegment(m[1]), format: m[2] as Format } : { name, format: m[1] as Format };
  }
  return null;
}

const MAX_BODY = 64 * 1024;

/** Runs one call, turning failures (ours and the rate limiter's 429) into the spec's error list. */
async function handle(format: Format, ip: string, run: () => Promise<Response>): Promise<Response> {
  try {
    await consume('open311Ip', ip);
    return await run();
  } catch (error) {
    if (error instanceof Open311Error)
      return errorResponse(format, [{ status: error.status, description: error.description }], error.headers);
    if (error instanceof Open311Errors) return errorResponse(format, error.errors);
    if (error instanceof Response && error.status === 413)
      return errorResponse(format, [{ status: 413, description: 'request body too large' }]);
    if (isDbUnavailable(error)) {
      const retryAfter = String(RETRY_AFTER_SECONDS);
      return errorResponse(format, [{ status: 503, description: 'service temporarily unavailable, try again later' }], {
        'Retry-After': retryAfter,
      });
    }
    if (error instanceof Response && error.status === 429) {
      const retryAfter = error.headers.get('Retry-After') ?? '60';
      return errorResponse(format, [{ status: 429, description: `too many requests: try again in ${retryAfter} seconds` }], {
        'Retry-After': retryAfter,
      });
    }
    throw error;
  }
}

/** An API client acts for no one: the caller carries the request's id and address only. */
function open311Caller(context: unknown): Caller {
  const { requestId, clientIp } = requestContext(context);
  return { user: null, requestId, ip: clientIp };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const format = formatOf(new URL(request.url).pathname);
  return handle(format, requestContext(context).clientIp, async () => {
    const endpoint = route(request);
    if (!endpoint) throw new Open311Error(404, 'no such endpoint');
    const query = new URL(request.url).searchParams;
    const lng = await responseLocale(query.get('locale'));
    switch (endpoint.name) {
      case 'discovery': {
        const doc = await discovery();
        const body =
          format === 'json'
            ? JSON.stringify(doc)
            : toXml('discovery', { ...doc, endpoints: { endpoint: doc.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) } });
        return respond(format, 200, body);
      }
      case 'services':
        return respond(format, 200, listBody(format, 'services', 'service', await listServices(lng)));
      case 'service': {
        const def = await serviceDefinition(endpoint.id!, lng);
        const body =
          format === 'json'
            ? JSON.stringify(def)
            : toXml('service_definition', {
                service_code: def.service_code,
                attributes: { attribute: def.attributes.map((a) => ({ ...a, values: { value: a.values } })) },
              });
        return respond(format, 200, body);
      }
      case 'requests':
      case 'request': {
        const found = endpoint.name === 'requests' ? await searchRequests(query, lng) : await getOpen311Request(endpoint.id!, lng);
        if (!found.ok) return errorResponse(format, [failureError(found)]);
        return respond(format, 200, listBody(format, 'service_requests', 'request', found.value));
      }
      case 'token':
        return respond(format, 200, listBody(format, 'service_requests', 'request', await lookupToken(endpoint.id!)));
    }
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const format = formatOf(new URL(request.url).pathname);
  return handle(format, requestContext(context).clientIp, async () => {
    const endpoint = route(request);
    if (!endpoint || endpoint.name !== 'requests') throw new Open311Error(404, 'no such endpoint');
    if (request.method !== 'POST') throw new Open311Error(405, 'use POST');
    const length = Number(request.headers.get('Content-Length') ?? 0);
    if (length > MAX_BODY) throw new Open311Error(413, 'request body too large');
    const type = request.headers.get('Content-Type') ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) throw new Open311Error(400, 'send application/x-www-form-urlencoded');
    const text = await request.text();
    if (text.length > MAX_BODY) throw new Open311Error(413, 'request body too large');
    // Within the field limits, every value cleaned once (form-body.server.ts), as for web forms.
    const body = new URLSearchParams(parseUrlEncoded(text));
    const query = new URL(request.url).searchParams;
    // Clients send the key in the body or, as many do, in the query string.
    const key = body.get('api_key') || query.get('api_key') || '';
    if (!key) throw new Open311Error(403, 'api_key was not provided');
    const apiKey = await verifyApiKey(key);
    if (!apiKey) throw new Open311Error(403, 'api_key is invalid or revoked');
    await consume('open311Key', apiKey.id);
    const lng = await responseLocale(body.get('locale') ?? query.get('locale'));
    return respond(
      format,
      201,
      listBody(format, 'service_requests', 'request', await fileOpen311Request(open311Caller(context), body, lng)),
    );
  });
}
