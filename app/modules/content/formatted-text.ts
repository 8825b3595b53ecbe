import { trimUrl } from './plaintext';
import {
  docOf,
  imageNode,
  lineBreakNode,
  linkNode,
  listItemNode,
  listNode,
  paragraphNode,
  quoteNode,
  safeUrl,
  TEXT_FORMAT,
  textNode,
  mentionNode,
  type BlockNode,
  type InlineNode,
  type ListNode,
  type RichTextDoc,
  type TextNode,
} from './richtext';
import { cleanText, foldText } from '~/lib/text';

/** People an "@name" in the text may stand for, by their folded display name (mentionKey). */
export type Mentionable = ReadonlyMap<string, { id: string; name: string }>;

/**
 * Rich text from what a reader types into the plain textarea (no JavaScript), understanding the
 * few markdown-like conventions the form's note lists: **bold**, *italic* (or _italic_), lines
 * starting "- " or "1. " as lists, "> " as a quote, [text](url) and bare http(s) addresses as
 * links, and "@Display Name" as a mention of a person in `people` (the server's look-up, see
 * mentionCandidates; without it "@" stays text). Everything else stays literal text ("<b>" is never markup), and a link whose address
 * safeUrl() refuses (javascript:, relative…) stays as the text that was typed. The result goes
 * through parseRichText like the editor's JSON. Hand-written rather than a markdown library: the
 * output is our small node subset, and nothing else of markdown (HTML, images…) may get in.
 */
export function fromFormattedText(input: string, people?: Mentionable): RichTextDoc {
  const inlineNodes = (line: string) => lineNodes(line, people);
  const linesInline = (lines: string[]): InlineNode[] =>
    lines.flatMap((line, i) => (i > 0 ? [lineBreakNode(), ...inlineNodes(line)] : inlineNodes(line)));
  const blocks: BlockNode[] = [];
  let paragraph: string[] = [];
  let quote: string[] = [];
  let list = null as ListNode | null;
  const flush = () => {
    if (paragraph.length) blocks.push(paragraphNode(linesInline(paragraph)));
    if (quote.length) blocks.push(quoteNode(linesInline(quote)));
    if (list) blocks.push(list);
    paragraph = [];
    quote = [];
    list = null;
  };

  for (const line of cleanText(input).split('\n')) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    const bullet = /^ {0,3}[-*+][ \t]+(\S.*)$/.exec(line);
    const numbered = /^ {0,3}(\d{1,6})[.)][ \t]+(\S.*)$/.exec(line);
    const quoted = /^ {0,3}>[ \t]?(.*)$/.exec(line);
    if (bullet || numbered) {
      const type = bullet ? 'bullet' : 'number';
      if (!list || list.listType !== type) {
        flush();
        list = listNode(type, numbered ? Number(numbered[1]) : 1, []);
      }
      const text = bullet ? bullet[1] : numbered![2];
      list.children.push(listItemNode(list.start + list.children.length, inlineNodes(text)));
    } else if (quoted && !paragraph.length) {
      if (list) flush();
      quote.push(quoted[1]);
    } else if (list && /^[ \t]+\S/.test(line)) {
      // An indented line continues the list item above it.
      const item = list.children.at(-1)!;
      item.children.push(lineBreakNode(), ...inlineNodes(line.trim()));
    } else {
      if (list || quote.length) flush();
      paragraph.push(line);
    }
  }
  flush();
  return docOf(blocks);
}

// A picture of ours "![description](/pictures/id)" (what toFormattedText writes for a post's
// picture; its size is taken from the stored file when the post is saved), a markdown link
// "[text](address)" or a bare http(s) address.
const LINK_OR_URL =
  /!\[([^[\]\n]{1,300})\]\(\/pictures\/([a-z0-9]{1,40})\)|\[([^[\]\n]{1,500})\]\(([^()\s]{1,2048})\)|https?:\/\/[^\s<>"'`]+/gi;

/** One line: links first (their addresses are never read as emphasis), then mentions and emphasis in the text between. */
function lineNodes(line: string, people: Mentionable | undefined): InlineNode[] {
  const plain = (text: string) => (people?.size ? withMentions(text, people) : emphasis(text, 0));
  const nodes: InlineNode[] = [];
  let last = 0;
  for (const match of line.matchAll(LINK_OR_URL)) {
    const start = match.index ?? 0;
    let end: number;
    let node: InlineNode | null;
    if (match[1] !== undefined) {
      end = start + match[0].length;
      node = imageNode(match[2], match[1].trim(), 1, 1);
    } else if (match[3] !== undefined) {
      const url = safeUrl(match[4]);
      end = start + match[0].length;
      node = url ? linkNode(url, emphasis(match[3], 0)) : null;
    } else {
      const raw = trimUrl(match[0]);
      const url = safeUrl(raw);
      end = start + raw.length;
      node = url ? linkNode(url, [textNode(raw)]) : null;
    }
    if (!node) continue; // refused address: the text stays as typed
    if (start > last) nodes.push(...plain(line.slice(last, start)));
    nodes.push(node);
    last = end;
  }
  if (last < line.length) nodes.push(...plain(line.slice(last)));
  return nodes;
}

// "@" at the start or after a space or "(", then up to MENTION_WORDS words of a name.
const AT_NAME = /(?<=^|[\s(])@(?=[^\s@])/g;
const MENTION_WORDS = 4;
/** What a name is compared by: case, accents and inner spacing ignored. */
export const mentionKey = (name: string) => foldText(name).replace(/\s+/g, ' ').trim();

/**
 * The names an "@" at `at` may start, longest first, each with its length in the text: the next
 * one to four words, with trailing punctuation ("@Ana Park," or "(@Ana)") left out.
 */
function namesAt(text: string, at: number): { name: string; length: number }[] {
  const words = /\S+/g;
  words.lastIndex = at;
  const ends: number[] = [];
  for (let m = words.exec(text); m && ends.length < MENTION_WORDS; m = words.exec(text)) {
    if (ends.length && text.slice(ends.at(-1), m.index).includes('\n')) break;
    ends.push(m.index + m[0].length);
  }
  const out: { name: string; length: number }[] = [];
  for (const end of ends.reverse()) {
    const raw = text.slice(at, end);
    const trimmed = raw.replace(/[.,;:!?)\]}"'»”’]+$/u, '');
    for (const name of new Set([raw, trimmed])) if (name) out.push({ name, length: name.length });
  }
  return out;
}

/**
 * The names typed after an "@" in plain text (the longest first for each "@"), for the server to
 * look up; at most `max` "@"s are read.
 */
export function mentionCandidates(input: string, max = 20): string[][] {
  const text = cleanText(input);
  const out: string[][] = [];
  for (const match of text.matchAll(AT_NAME)) {
    if (out.length >= max) break;
    out.push(namesAt(text, (match.index ?? 0) + 1).map((n) => n.name));
  }
  return out;
}

/** Text with each "@name" of someone in `people` made a mention node (the longest name wins), emphasis in the rest. */
function withMentions(text: string, people: Mentionable): InlineNode[] {
  const nodes: InlineNode[] = [];
  let last = 0;
  for (const match of text.matchAll(AT_NAME)) {
    const at = match.index ?? 0;
    if (at < last) continue;
    const found = namesAt(text, at + 1)
      .map((n) => ({ ...n, person: people.get(mentionKey(n.name)) }))
      .find((n) => n.person);
    if (!found?.person) continue;
    if (at > last) nodes.push(...emphasis(text.slice(last, at), 0));
    nodes.push(mentionNode(found.person.id, found.person.name));
    last = at + 1 + found.length;
  }
  if (last < text.length) nodes.push(...emphasis(text.slice(last), 0));
  return nodes;
}

// **bold**, then *italic* or _italic_ not inside a word (so "2*3*4" and snake_case stay text).
// Spans are bounded so that unclosed markers cost linear, not quadratic, time.
const EMPHASIS =
  /\*\*(?=\S)(.{0,500}?\S)\*\*|(?<![\p{L}\p{N}*])\*(?=[^\s*])(.{0,500}?[^\s*])\*(?![\p{L}\p{N}*])|(?<![\p{L}\p{N}_])_(?=[^\s_])(.{0,500}?[^\s_])_(?![\p{L}\p{N}_])/u;

function emphasis(text: string, format: number): TextNode[] {
  const out: TextNode[] = [];
  let rest = text;
  for (;;) {
    const match = EMPHASIS.exec(rest);
    if (!match) break;
    const start = match.index;
    if (start > 0) out.push(textNode(rest.slice(0, start), format));
    const bold = match[1] !== undefined;
    out.push(...emphasis(bold ? match[1] : (match[2] ?? match[3]), format | (bold ? TEXT_FORMAT.bold : TEXT_FORMAT.italic)));
    rest = rest.slice(start + match[0].length);
  }
  if (rest) out.push(textNode(rest, format));
  return out;
}
