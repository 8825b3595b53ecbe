/** The city logo's address (server and browser): its attachment id is the version, so each URL is cached for good. */
export function logoUrl(logoId: string) {
  return `/city/logo/${logoId}`;
}
