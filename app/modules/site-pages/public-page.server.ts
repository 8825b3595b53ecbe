import { displayDoc } from '~/modules/content/richtext';
import { getLocale } from '~/modules/identity/locale.server';
import type { SitePageKey } from './keys';
import { getSitePage } from './pages.server';

/** A public site page as shown: its body in the reader's language only (compact), its version and last change. */
export async function shownSitePage(key: SitePageKey, request: Request) {
  const [page, locale] = await Promise.all([getSitePage(key), getLocale(request)]);
  return { key, body: displayDoc(page.body[locale]), version: page.version, updatedAt: page.updatedAt?.toISOString() ?? null };
}
