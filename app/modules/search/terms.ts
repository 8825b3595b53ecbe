/**
 * Turning what a reader typed into a search both engines understand, without ever passing the
 * reader's syntax through: only words (letters, digits and combining marks) are kept, each one
 * quoted as a literal term, so `"foo`, `a OR`, `NEAR(` or `*` cannot change the query's meaning
 * or make it fail. Shared by the server and the page (the page never builds a query itself).
 */
export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';
export const MIN_QUERY = 2;
export const MAX_QUERY = 200;
const MAX_TERMS = 12;
/** The last term also matches as a prefix ("call" finds "calle") once it has this many letters. */
const PREFIX_FROM = 3;

export function searchTerms(q: string): string[] {
  const words = q.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const terms = words.filter((w) => /[\p{L}\p{N}]/u.test(w)).map((w) => w.toLocaleLowerCase('und'));
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

const prefix = (terms: string[], i: number) => i === terms.length - 1 && [...terms[i]].length >= PREFIX_FROM;

/** An FTS5 MATCH expression: every term a quoted phrase (implicit AND), the last one a prefix. */
export function ftsQuery(terms: string[]): string {
  return terms.map((t, i) => `"${t.replaceAll('"', '""')}"${prefix(terms, i) ? '*' : ''}`).join(' ');
}

/** A to_tsquery expression: every term a quoted lexeme, joined with &, the last one a prefix. */
export function tsQuery(terms: string[]): string {
  return terms.map((t, i) => `'${t.replaceAll("'", "''").replaceAll('\\', '\\\\')}'${prefix(terms, i) ? ':*' : ''}`).join(' & ');
}

/** Splits text with match markers into plain and marked pieces (stray markers are dropped). */
export function splitMarked(text: string): { text: string; marked: boolean }[] {
  const pieces: { text: string; marked: boolean }[] = [];
  const [first, ...rest] = text.split(MARK_OPEN);
  const push = (t: string, marked: boolean) => {
    const clean = t.replaceAll(MARK_OPEN, '').replaceAll(MARK_CLOSE, '');
    if (clean) pieces.push({ text: clean, marked });
  };
  push(first, false);
  for (const part of rest) {
    const close = part.indexOf(MARK_CLOSE);
    if (close < 0) push(part, false);
    else {
      push(part.slice(0, close), true);
      push(part.slice(close + 1), false);
    }
  }
  return pieces;
}
