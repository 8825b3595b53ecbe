import {
  docOf,
  lineBreakNode,
  linkNode,
  paragraphNode,
  safeUrl,
  textNode,
  type InlineNode,
  type ListNode,
  type RichTextDoc,
} from './richtext';
import { cleanText } from '~/lib/text';

/**
 * Plain text from rich text, for search, e-mail and notifications: blocks separated by blank
 * lines, list items prefixed "- " or "1. " (nested ones indented), quotes prefixed "> ",
 * mentions as "@name", pictures as "[their description]", links as "text (url)" (just the URL when the text is the URL).
 */
export function toPlainText(doc: RichTextDoc): string {
  const blocks: string[] = [];
  for (const block of doc.root.children) {
    if (block.type === 'list') blocks.push(listText(block, 0).join('\n'));
    else if (block.type === 'quote')
      blocks.push(
        inlineText(block.children)
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n'),
      );
    else if (block.type === 'paragraph' || block.type === 'heading') blocks.push(inlineText(block.children));
  }
  return blocks
    .map((b) => b.replace(/[ \t]+$/gm, ''))
    .filter((b) => b.trim() !== '')
    .join('\n\n');
}

function inlineText(nodes: readonly InlineNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.text;
    else if (node.type === 'linebreak') out += '\n';
    else if (node.type === 'mention') out += `@${node.name}`;
    else if (node.type === 'image') out += `[${node.alt}]`;
    else if (node.type === 'link') {
      const label = inlineText(node.children);
      const bare = node.url.startsWith('mailto:') ? node.url.slice(7) : node.url;
      out +=
        label.trim() === ''
          ? node.url
          : label === node.url || label === bare || safeUrl(label) === node.url
            ? label
            : `${label} (${node.url})`;
    }
  }
  return out;
}

function listText(list: ListNode, level: number): string[] {
  const lines: string[] = [];
  const pad = '  '.repeat(level);
  list.children.forEach((item, i) => {
    const marker = list.listType === 'number' ? `${list.start + i}. ` : '- ';
    const inline = item.children.filter((c): c is InlineNode => c.type !== 'list');
    const text = inlineText(inline);
    if (text.trim() !== '' || inline.length) {
      const [first = '', ...rest] = text.split('\n');
      lines.push(pad + marker + first, ...rest.map((l) => pad + ' '.repeat(marker.length) + l));
    }
    for (const child of item.children) if (child.type === 'list') lines.push(...listText(child, level + 1));
  });
  return lines.filter((l) => l.trim() !== '');
}

export const URL_IN_TEXT = /https?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"*]$/;

/** Drops punctuation that ends a sentence rather than the URL ("see https://x.org/a)." → "…/a"). */
export function trimUrl(candidate: string): string {
  let url = candidate;
  for (;;) {
    if (TRAILING.test(url)) url = url.slice(0, -1);
    else if (url.endsWith(')') && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
    else if (url.endsWith(']') && count(url, '[') < count(url, ']')) url = url.slice(0, -1);
    else return url;
  }
}
const count = (s: string, c: string) => s.split(c).length - 1;

function lineNodes(line: string): InlineNode[] {
  const nodes: InlineNode[] = [];
  let last = 0;
  for (const match of line.matchAll(URL_IN_TEXT)) {
    const start = match.index ?? 0;
    const raw = trimUrl(match[0]);
    const url = safeUrl(raw);
    if (!url) continue;
    if (start > last) nodes.push(textNode(line.slice(last, start)));
    nodes.push(linkNode(url, [textNode(raw)]));
    last = start + raw.length;
  }
  if (last < line.length) nodes.push(textNode(line.slice(last)));
  return nodes;
}

/**
 * Rich text from the no-JavaScript textarea: paragraphs split on blank lines, single newlines
 * become line breaks, bare http(s) URLs become links. Everything else is literal text: "<b>"
 * or "**" are never interpreted. The result still goes through parseRichText (limits, empty).
 */
export function fromPlainText(input: string): RichTextDoc {
  const text = cleanText(input);
  const paragraphs = text
    .split(/\n(?:[ \t]*\n)+/)
    .map((p) => p.replace(/^\n+|\s+$/g, ''))
    .filter((p) => p.trim() !== '');
  return docOf(
    paragraphs.map((p) => {
      const children: InlineNode[] = [];
      p.split('\n').forEach((line, i) => {
        if (i > 0) children.push(lineBreakNode());
        children.push(...lineNodes(line));
      });
      return paragraphNode(children);
    }),
  );
}
