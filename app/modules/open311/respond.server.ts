import { XMLBuilder } from 'fast-xml-parser';

/**
 * GeoReport v2 answers in the format the URL's extension asked for. JSON is the natural shape;
 * XML wraps it the way the specification's examples do: a root element, one element per item
 * (`<services><service>…`, `<service_requests><request>…`, `<errors><error>…`), nested lists as
 * repeated elements inside their own wrapper (`<attributes><attribute>…`, `<values><value>…`).
 */
export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

const builder = new XMLBuilder({ format: true, suppressEmptyNode: false, processEntities: true });

/** null/undefined become empty elements; booleans and numbers become text. */
function forXml(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(forXml);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, forXml(v)]));
  return value;
}

export function toXml(root: string, body: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: forXml(body) })}`;
}

/** A list of items: JSON array, or `<root><item/>…</root>`. */
export function listBody(format: Format, root: string, item: string, items: unknown[]) {
  return format === 'json' ? JSON.stringify(items) : toXml(root, { [item]: items });
}

export function respond(format: Format, status: number, body: string, headers: Record<string, string> = {}) {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    },
  });
}

/** The specification's error list, with the HTTP status as each error's code. */
export class Open311Error extends Error {
  constructor(
    public status: number,
    public description: string,
    public headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

export function errorResponse(format: Format, errors: { status: number; description: string }[], headers: Record<string, string> = {}) {
  const items = errors.map((e) => ({ code: e.status, description: e.description }));
  return respond(format, errors[0]?.status ?? 400, listBody(format, 'errors', 'error', items), headers);
}
