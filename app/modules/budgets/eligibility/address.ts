import { foldText } from '~/lib/text';

/**
 * The one form of an address that census rows and what residents type are compared in
 * (CensusAddress.normalized). Deliberately simple, so staff can predict it:
 * 1. lower case, accents removed ("Núñez" → "nunez", lib/text foldText);
 * 2. every character that is not a letter or a digit becomes a space ("12-B, St." → "12 b st");
 * 3. runs of spaces become one, ends trimmed;
 * 4. each common abbreviation word is written out (ABBREVIATIONS: "st" → "street", "ave" → "avenue",
 *    "avda" → "avenida"), so "12 Oak St." and "12 oak street" match.
 * Nothing else is guessed: "12 Oak Street" and "Oak Street 12" stay different addresses, and "St"
 * always reads as Street (never Saint).
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  st: 'street',
  str: 'street',
  ave: 'avenue',
  av: 'avenue',
  rd: 'road',
  blvd: 'boulevard',
  dr: 'drive',
  ln: 'lane',
  ct: 'court',
  pl: 'place',
  sq: 'square',
  hwy: 'highway',
  pkwy: 'parkway',
  apt: 'apartment',
  avda: 'avenida',
  cl: 'calle',
  cll: 'calle',
  pje: 'pasaje',
  pza: 'plaza',
  num: 'numero',
  nro: 'numero',
};

export function normalizeAddress(address: string): string {
  return foldText(address)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ');
}
