import type { Caller } from '~/lib/caller.server';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { isDbUnavailable } from '~/lib/db.server';
import { parseUrlEncoded } from '~/lib/form-body.server';
import { consume } from '~/lib/rate-limit.server';
import { requestContext } from '~/lib/request-context.server';
import { RETRY_AFTER_SECONDS } from '~/lib/error-page.server';
import { verifyApiKey } from '~/modules/open311/api-keys.server';
import { fail, ok, type Result } from '~/lib/result';
import {
  discovery,
  fileOpen311Request,
  getOpen311Request,
  listServices,
  lookupToken,
  responseLocale,
  searchRequests,
  serviceDefinition,
} from '~/modules/open311/open311.server';
import { errorResponse, failureResponse, formatOf, listBody, respond, toXml, type Format } from '~/modules/open311/respond.server';

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
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The endpoint, read from the request's own URL, whose path is still percent-encoded: the id
 * segment is decoded exactly once, here. (Remix's splat parameter is already decoded, so decoding
 * it again turned `services/%25.json` into a URIError and a 500.)
 */
function route(request: Request): Result<Endpoint> {
  const path = BASE.exec(new URL(request.url).pathname)?.[1] ?? '';
  for (const [pattern, name] of ROUTES) {
    const m = pattern.exec(path);
    if (!m) continue;
    if (m.length !== 3) return ok({ name, format: m[1] as Format });
    const id = decodeSegment(m[1]);
    return id === null ? fail.invalid({}, 'malformed percent-encoding in the path') : ok({ name, id, format: m[2] as Format });
  }
  return fail.notFound('no such endpoint');
}

const MAX_BODY = 64 * 1024;

/** The body is too large for the API (HTTP 413, which no use case's failure maps to). */
const tooLarge = (format: Format) => errorResponse(format, [{ status: 413, description: 'request body too large' }]);

/**
 * Runs one call, answering a use case's failure (`Result`), the rate limiter's 429 and a
 * database outage as the spec's error list (failureResponse: status from statusOf).
 */
async function handle(format: Format, ip: string, run: () => Promise<Result<Response>>): Promise<Response> {
  try {
    await consume('open311Ip', ip);
    const answer = await run();
    return answer.ok ? answer.value : failureResponse(format, answer);
  } catch (error) {
    if (error instanceof Response && error.status === 413) return tooLarge(format);
    if (isDbUnavailable(error))
      return failureResponse(
        format,
        fail.unavailable('service temporarily unavailable, try again later', { retryAfter: RETRY_AFTER_SECONDS }),
      );
    if (error instanceof Response && error.status === 429) {
      const retryAfter = Number(error.headers.get('Retry-After') ?? '60');
      return failureResponse(format, fail.rateLimited(retryAfter, `too many requests: try again in ${retryAfter} seconds`));
    }
    throw error;
  }
}

/** A list the use case found, as the answer in the asked format. */
const answerList = <T>(format: Format, status: number, root: string, item: string, found: Result<T[]>): Result<Response> =>
  found.ok ? ok(respond(format, status, listBody(format, root, item, found.value))) : found;

/** An API client acts for no one: the caller carries the request's id and address only. */
function open311Caller(context: unknown): Caller {
  const { requestId, clientIp } = requestContext(context);
  return { user: null, requestId, ip: clientIp };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const format = formatOf(new URL(request.url).pathname);
  return handle(format, requestContext(context).clientIp, async () => {
    const routed = route(request);
    if (!routed.ok) return routed;
    const endpoint = routed.value;
    const query = new URL(request.url).searchParams;
    const lng = await responseLocale(query.get('locale'));
    switch (endpoint.name) {
      case 'discovery': {
        const doc = await discovery();
        const body =
          format === 'json'
            ? JSON.stringify(doc)
            : toXml('discovery', { ...doc, endpoints: { endpoint: doc.endpoints.map((e) => ({ ...e, formats: { format: e.formats } })) } });
        return ok(respond(format, 200, body));
      }
      case 'services':
        return ok(respond(format, 200, listBody(format, 'services', 'service', await listServices(lng))));
      case 'service': {
        const found = await serviceDefinition(endpoint.id!, lng);
        if (!found.ok) return found;
        const def = found.value;
        const body =
          format === 'json'
            ? JSON.stringify(def)
            : toXml('service_definition', {
                service_code: def.service_code,
                attributes: { attribute: def.attributes.map((a) => ({ ...a, values: { value: a.values } })) },
              });
        return ok(respond(format, 200, body));
      }
      case 'requests':
      case 'request': {
        const found = endpoint.name === 'requests' ? await searchRequests(query, lng) : await getOpen311Request(endpoint.id!, lng);
        return answerList(format, 200, 'service_requests', 'request', found);
      }
      case 'token':
        return answerList(format, 200, 'service_requests', 'request', await lookupToken(endpoint.id!));
    }
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const format = formatOf(new URL(request.url).pathname);
  return handle(format, requestContext(context).clientIp, async () => {
    const routed = route(request);
    if (!routed.ok) return routed;
    if (routed.value.name !== 'requests') return fail.notFound('no such endpoint');
    // The method is HTTP's own concern (405), as is a body too large (413): no use case answers them.
    if (request.method !== 'POST') return ok(errorResponse(format, [{ status: 405, description: 'use POST' }]));
    const length = Number(request.headers.get('Content-Length') ?? 0);
    if (length > MAX_BODY) return ok(tooLarge(format));
    const type = request.headers.get('Content-Type') ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) return fail.invalid({}, 'send application/x-www-form-urlencoded');
    const text = await request.text();
    if (text.length > MAX_BODY) return ok(tooLarge(format));
    // Within the field limits, every value cleaned once (form-body.server.ts), as for web forms.
    const body = new URLSearchParams(parseUrlEncoded(text));
    const query = new URL(request.url).searchParams;
    // Clients send the key in the body or, as many do, in the query string.
    const key = body.get('api_key') || query.get('api_key') || '';
    if (!key) return fail.forbidden('api_key was not provided');
    const apiKey = await verifyApiKey(key);
    if (!apiKey) return fail.forbidden('api_key is invalid or revoked');
    await consume('open311Key', apiKey.id);
    const lng = await responseLocale(body.get('locale') ?? query.get('locale'));
    return answerList(format, 201, 'service_requests', 'request', await fileOpen311Request(open311Caller(context), body, lng));
  });
}
