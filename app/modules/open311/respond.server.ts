import { XMLBuilder } from 'fast-xml-parser';
import { statusOf } from '~/lib/respond.server';
import type { Failure } from '~/lib/result';
import { xmlText } from '~/lib/xml';

/**
 * GeoReport v2 answers in the format the URL's extension asked for. JSON is the natural shape;
 * XML wraps it the way the specification's examples do: a root element, one element per item
 * (`<services><service>…`, `<service_requests><request>…`, `<errors><error>…`), nested lists as
 * repeated elements inside their own wrapper (`<attributes><attribute>…`, `<values><value>…`).
 */
export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

const builder = new XMLBuilder({ format: true, suppressEmptyNode: false, processEntities: true });

/**
 * null/undefined become empty elements; booleans and numbers become text; strings lose the
 * characters XML 1.0 forbids (the builder escapes markup but keeps those, which would make the
 * document unreadable to every strict parser).
 */
function forXml(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return xmlText(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(forXml);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, forXml(v)]));
  return value;
}

export function toXml(root: string, body: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: forXml(body) })}`;
}

/** A list of items: JSON array, or `<root><item/>…</root>`. */
export function listBody(format: Format, root: string, item: string, items: unknown[]) {
  return format === 'json' ? JSON.stringify(items) : toXml(root, { [item]: items });
}

/**
 * Every answer, success or error, GET or POST, carries the same headers: the API uses no cookie
 * or session, so any site may read what it answers (`Access-Control-Allow-Origin: *`), including
 * why a call failed.
 */
export function open311Headers(format: Format): Record<string, string> {
  return {
    'Content-Type': format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Access-Control-Allow-Origin': '*',
  };
}

export function respond(format: Format, status: number, body: string, headers: Record<string, string> = {}) {
  return new Response(body, { status, headers: { ...open311Headers(format), ...headers } });
}

/** One entry of the specification's error list, with the HTTP status as its code. */
export type Open311ErrorEntry = { status: number; description: string };

const errorBody = (format: Format, errors: Open311ErrorEntry[]) =>
  listBody(
    format,
    'errors',
    'error',
    errors.map((e) => ({ code: e.status, description: e.description })),
  );

export function errorResponse(format: Format, errors: Open311ErrorEntry[], headers: Record<string, string> = {}) {
  return respond(format, errors[0]?.status ?? 400, errorBody(format, errors), headers);
}

/**
 * A use case's failure as the specification's error list, its status from the one mapping
 * (statusOf): one entry per problem the use case listed (`fieldErrors['']`, already worded for
 * API clients), else one with its message; a rate limit or an outage keeps its Retry-After.
 */
export function failureErrors(failure: Failure): Open311ErrorEntry[] {
  const status = statusOf(failure.code);
  const listed = failure.fieldErrors?.[''];
  return listed?.length
    ? listed.map((description) => ({ status, description }))
    : [{ status, description: failure.message ?? failure.code }];
}

export function failureResponse(format: Format, failure: Failure) {
  return errorResponse(format, failureErrors(failure), failure.retryAfter ? { 'Retry-After': String(failure.retryAfter) } : {});
}

/** Where Open311 answers: its paths, whose extension picks the format (JSON unless `.xml`). */
export const OPEN311_PREFIX = '/open311/';
export const formatOf = (path: string): Format => (/\.xml$/i.test(path) ? 'xml' : 'json');

/**
 * An error answered before the route runs (the Express cross-site check), for a path under
 * /open311/: the specification's error list in the path's format, with the API's headers. Null
 * for any other path, which keeps the server's own answer.
 */
export function open311Refusal(path: string, status: number, description: string) {
  if (!path.toLowerCase().startsWith(OPEN311_PREFIX)) return null;
  const format = formatOf(path);
  return { status, headers: open311Headers(format), body: errorBody(format, [{ status, description }]) };
}
