import type { LoaderFunctionArgs } from '@remix-run/node';
import { getLocale } from '~/modules/identity/locale.server';
import { getCity } from '~/modules/places/queries.server';

/**
 * GET /manifest.webmanifest: what a phone needs to add the site to its home screen, named after the
 * city, in the reader's language. The same for everyone: no personal data, cached for a day.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const [city, lng] = await Promise.all([getCity(), getLocale(request)]);
  const manifest = {
    name: `${city.name} · Townsquare`,
    short_name: city.name,
    lang: lng,
    start_url: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#0b5d3b',
    icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  };
  return new Response(JSON.stringify(manifest), {
    headers: { 'Content-Type': 'application/manifest+json; charset=utf-8', 'Cache-Control': 'public, max-age=86400', Vary: 'Cookie' },
  });
}
