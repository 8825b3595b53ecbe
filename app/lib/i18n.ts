/** i18n settings shared by the server and the browser. Adding a language: add it here and a
 * folder under locales/ with the same files and keys. */
export const supportedLanguages = ['en', 'es'] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = 'en';
export const defaultNS = 'common';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value);
}

/** A locale-keyed text ({ en, es }) in the reader's language, else the default one (or any). */
export type LocalizedText = Partial<Record<Language, string>>;
export function localized(text: unknown, lng: string, fallback: string = fallbackLanguage): { text: string; fellBack: boolean; lang: string } {
  const value = (text ?? {}) as Record<string, string>;
  if (value[lng]) return { text: value[lng], fellBack: false, lang: lng };
  const lang = value[fallback] ? fallback : Object.keys(value).find((k) => value[k]) ?? lng;
  const other = value[lang] ?? '';
  return { text: other, fellBack: other !== '', lang };
}
