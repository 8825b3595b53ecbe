import { TEXT_FORMAT, type InlineNode, type ListNode, type RichTextDoc } from './richtext';

// A module of its own, apart from fromFormattedText (formatted-text.ts): the editor's textarea needs
// this one on every page that has it, the reading side only once someone writes or on the server.

/**
 * The text a post is edited from without JavaScript: the inverse of fromFormattedText (formatted-text.ts), so saving
 * it unchanged keeps the post's bold, italic, lists, quotes, links, mentions and pictures.
 * (Underline, code and headings have no plain form; they come back as plain text.)
 */
export function toFormattedText(doc: RichTextDoc): string {
  const blocks = doc.root.children.map((block) => {
    if (block.type === 'list') return formattedList(block).join('\n');
    const text = formattedInline(block.children);
    return block.type === 'quote'
      ? text
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n')
      : text;
  });
  return blocks.filter((block) => block.trim() !== '').join('\n\n');
}

function formattedInline(nodes: readonly InlineNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') {
      // Bold and italic together as **_both_**: "***both***" would not read back.
      const bold = node.format & TEXT_FORMAT.bold ? '**' : '';
      const italic = node.format & TEXT_FORMAT.italic ? (bold ? '_' : '*') : '';
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(node.text)!;
      out += core ? `${lead}${bold}${italic}${core}${italic}${bold}${trail}` : node.text;
    } else if (node.type === 'linebreak') out += '\n';
    else if (node.type === 'mention') out += `@${node.name}`;
    else if (node.type === 'image') out += `![${node.alt}](/pictures/${node.pictureId})`;
    else if (node.type === 'link') out += `[${formattedInline(node.children)}](${node.url})`;
  }
  return out;
}

// Nested lists have no plain form of their own: their items follow their parent's.
function formattedList(list: ListNode): string[] {
  const lines: string[] = [];
  list.children.forEach((item, i) => {
    const marker = list.listType === 'number' ? `${list.start + i}. ` : '- ';
    const inline = item.children.filter((child): child is InlineNode => child.type !== 'list');
    const [first = '', ...rest] = formattedInline(inline).split('\n');
    if (first.trim() !== '' || rest.length) lines.push(marker + first, ...rest.map((line) => ' '.repeat(marker.length) + line));
    for (const child of item.children) if (child.type === 'list') lines.push(...formattedList(child));
  });
  return lines;
}
