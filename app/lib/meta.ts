import type { MetaDescriptor } from '@remix-run/node';
import i18next from 'i18next';

type Match = { id: string; data: unknown };

/**
 * A localized <title>: "Page · City". Meta runs where i18next is initialised (server render and
 * browser), so the global instance has the page's language.
 */
export function pageTitle(matches: Match[], key: string, values?: Record<string, unknown>): MetaDescriptor[] {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: string; city?: { name: string } } | undefined;
  const t = i18next.getFixedT(root?.locale ?? 'en');
  const city = root?.city?.name ?? 'Townsquare';
  return [{ title: `${t(key, values) as string} · ${city}` }];
}
