/**
 * Text for XML 1.0 output. Every XML writer (the Atom feeds, Open311's XML) passes stored text
 * through `xmlText` (or `xmlEscape`, which also escapes markup), so a stored control character
 * or noncharacter can never make a document ill-formed. Input is normalized on the way in as
 * well; this is the output side's guarantee for rows stored before that, or written directly.
 *
 * XML 1.0 (fifth edition) allows only #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]: everything else (C0 controls but tab, newline and carriage return, lone
 * surrogate halves, U+FFFE and U+FFFF) is dropped.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** The text without the characters XML 1.0 forbids (markup is left for the writer to escape). */
export function xmlText(value: string): string {
  return value.replace(NOT_XML_CHAR, '');
}

/** Text for XML element content or an attribute value, written by hand: allowed and escaped. */
export function xmlEscape(value: string): string {
  return xmlText(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
