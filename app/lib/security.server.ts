import { createCookie, json } from '@remix-run/node';
import { CSRF, CSRFError } from 'remix-utils/csrf/server';
import { Honeypot, SpamError } from 'remix-utils/honeypot/server';
import { getEnv } from './env.server';

let csrfInstance: CSRF | undefined;
export function csrf(): CSRF {
  const env = getEnv();
  csrfInstance ??= new CSRF({
    cookie: createCookie('csrf', {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: env.secureCookies,
      secrets: [env.SESSION_SECRET],
    }),
    formDataKey: 'csrf',
    secret: env.SESSION_SECRET,
  });
  return csrfInstance;
}

let honeypotInstance: Honeypot | undefined;
export function honeypot(): Honeypot {
  honeypotInstance ??= new Honeypot({
    nameFieldName: 'website',
    validFromFieldName: 'form_started',
    encryptionSeed: getEnv().SESSION_SECRET,
  });
  return honeypotInstance;
}

/**
 * Reads a form post and checks its CSRF token (and honeypot for public forms). Every action
 * reads its body through here; Origin / Sec-Fetch-Site is checked for all non-GET requests by
 * the Express server before Remix runs.
 */
export async function readForm(request: Request, options: { honeypot?: boolean } = {}): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw json({ error: 'badRequest' }, { status: 400 });
  }
  try {
    await csrf().validate(formData, request.headers);
  } catch (error) {
    if (error instanceof CSRFError) throw json({ error: 'csrf' }, { status: 403 });
    throw error;
  }
  if (options.honeypot) {
    try {
      await honeypot().check(formData);
    } catch (error) {
      if (error instanceof SpamError) throw json({ error: 'spam' }, { status: 400 });
      throw error;
    }
  }
  return formData;
}
