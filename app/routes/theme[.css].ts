import type { LoaderFunctionArgs } from '@remix-run/node';
import { HEX_COLOR } from '~/modules/places/accent';

/**
 * /theme.css?accent=rrggbb: the city's accent colour over the default tokens (app.css), linked
 * by the root when the admin chose one. A stylesheet of our own origin keeps the CSP at
 * `style-src 'self'`; the colour is the whole address, so the answer never changes and is cached
 * for a year. Anything but six hex digits is a 404 (nothing else ever reaches the CSS).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const accent = `#${new URL(request.url).searchParams.get('accent') ?? ''}`.toLowerCase();
  if (!HEX_COLOR.test(accent)) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(`:root {\n  --brand: ${accent};\n}\n`, {
    headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' },
  });
}
