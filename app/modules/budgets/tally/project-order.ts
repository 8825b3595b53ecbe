/**
 * The tie-break of every rule: project ids compared as text, as pabutools does by default (its
 * lexicographic tie-breaking sorts on the project name, a Python str). Python compares code
 * points, while JS's `<` compares UTF-16 code units; the two differ only when a character beyond
 * U+FFFF meets one in U+E000–U+FFFF, but a replayable tally should not depend on that, so this
 * walks code points. 'P10' < 'P9' here as in pabutools: text, not numbers.
 */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}
