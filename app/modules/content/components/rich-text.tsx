import type { ReactNode } from 'react';
import { FORMAT, safeUrl, type BlockNode, type InlineNode, type ListNode, type RichTextDoc } from '../richtext';

/**
 * Renders a stored document by walking its JSON into React elements. No HTML string from users
 * ever reaches the page; unknown nodes are skipped and links are checked again.
 */
export function RichText({ doc }: { doc: RichTextDoc | null | undefined }) {
  const blocks = doc?.root?.children;
  if (!Array.isArray(blocks)) return null;
  return <>{blocks.map((b, i) => renderBlock(b, i))}</>;
}

function renderInline(nodes: InlineNode[] | undefined, keyPrefix = ''): ReactNode[] {
  if (!Array.isArray(nodes)) return [];
  return nodes.map((node, i) => {
    const key = `${keyPrefix}${i}`;
    switch (node?.type) {
      case 'text': {
        let el: ReactNode = node.text;
        const f = typeof node.format === 'number' ? node.format : 0;
        if (f & FORMAT.code) el = <code>{el}</code>;
        if (f & FORMAT.underline) el = <u>{el}</u>;
        if (f & FORMAT.italic) el = <em>{el}</em>;
        if (f & FORMAT.bold) el = <strong>{el}</strong>;
        return <span key={key}>{el}</span>;
      }
      case 'linebreak':
        return <br key={key} />;
      case 'mention':
        return (
          <span key={key} className="mention">
            @{node.name}
          </span>
        );
      case 'link': {
        const url = safeUrl(node.url);
        if (!url) return <span key={key}>{renderInline(node.children, `${key}-`)}</span>;
        return (
          <a key={key} href={url} rel="nofollow ugc noopener">
            {renderInline(node.children, `${key}-`)}
          </a>
        );
      }
      default:
        return null;
    }
  });
}

function renderList(node: ListNode, key: string | number): ReactNode {
  const items = (Array.isArray(node.children) ? node.children : []).map((item, i) => (
    <li key={i}>
      {(Array.isArray(item?.children) ? item.children : []).map((child, j) =>
        child?.type === 'list' ? renderList(child, `${i}-${j}`) : renderInline([child as InlineNode], `${i}-${j}-`),
      )}
    </li>
  ));
  return node.listType === 'number' ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
}

function renderBlock(node: BlockNode, key: number): ReactNode {
  switch (node?.type) {
    case 'paragraph':
      return <p key={key}>{renderInline(node.children)}</p>;
    case 'quote':
      return <blockquote key={key}>{renderInline(node.children)}</blockquote>;
    case 'heading': {
      const Tag = node.tag === 'h3' ? 'h3' : node.tag === 'h4' ? 'h4' : 'h2';
      return <Tag key={key}>{renderInline(node.children)}</Tag>;
    }
    case 'list':
      return renderList(node, key);
    default:
      return null;
  }
}
