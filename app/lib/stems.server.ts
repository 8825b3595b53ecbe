import { newStemmer, type Stemmer } from 'snowball-stemmers';
import { removeStopwords, eng, spa } from 'stopword';
import { foldText } from './text';

/**
 * Words reduced to their stems, for matching by meaning rather than by spelling: "potholes" and
 * "pothole", "farolas" and "farola" meet. Snowball stemmers (snowball-stemmers, ISC) and stop
 * word lists (stopword, MIT) for the languages that have them; another language's words are only
 * folded (accents and case). Stop words ("the", "de") say nothing about a topic and are dropped.
 */
const LANGUAGES: Record<string, { stemmer: Stemmer; stopwords: string[] }> = {
  en: { stemmer: newStemmer('english'), stopwords: eng },
  es: { stemmer: newStemmer('spanish'), stopwords: spa.map(foldText) },
};

/** The languages whose words can be stemmed. */
export const STEMMED_LANGUAGES = Object.keys(LANGUAGES);

/** The stems of `text`'s words in `lang`, in order, stop words and one-letter words left out. */
export function stemsOf(text: string, lang: string): string[] {
  const words = foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
  const language = LANGUAGES[lang.split('-')[0]];
  if (!language) return words;
  return removeStopwords(words, language.stopwords).map((w) => language.stemmer.stem(w));
}
