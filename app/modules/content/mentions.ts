import { foldText } from '~/lib/text';
/**
 * Matching people's names for @mentions, shared by the server (which turns a query into SQL on
 * either engine) and the editor (which narrows results it already has while a lookup is under
 * way). A name matches when it, or one of its words, starts with what was typed, ignoring case
 * and accents: "luc", "LUCIA" and "lucía" all find "Lucía Park", "park" finds her too, "ark"
 * does not. Words start after a space, a hyphen, an apostrophe or an opening parenthesis.
 */
export const MENTION_QUERY_MAX = 50;
export const MENTION_SUGGESTIONS = 8;
export const WORD_STARTS = [' ', '(', '-', "'"] as const;

/** Whether `name` starts, or has a word that starts, with `query` (case- and accent-insensitive). */
export function nameMatches(name: string, query: string): boolean {
  const q = foldText(query.trim());
  if (!q) return false;
  const n = ` ${foldText(name)}`;
  return WORD_STARTS.some((sep) => n.includes(sep + q));
}

/** For each folded letter, the characters that fold to it (both cases, with any accent). */
let variants: Map<string, Set<string>> | undefined;
function variantTable(): Map<string, Set<string>> {
  if (variants) return variants;
  const table = new Map<string, Set<string>>();
  // Latin (basic, Latin-1, Extended-A/B, Extended Additional), Greek and Cyrillic.
  const ranges: [number, number][] = [
    [0x41, 0x5a],
    [0x61, 0x7a],
    [0xc0, 0x24f],
    [0x370, 0x3ff],
    [0x400, 0x4ff],
    [0x1e00, 0x1eff],
  ];
  for (const [from, to] of ranges) {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp);
      if (!/\p{L}/u.test(ch)) continue;
      const folded = foldText(ch);
      if ([...folded].length !== 1) continue;
      let set = table.get(folded);
      if (!set) table.set(folded, (set = new Set()));
      set.add(ch);
    }
  }
  variants = table;
  return table;
}

const GLOB_SPECIAL = new Set(['*', '?', '[']);

/**
 * An SQLite GLOB pattern that matches `' ' || displayName` exactly when nameMatches() would:
 * every letter of the folded query becomes a bracket class of all its case and accent variants
 * ("jo" → `[jJĵĴǰ…][oOòÒóÓ…]`), and GLOB's own special characters are bracketed, so nothing the
 * reader typed acts as a wildcard. (GLOB, unlike LIKE, has classes and reads UTF-8 in them.)
 */
export function globWordPrefix(query: string): string {
  const table = variantTable();
  let pattern = '';
  for (const ch of foldText(query.trim())) {
    const set = new Set([ch, ...(table.get(ch) ?? [])]);
    const upper = ch.toUpperCase();
    if ([...upper].length === 1) set.add(upper);
    const members = [...set];
    if (members.length > 1 && members.every((m) => /\p{L}/u.test(m))) pattern += `[${members.join('')}]`;
    else pattern += GLOB_SPECIAL.has(ch) ? `[${ch}]` : ch;
  }
  return `*[${WORD_STARTS.join('').replace('-', '')}-]${pattern}*`;
}

/** Escapes LIKE's wildcards (and its escape character, the backslash). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
