import { fallbackLanguage, isLanguage } from '~/lib/i18n';
import { createI18n, fixedT } from '~/lib/i18n.server';
import { errorResponse as open311Error, type Format } from '~/modules/open311/respond.server';

/**
 * Answers made without the database and outside the page tree: a body too large (413) or a URL
 * with a NUL (400), from the Express server before Remix runs, and the database unavailable (503,
 * from entry.server).
 * Pages get a small localized HTML page, Remix's data requests a caught error its error boundary
 * shows, Open311 its own error list, other clients JSON or plain text.
 */
export type ErrorKind = 'badRequest' | 'tooLarge' | 'unavailable';
const STATUS: Record<ErrorKind, number> = { badRequest: 400, tooLarge: 413, unavailable: 503 };
const OPEN311_DESCRIPTION: Record<ErrorKind, string> = {
  badRequest: 'malformed request',
  tooLarge: 'request body too large',
  unavailable: 'service temporarily unavailable, try again later',
};
/** Seconds a client is asked to wait before trying again when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 30;

// Language from the `lng` cookie or Accept-Language only: no account lookup (the database may be down).
const detector = createI18n(async () => null);

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function errorPage(kind: ErrorKind, request: Request): Promise<Response> {
  const status = STATUS[kind];
  const url = new URL(request.url);
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (kind === 'unavailable') headers['Retry-After'] = String(RETRY_AFTER_SECONDS);
  if (url.pathname.startsWith('/open311/')) {
    const format: Format = url.pathname.endsWith('.xml') ? 'xml' : 'json';
    return open311Error(format, [{ status, description: OPEN311_DESCRIPTION[kind] }], { ...headers, 'Access-Control-Allow-Origin': '*' });
  }
  if (url.searchParams.has('_data')) {
    // Remix's client treats this as a thrown response: the root error boundary shows its page.
    return Response.json({ error: kind, retryAfter: RETRY_AFTER_SECONDS }, { status, headers: { ...headers, 'X-Remix-Catch': 'yes' } });
  }
  const detected = await detector.getLocale(request).catch(() => fallbackLanguage);
  const lng = isLanguage(detected) ? detected : fallbackLanguage;
  const t = await fixedT(lng);
  const title = t(`errors.${kind}.title`);
  const body = t(`errors.${kind}.body`, { minutes: 1 });
  headers['Content-Language'] = lng;
  const accept = request.headers.get('Accept') ?? '';
  if (accept.includes('text/html')) {
    const html = `<!DOCTYPE html>
<html lang="${lng}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p><p><a href="/">${escapeHtml(t('errors.home'))}</a></p></main></body>
</html>
`;
    return new Response(html, { status, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
  }
  if (accept.includes('json')) return Response.json({ error: kind, message: `${title}. ${body}` }, { status, headers });
  return new Response(`${title}. ${body}\n`, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}
