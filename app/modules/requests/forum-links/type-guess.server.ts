import { stemsOf, STEMMED_LANGUAGES } from '~/lib/stems.server';

/**
 * A likely request type for a forum post (the promote page's first suggestion), guessed from
 * meaning rather than spelling: the post's words and each type's name and keywords, in every
 * language, are compared as stems ("baches" meets "Bache", "lights" meets "Street light out").
 * A phrase counts when all its stems are in the post. Each stem weighs more the fewer types use
 * it ("trash" says less than "burning"), and a name weighs twice a keyword. The best score wins;
 * no match or a tie, no guess: staff then pick from the list.
 */
export type GuessCandidate = {
  code: string;
  /** Names and keywords by language (a type's keywords: comma-separated words or phrases). */
  names: Record<string, string>;
  keywords: Record<string, string>;
};

type Phrase = { stems: string[]; lang: string; weight: number };

const NAME_WEIGHT = 2;
const KEYWORD_WEIGHT = 1;

function phrasesOf(type: GuessCandidate): Phrase[] {
  const phrases: Phrase[] = [];
  for (const [lang, name] of Object.entries(type.names)) phrases.push({ stems: stemsOf(name, lang), lang, weight: NAME_WEIGHT });
  for (const [lang, list] of Object.entries(type.keywords))
    for (const keyword of list.split(',')) phrases.push({ stems: stemsOf(keyword, lang), lang, weight: KEYWORD_WEIGHT });
  return phrases.filter((p) => p.stems.length > 0);
}

export function guessRequestType(text: string, types: readonly GuessCandidate[]): string | null {
  const candidates = types.map((type) => ({ code: type.code, phrases: phrasesOf(type) }));
  // How many types use each stem (in any phrase): a stem of many types tells them apart poorly.
  const typesWith = new Map<string, number>();
  for (const { phrases } of candidates)
    for (const stem of new Set(phrases.flatMap((p) => p.stems))) typesWith.set(stem, (typesWith.get(stem) ?? 0) + 1);
  const weightOf = (stem: string) => Math.log(1 + candidates.length / (typesWith.get(stem) ?? 1));

  const languages = new Set([...STEMMED_LANGUAGES, ...candidates.flatMap((c) => c.phrases.map((p) => p.lang))]);
  const postStems = new Map([...languages].map((lang) => [lang, new Set(stemsOf(text, lang))]));

  let best: { code: string; score: number } | null = null;
  let tied = false;
  for (const { code, phrases } of candidates) {
    let score = 0;
    for (const phrase of phrases) {
      const stems = postStems.get(phrase.lang)!;
      if (phrase.stems.every((s) => stems.has(s))) score += phrase.weight * phrase.stems.reduce((sum, s) => sum + weightOf(s), 0);
    }
    if (score === 0) continue;
    if (!best || score > best.score + 1e-9) {
      best = { code, score };
      tied = false;
    } else if (Math.abs(score - best.score) <= 1e-9) tied = true;
  }
  return best && !tied ? best.code : null;
}
