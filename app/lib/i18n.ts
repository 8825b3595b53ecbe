/**
 * i18n settings shared by the server and the browser. The list of languages is the only thing
 * that names them: it is the folders found under `locales/` (LOCALES_DIR) when the server starts,
 * or LANGUAGES (comma-separated codes, e.g. `en,es,fr`) when set. The browser reads the same list
 * from `<html data-languages>`, written by the root. Adding a language: add `locales/<code>/` with
 * the same files and keys; forms (LocalizedTextField, localizedText()), the language switch and
 * the staff content follow.
 */
export type Language = string;
export const fallbackLanguage: Language = 'en';
export const defaultNS = 'common';

/** A language code as a folder or a setting may name it: `fr`, `pt-BR`. */
const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** The default language first, then the others in alphabetical order. */
function orderLanguages(codes: Iterable<string>): string[] {
  const unique = [...new Set([...codes].map((c) => c.trim()).filter((c) => LANGUAGE_CODE.test(c)))].sort();
  return unique.includes(fallbackLanguage) ? [fallbackLanguage, ...unique.filter((c) => c !== fallbackLanguage)] : unique;
}

/** The configured list where this code runs: the page's `<html data-languages>`, else the server's. */
function startingLanguages(): string[] {
  if (typeof document !== 'undefined') return orderLanguages((document.documentElement.dataset.languages ?? '').split(','));
  if (typeof process === 'undefined') return [fallbackLanguage];
  if (process.env.LANGUAGES) return orderLanguages(process.env.LANGUAGES.split(','));
  // Server-side without a setting: the locale folders. No static fs import, so this module stays
  // safe for the browser bundle (the branch above answers there).
  const fs = process.getBuiltinModule?.('node:fs') as typeof import('node:fs') | undefined;
  const path = process.getBuiltinModule?.('node:path') as typeof import('node:path') | undefined;
  if (!fs || !path) return [fallbackLanguage];
  const root = localesDir(path);
  try {
    const found = fs
      .readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.readdirSync(path.join(root, d.name)).some((f) => f.endsWith('.json')));
    return orderLanguages(found.map((d) => d.name));
  } catch {
    return [fallbackLanguage];
  }
}

/** Where the locale folders are (server only). */
export function localesDir(path: typeof import('node:path')): string {
  return path.resolve(process.cwd(), process.env.LOCALES_DIR || 'locales');
}

/** Every supported language, the default one first. */
export const supportedLanguages: readonly [Language, ...Language[]] = (() => {
  const list = startingLanguages();
  return (list.length ? list : [fallbackLanguage]) as [Language, ...Language[]];
})();

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && supportedLanguages.includes(value);
}

/** Names already looked up (building Intl.DisplayNames costs more than a page's other formatting). */
const languageNames = new Map<string, string>();

/** A language's name as its own readers write it ("English", "Español", "Français"), or in `inLanguage`. */
export function languageName(code: string, inLanguage: string = code): string {
  const key = `${code}|${inLanguage}`;
  let cached = languageNames.get(key);
  if (cached === undefined) {
    let name: string | undefined;
    try {
      name = new Intl.DisplayNames([inLanguage], { type: 'language' }).of(code);
    } catch {
      name = undefined;
    }
    cached = name ? name.charAt(0).toLocaleUpperCase(inLanguage) + name.slice(1) : code;
    // Codes come from stored rows and headers: keep the map small whatever they hold.
    if (languageNames.size < 1000) languageNames.set(key, cached);
  }
  return cached;
}

/** A locale-keyed text ({ en, es, ... }) in the reader's language, else the default one (or any). */
/** Languages with no text are left out (`name.fr` may be missing). */
export type LocalizedText = Record<Language, string>;
export function localized(
  text: unknown,
  lng: string,
  fallback: string = fallbackLanguage,
): { text: string; fellBack: boolean; lang: string } {
  const value = (text ?? {}) as Record<string, string>;
  if (value[lng]) return { text: value[lng], fellBack: false, lang: lng };
  const lang = value[fallback] ? fallback : (Object.keys(value).find((k) => value[k]) ?? lng);
  const other = value[lang] ?? '';
  return { text: other, fellBack: other !== '', lang };
}

/** The supported languages named in running text, "English, Spanish or French" (in `inLanguage`). */
export function languageList(inLanguage: string): string {
  let names: string[];
  try {
    const display = new Intl.DisplayNames([inLanguage], { type: 'language' });
    names = supportedLanguages.map((code) => display.of(code) ?? code);
  } catch {
    names = [...supportedLanguages];
  }
  try {
    return new Intl.ListFormat(inLanguage, { type: 'disjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

/**
 * The supported languages as choices for a form, named in the reader's language with their own
 * name after it when it differs ("Spanish (Español)").
 */
export function languageOptions(inLanguage: string): { value: string; label: string }[] {
  return supportedLanguages.map((code) => {
    const here = languageName(code, inLanguage);
    const own = languageName(code);
    return { value: code, label: here === own ? here : `${here} (${own})` };
  });
}
