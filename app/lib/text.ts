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

/**
 * Characters that never belong in text a person typed and that break what it is later written
 * into (XML 1.0, HTML, mail headers, PostgreSQL text): C0 controls except tab and line feed
 * (NUL included), DEL, C1 controls, and the Unicode noncharacters (U+FDD0–U+FDEF and the last two
 * code points of every plane, U+FFFE/U+FFFF among them).
 */
const UNWANTED =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/g;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text input as stored: line endings normalized to "\n", unwanted characters (above) removed, a
 * lone surrogate replaced by U+FFFD. Every form field, Open311 parameter and rich-text node goes
 * through here once, where the request is read (docs/decisions/0017-request-input-and-outages.md).
 */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(LONE_SURROGATE, '\uFFFD').replace(UNWANTED, '');
}

/** One line for a mail header (e.g. a subject): line breaks and controls become one space. */
export function oneLine(value: string): string {
  return cleanText(value)
    .replace(/\s*[\n\t\u2028\u2029]+\s*/g, ' ')
    .trim();
}
