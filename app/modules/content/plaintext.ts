import { safeUrl, type BlockNode, type InlineNode, type ListNode, type RichTextDoc } from './richtext';

/** The plain-text copy of a document: for search, mail and notifications. */
export function toPlainText(doc: RichTextDoc): string {
  const inline = (nodes: InlineNode[]): string =>
    nodes
      .map((n) => {
        if (n.type === 'text') return n.text;
        if (n.type === 'linebreak') return '\n';
        if (n.type === 'mention') return `@${n.name}`;
        const text = inline(n.children);
        return text && text !== n.url ? `${text} (${n.url})` : n.url;
      })
      .join('');
  const list = (node: ListNode, indent: string): string =>
    node.children
      .map((item, i) => {
        const marker = node.listType === 'number' ? `${i + 1}. ` : '- ';
        const own = inline(item.children.filter((c): c is InlineNode => c.type !== 'list'));
        const nested = item.children.filter((c): c is ListNode => c.type === 'list').map((l) => `\n${list(l, `${indent}  `)}`);
        return `${indent}${marker}${own}${nested.join('')}`;
      })
      .join('\n');
  const block = (node: BlockNode): string => (node.type === 'list' ? list(node, '') : inline(node.children));
  return doc.root.children.map(block).join('\n\n').trim();
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/g;

/** Turns text (with bare http(s) URLs) into inline nodes; nothing in it is read as markup. */
function linkify(text: string): InlineNode[] {
  const nodes: InlineNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    // Trailing punctuation belongs to the sentence, not the link.
    const raw = match[0].replace(/[.,;:!?)\]]+$/, '');
    const url = safeUrl(raw);
    if (!url) continue;
    const start = match.index ?? 0;
    if (start > last) nodes.push({ type: 'text', text: text.slice(last, start), format: 0 });
    nodes.push({ type: 'link', url, children: [{ type: 'text', text: raw, format: 0 }] });
    last = start + raw.length;
  }
  if (last < text.length) nodes.push({ type: 'text', text: text.slice(last), format: 0 });
  return nodes;
}

/**
 * The no-JavaScript form's textarea as a document: blank lines separate paragraphs, single
 * newlines become line breaks, bare links become links, everything else stays literal text.
 */
export function fromPlainText(text: string): RichTextDoc {
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  return {
    root: {
      type: 'root',
      children: paragraphs.map((p) => ({
        type: 'paragraph' as const,
        children: p.split('\n').flatMap((line, i) => [...(i > 0 ? [{ type: 'linebreak' as const }] : []), ...linkify(line)]),
      })),
    },
  };
}
