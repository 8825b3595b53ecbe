const SAME = 'http://same.invalid';

/**
 * Only same-site paths are followed after sign-in or a language switch (no open redirects).
 * The path is resolved against a dummy origin the way a browser would (dot segments, "%2e%2e",
 * ...), and what comes out must itself be a plain path: one leading slash, never "//" (which a
 * browser reads as another host, e.g. "/..//evil.example" resolves to "//evil.example"), and it
 * must resolve to the same origin again. Control characters and backslashes are refused outright:
 * browsers drop tabs and newlines and read "\\" as "/", which would turn "/\t/evil.example" into
 * another site.
 */
export function safeRedirectPath(to: string | null | undefined, fallback = '/'): string {
  if (!to || !to.startsWith('/') || /[\u0000-\u001f\u007f-\u009f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, SAME);
  } catch {
    return fallback;
  }
  if (url.origin !== SAME) return fallback;
  const path = url.pathname + url.search + url.hash;
  if (!path.startsWith('/') || path.startsWith('//') || /[\\\u0000-\u001f]/.test(path)) return fallback;
  // A browser following the answer reads it the same way: same origin, same path.
  const again = new URL(path, SAME);
  if (again.origin !== SAME || again.pathname + again.search + again.hash !== path) return fallback;
  return path;
}
