/** Letters that carry no combining mark to strip but read as a plain Latin letter. */
const PLAIN: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i', ŧ: 't', ŀ: 'l' };

/**
 * Text for accent- and case-insensitive matching in JavaScript: lower case, accents and other
 * combining marks removed ("Núñez" → "nunez", "Łódź" → "lodz").
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łøđħıŧŀ]/g, (c) => PLAIN[c])
    .normalize('NFC');
}
