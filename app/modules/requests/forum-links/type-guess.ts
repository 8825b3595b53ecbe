import { foldText } from '~/lib/text';

/**
 * A likely request type for a forum post (the promote page's first suggestion): the type whose
 * name (in any language) or code words appear in the post's text, accents and case ignored, as
 * whole words. The longest match wins ("street light out" beats "light"); no match, no guess:
 * staff then pick from the list.
 */
export type GuessCandidate = { code: string; names: string[] };

export function guessRequestType(text: string, types: readonly GuessCandidate[]): string | null {
  const haystack = ` ${foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  let best: { code: string; length: number } | null = null;
  for (const type of types) {
    const phrases = [...type.names, type.code.replace(/-/g, ' ')];
    for (const phrase of phrases) {
      const needle = foldText(phrase)
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
      if (needle.length < 3 || !haystack.includes(` ${needle} `)) continue;
      if (!best || needle.length > best.length) best = { code: type.code, length: needle.length };
    }
  }
  return best?.code ?? null;
}
