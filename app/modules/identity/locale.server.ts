import { createI18n } from '~/lib/i18n.server';
import { getUser } from './session.server';

/** The reader's language: their account setting, else the `lng` cookie, else Accept-Language. */
const i18n = createI18n(async (request) => (await getUser(request))?.locale ?? null);

export function getLocale(request: Request): Promise<string> {
  return i18n.getLocale(request);
}

export function getT(request: Request, ns: string | string[] = 'common') {
  return i18n.getFixedT(request, ns as never);
}
