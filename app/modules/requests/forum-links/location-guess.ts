import { foldText } from '~/lib/text';

/**
 * Where a forum post's problem probably is, for the promote form to suggest (staff check it): a
 * street the city lists for a neighborhood, with the house number next to it when there is one
 * ("120 Mill St", "Calle Rosa 45"), which also gives the neighborhood; else something shaped like
 * an address ("42 Elm Street", "Avenida Central 10"), with the channel's neighborhood. Nothing
 * found, nothing suggested.
 */
export type NeighborhoodStreets = { id: string; streets: string | null };
export type LocationGuess = { address: string | null; neighborhoodId: string | null };

/** Street-type words and their short forms, which people use interchangeably. */
const SUFFIXES: [string, string][] = [
  ['street', 'st'],
  ['avenue', 'ave'],
  ['road', 'rd'],
  ['drive', 'dr'],
  ['lane', 'ln'],
  ['boulevard', 'blvd'],
  ['court', 'ct'],
  ['place', 'pl'],
  ['avenida', 'av'],
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regular expression source for a listed street, its street-type word in long or short form. */
function streetPattern(street: string): string {
  const words = foldText(street).split(/\s+/).filter(Boolean);
  return words
    .map((word) => {
      const pair = SUFFIXES.find(([long, short]) => word.replace(/\.$/, '') === long || word.replace(/\.$/, '') === short);
      return pair ? `(?:${pair[0]}|${pair[1]})\\.?` : escape(word);
    })
    .join('\\s+');
}

const NUMBER_BEFORE = String.raw`(?:(\d{1,5})\s+)?`;
const NUMBER_AFTER = String.raw`(?:\s*,?\s*(?:n[o°º]\.?\s*)?(\d{1,5})\b)?`;

const ADDRESS_SHAPES = [
  /\b\d{1,5}\s+(?:[\p{Lu}\d][\p{L}\d'.-]*\s+){1,3}?(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl)\b\.?/u,
  /\b(?:Calle|Avenida|Avda\.?|Av\.|Camino|Paseo|Plaza)\s+(?:[\p{Lu}\d][\p{L}\d'.-]*\s*?){1,3}(?:,?\s*(?:n[o°º]\.?\s*)?\d{1,5}\b)?/u,
];

export function guessLocation(
  text: string,
  neighborhoods: readonly NeighborhoodStreets[],
  channelNeighborhoodId: string | null,
): LocationGuess {
  const folded = foldText(text);
  for (const neighborhood of neighborhoods) {
    for (const street of (neighborhood.streets ?? '').split(',').map((s) => s.trim())) {
      // A range of streets ("1st–4th St") names no one street.
      if (!street || /[–-]/.test(street)) continue;
      const found = new RegExp(`(?<![\\p{L}\\d])${NUMBER_BEFORE}${streetPattern(street)}(?![\\p{L}])${NUMBER_AFTER}`, 'u').exec(folded);
      if (!found) continue;
      const number = found[1] ?? found[2];
      const address = !number ? street : found[1] ? `${number} ${street}` : `${street} ${number}`;
      return { address, neighborhoodId: neighborhood.id };
    }
  }
  for (const shape of ADDRESS_SHAPES) {
    const found = shape.exec(text);
    if (found) return { address: found[0].trim().replace(/[,.]$/, ''), neighborhoodId: channelNeighborhoodId };
  }
  return { address: null, neighborhoodId: channelNeighborhoodId };
}
