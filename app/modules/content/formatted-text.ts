import { trimUrl } from './plaintext';
import {
  docOf,
  lineBreakNode,
  linkNode,
  listItemNode,
  listNode,
  paragraphNode,
  quoteNode,
  safeUrl,
  TEXT_FORMAT,
  textNode,
  type BlockNode,
  type InlineNode,
  type ListNode,
  type RichTextDoc,
  type TextNode,
} from './richtext';
import { cleanText } from '~/lib/text';

/**
 * Rich text from what a reader types into the plain textarea (no JavaScript), understanding the
 * few markdown-like conventions the form's note lists: **bold**, *italic* (or _italic_), lines
 * starting "- " or "1. " as lists, "> " as a quote, [text](url) and bare http(s) addresses as
 * links. Everything else stays literal text ("<b>" is never markup), and a link whose address
 * safeUrl() refuses (javascript:, relative…) stays as the text that was typed. The result goes
 * through parseRichText like the editor's JSON. Hand-written rather than a markdown library: the
 * output is our small node subset, and nothing else of markdown (HTML, images…) may get in.
 */
export function fromFormattedText(input: string): RichTextDoc {
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

function linesInline(lines: string[]): InlineNode[] {
  return lines.flatMap((line, i) => (i > 0 ? [lineBreakNode(), ...inlineNodes(line)] : inlineNodes(line)));
}

// A markdown link "[text](address)" or a bare http(s) address.
const LINK_OR_URL = /\[([^[\]\n]{1,500})\]\(([^()\s]{1,2048})\)|https?:\/\/[^\s<>"'`]+/gi;

/** One line: links first (their addresses are never read as emphasis), then emphasis in the text between. */
function inlineNodes(line: string): InlineNode[] {
  const nodes: InlineNode[] = [];
  let last = 0;
  for (const match of line.matchAll(LINK_OR_URL)) {
    const start = match.index ?? 0;
    let end: number;
    let node: InlineNode | null;
    if (match[1] !== undefined) {
      const url = safeUrl(match[2]);
      end = start + match[0].length;
      node = url ? linkNode(url, emphasis(match[1], 0)) : null;
    } else {
      const raw = trimUrl(match[0]);
      const url = safeUrl(raw);
      end = start + raw.length;
      node = url ? linkNode(url, [textNode(raw)]) : null;
    }
    if (!node) continue; // refused address: the text stays as typed
    if (start > last) nodes.push(...emphasis(line.slice(last, start), 0));
    nodes.push(node);
    last = end;
  }
  if (last < line.length) nodes.push(...emphasis(line.slice(last), 0));
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
