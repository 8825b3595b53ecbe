import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createCookie } from '@remix-run/node';
import type { i18n as I18n } from 'i18next';
import { RemixI18Next } from 'remix-i18next/server';
import { defaultNS, fallbackLanguage, localesDir, supportedLanguages } from './i18n';

/**
 * Locale files are read from locales/<lng>/<namespace>.json (LOCALES_DIR) once per process, for
 * every supported language (lib/i18n.ts: the folders found, or LANGUAGES). A configured language
 * without its folder stops the start, rather than showing keys.
 */
type Resources = Record<string, Record<string, Record<string, unknown>>>;
let loaded: { resources: Resources; namespaces: string[]; version: string } | undefined;

export function localeResources() {
  if (loaded) return loaded;
  const root = localesDir(path);
  const resources: Resources = {};
  const hash = createHash('sha256');
  const namespaces = new Set<string>();
  for (const lng of supportedLanguages) {
    resources[lng] = {};
    for (const file of readdirSync(path.join(root, lng))
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const text = readFileSync(path.join(root, lng, file), 'utf8');
      hash.update(`${lng}/${file}:${text}`);
      const ns = file.slice(0, -5);
      resources[lng][ns] = JSON.parse(text);
      namespaces.add(ns);
    }
  }
  loaded = { resources, namespaces: [...namespaces].sort(), version: hash.digest('hex').slice(0, 10) };
  return loaded;
}

export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** Who reads in which language: a signed-in user's setting is set by the root via findLocale. */
export function createI18n(findUserLocale: (request: Request) => Promise<string | null>) {
  return new RemixI18Next({
    detection: {
      supportedLanguages: [...supportedLanguages],
      fallbackLanguage,
      cookie: languageCookie,
      order: ['custom', 'cookie', 'header'],
      findLocale: findUserLocale,
    },
    i18next: {
      resources: localeResources().resources as never,
      defaultNS,
      fallbackLng: fallbackLanguage,
      interpolation: { escapeValue: false },
    },
  });
}

/** The options every server-side i18next instance starts from (all languages and namespaces). */
export function i18nOptions() {
  const { resources, namespaces } = localeResources();
  return { resources: resources as never, ns: namespaces, defaultNS, fallbackLng: fallbackLanguage, interpolation: { escapeValue: false } };
}

/** A translation function for a given language, for mail and other text made outside a page. */
let shared: Promise<import('i18next').i18n> | undefined;
export async function fixedT(lng: string, ns: string | string[] = defaultNS) {
  // One instance holds every language; getFixedT binds a language without changing shared state.
  shared ??= import('i18next').then(async ({ createInstance }) => {
    const instance = createInstance();
    await instance.init({ ...i18nOptions(), lng: fallbackLanguage });
    return instance;
  });
  return (await shared).getFixedT(lng, ns);
}

/**
 * Makes `instance` remember its translations: a page calls t() about sixty times and i18next
 * resolves each one again (options, namespaces, fallback language, plural, interpolation), about
 * 25 µs a call here, a tenth of a results page's render. The t functions it hands out (getFixedT,
 * which react-i18next's useTranslation uses) remember a call when its arguments are plain values
 * (strings, numbers, booleans, lists of strings), so equal calls give equal text; others
 * (objects, functions, returnObjects) go to i18next every time. For instances whose resources
 * never change after init (the rendering ones).
 */
export function rememberTranslations(instance: I18n, max = 20_000): I18n {
  const made = new Map<string, string>();
  const getFixedT = instance.getFixedT.bind(instance) as unknown as (...args: unknown[]) => (...args: unknown[]) => unknown;
  instance.getFixedT = ((...fixed: unknown[]) => {
    const t = getFixedT(...fixed);
    const remembering = (...args: unknown[]) => {
      const key = plainArgs(args) ? JSON.stringify([fixed, args]) : null;
      const kept = key === null ? undefined : made.get(key);
      if (kept !== undefined) return kept;
      const text = t(...args);
      if (key !== null && typeof text === 'string') {
        // Bounded (interpolated values vary): forgotten all at once when full.
        if (made.size >= max) made.clear();
        made.set(key, text);
      }
      return text;
    };
    return Object.assign(remembering, t);
  }) as unknown as I18n['getFixedT'];
  return instance;
}

const isPlain = (v: unknown) => v === null || v === undefined || ['string', 'number', 'boolean'].includes(typeof v);
const isPlainList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

function plainArgs(args: unknown[]): boolean {
  for (const arg of args) {
    if (isPlain(arg) || isPlainList(arg)) continue;
    if (typeof arg !== 'object' || Object.getPrototypeOf(arg) !== Object.prototype) return false;
    for (const value of Object.values(arg as object)) if (!isPlain(value) && !isPlainList(value)) return false;
  }
  return true;
}
