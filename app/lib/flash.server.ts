import { createCookieSessionStorage, redirect } from '@remix-run/node';
import { getEnv } from './env.server';

/** How a flash message is shown: a success, an error, or plain information. */
const FLASH_KINDS = ['success', 'error', 'info'] as const;
export type FlashKind = (typeof FLASH_KINDS)[number];

/** One-shot messages shown after a redirect; stored as an i18n key plus values. */
export type Flash = { kind: FlashKind; key: string; values?: Record<string, string | number> };

type FlashData = { flash: Flash };
let storage: ReturnType<typeof createCookieSessionStorage<FlashData, FlashData>> | undefined;
function flashStorage() {
  const env = getEnv();
  storage ??= createCookieSessionStorage<FlashData, FlashData>({
    cookie: { name: 'flash', path: '/', httpOnly: true, sameSite: 'lax', secure: env.secureCookies, secrets: [env.SESSION_SECRET] },
  });
  return storage;
}

export async function redirectWithFlash(to: string, flash: Flash, init: ResponseInit = {}) {
  const session = await flashStorage().getSession();
  session.flash('flash', flash);
  const headers = new Headers(init.headers);
  headers.append('Set-Cookie', await flashStorage().commitSession(session));
  return redirect(to, { ...init, headers });
}

/** Reads (and thereby clears) the pending flash; the returned header must be sent. */
export async function takeFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const session = await flashStorage().getSession(request.headers.get('Cookie'));
  const flash = (session.get('flash') as Flash | undefined) ?? null;
  return { flash, setCookie: flash ? await flashStorage().commitSession(session) : null };
}
