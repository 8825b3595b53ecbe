import { createCookie, type Cookie } from '@remix-run/node';
import { getEnv } from './env.server';

/**
 * A cookie signed with SESSION_SECRET, HTTP-only and same-site (lax), secure where the site is
 * served over https; made on first use, once the environment is read.
 */
export function signedCookie(name: string, options: { path: string; maxAge?: number }): () => Cookie {
  let cookie: Cookie | undefined;
  return () => {
    const env = getEnv();
    cookie ??= createCookie(name, {
      ...options,
      httpOnly: true,
      sameSite: 'lax',
      secure: env.secureCookies,
      secrets: [env.SESSION_SECRET],
    });
    return cookie;
  };
}
