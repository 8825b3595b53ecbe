import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { isDbUnavailable } from '~/lib/db.server';
import { parseUrlEncoded } from '~/lib/form-body.server';
import { consume } from '~/lib/rate-limit.server';
import { requestContext } from '~/lib/request-context.server';
import { RETRY_AFTER_SECONDS } from '~/modules/jobs/error-page.server';
import { verifyApiKey } from '~/modules/open311/api-keys.server';
import {
  discovery,
  fileOpen311Request,
  getOpen311Request,
  listServices,
  lookupToken,
  Open311Errors,
  responseLocale,
  searchRequests,
  serviceDefinition,
} from '~/modules/open311/open311.server';
import { errorResponse, listBody, Open311Error, respond, toXml, type Format } from '~/modules/open311/respond.server';

/**
 * Open311 GeoReport v2 under /open311/v2/ (docs/decisions/0014-open311.md). One resource route
 * dispatches on the path, whose extension picks JSON or XML:
 *   GET  discovery.{fmt}  services.{fmt}  services/{code}.{fmt}  requests.{fmt}
 *        requests/{id}.{fmt}  tokens/{token}.{fmt}
 *   POST requests.{fmt}   (application/x-www-form-urlencoded, api_key required)
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

function route(splat: string): Endpoint | null {
  for (const [pattern, name] of ROUTES) {
    const m = pattern.exec(splat);
    if (m) return m.length === 3 ? { name, id: decodeURIComponent(m[1]), format: m[2] as Format } : { name, format: m[1] as Format };
  }
  return null;
}

const guessFormat = (splat: string): Format => (splat.endsWith('.xml') ? 'xml' : 'json');
const PUBLIC = { 'Access-Control-Allow-Origin': '*' };
const MAX_BODY = 64 * 1024;

/** Runs one call, turning failures (ours and the rate limiter's 429) into the spec's error list. */
async function handle(format: Format, ip: string, run: () => Promise<Response>): Promise<Response> {
  try {
    await consume('open311Ip', ip);
    return await run();
  } catch (error) {
    if (error instanceof Open311Error) return errorResponse(format, [{ status: error.status, description: error.description }], error.headers);
    if (error instanceof Open311Errors) return errorResponse(format, error.errors);
    if (error instanceof Response && error.status === 413) return errorResponse(format, [{ status: 413, description: 'request body too large' }]);
    if (isDbUnavailable(error)) {
      const retryAfter = String(RETRY_AFTER_SECONDS);
      return errorResponse(format, [{ status: 503, description: 'service temporarily unavailable, try again later' }], { 'Retry-After': retryAfter, ...PUBLIC });
    }
    if (error instanceof Response && error.status === 429) {
      const retryAfter = error.headers.get('Retry-After') ?? '60';
      return errorResponse(format, [{ status: 429, description: `too many requests: try again in ${retryAfter} seconds` }], { 'Retry-After': retryAfter });
    }
    throw error;
  }
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const splat = params['*'] ?? '';
  const endpoint = route(splat);
  const format = endpoint?.format ?? guessFormat(splat);
  return handle(format, requestContext(context).clientIp, async () => {
    if (!endpoint) throw new Open311Error(404, 'no such endpoint');
    const query = new URL(request.url).searchParams;
    const lng = await responseLocale(query.get('locale'));
    switch (endpoint.name) {
      case 'discovery': {
        const doc = await discovery();
        const body = format === 'json' ? JSON.stringify(doc) : toXml('discovery', { ...doc, endpoints: { endpoint: doc.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) } });
        return respond(format, 200, body, PUBLIC);
      }
      case 'services':
        return respond(format, 200, listBody(format, 'services', 'service', await listServices(lng)), PUBLIC);
      case 'service': {
        const def = await serviceDefinition(endpoint.id!, lng);
        const body =
          format === 'json'
            ? JSON.stringify(def)
            : toXml('service_definition', { service_code: def.service_code, attributes: { attribute: def.attributes.map((a) => ({ ...a, values: { value: a.values } })) } });
        return respond(format, 200, body, PUBLIC);
      }
      case 'requests':
        return respond(format, 200, listBody(format, 'service_requests', 'request', await searchRequests(query, lng)), PUBLIC);
      case 'request':
        return respond(format, 200, listBody(format, 'service_requests', 'request', await getOpen311Request(endpoint.id!, lng)), PUBLIC);
      case 'token':
        return respond(format, 200, listBody(format, 'service_requests', 'request', await lookupToken(endpoint.id!)), PUBLIC);
    }
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const splat = params['*'] ?? '';
  const endpoint = route(splat);
  const format = endpoint?.format ?? guessFormat(splat);
  return handle(format, requestContext(context).clientIp, async () => {
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
    const key = body.get('api_key') ?? '';
    if (!key) throw new Open311Error(403, 'api_key was not provided');
    const apiKey = await verifyApiKey(key);
    if (!apiKey) throw new Open311Error(403, 'api_key is invalid or revoked');
    await consume('open311Key', apiKey.id);
    const lng = await responseLocale(body.get('locale') ?? new URL(request.url).searchParams.get('locale'));
    return respond(format, 201, listBody(format, 'service_requests', 'request', await fileOpen311Request(body, lng)));
  });
}
