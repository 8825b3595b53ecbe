/** The pages every site has, by the key in their address (`/privacy`) and in the SitePage table. */
export const SITE_PAGE_KEYS = ['privacy', 'terms', 'accessibility', 'contact'] as const;
export type SitePageKey = (typeof SITE_PAGE_KEYS)[number];

/** The pages accepted at sign-up: a change to either raises its version. */
export const LEGAL_PAGE_KEYS = ['terms', 'privacy'] as const satisfies readonly SitePageKey[];

export function isSitePageKey(value: unknown): value is SitePageKey {
  return typeof value === 'string' && (SITE_PAGE_KEYS as readonly string[]).includes(value);
}
