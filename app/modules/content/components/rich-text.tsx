import { createElement, Fragment, type ReactNode } from 'react';
import { PICTURE_ID, pictureUrl, safeUrl, TEXT_FORMAT, type DisplayDoc, type RichTextDoc } from '../richtext';

/**
 * Renders stored rich text by walking its JSON into React elements: no HTML string is ever
 * produced from user input, and React escapes every text. The input has been validated by
 * parseRichText, but rendering stays defensive anyway (unknown nodes and unsafe links are
 * skipped, depth is capped), so an old or hand-edited row cannot inject anything.
 */
export function RichText({ doc, className }: { doc: RichTextDoc | DisplayDoc | null | undefined; className?: string }) {
  const root = isRecord(doc) && isRecord(doc.root) ? doc.root : null;
  return <div className={className ? `rich-text ${className}` : 'rich-text'}>{root ? renderChildren(root, 0) : null}</div>;
}

const MAX_RENDER_DEPTH = 16;
const BLOCK_TAGS: Record<string, string> = { paragraph: 'p', quote: 'blockquote' };
const HEADING_TAGS = new Set(['h2', 'h3', 'h4']);

type Loose = Record<string, unknown>;
const isRecord = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

function renderChildren(node: Loose, depth: number): ReactNode[] {
  if (!Array.isArray(node.children) || depth > MAX_RENDER_DEPTH) return [];
  return node.children.map((child, i) => renderNode(child, i, depth + 1));
}

function renderNode(node: unknown, key: number, depth: number): ReactNode {
  if (!isRecord(node)) return null;
  switch (node.type) {
    case 'paragraph':
    case 'quote':
      return createElement(BLOCK_TAGS[node.type], { key }, renderChildren(node, depth));
    case 'heading':
      return HEADING_TAGS.has(node.tag as string) ? createElement(node.tag as string, { key }, renderChildren(node, depth)) : null;
    case 'list':
      return createElement(node.listType === 'number' ? 'ol' : 'ul', listProps(node, key), renderChildren(node, depth));
    case 'listitem':
      return <li key={key}>{renderChildren(node, depth)}</li>;
    case 'text':
      return typeof node.text === 'string' ? formatted(node.text, typeof node.format === 'number' ? node.format : 0, key) : null;
    case 'linebreak':
      return <br key={key} />;
    case 'link': {
      const href = safeUrl(node.url);
      const children = renderChildren(node, depth);
      return href ? (
        <a key={key} href={href} rel="nofollow ugc noopener">
          {children}
        </a>
      ) : (
        <span key={key}>{children}</span>
      );
    }
    case 'mention':
      if (typeof node.name !== 'string') return null;
      // A mention links to the person's profile (`userId` is left out for closed accounts).
      return typeof node.userId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(node.userId) ? (
        <a key={key} className="mention" href={`/people/${node.userId}`}>
          @{node.name}
        </a>
      ) : (
        <span key={key} className="mention">
          @{node.name}
        </span>
      );
    case 'image':
      return imageElement(node, key);
    default:
      return null;
  }
}

const dimension = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 10_000 ? v : undefined);

/** A post's picture, only ever from our own address (its id checked), with its description, lazily loaded. */
function imageElement(node: Loose, key: number): ReactNode {
  if (typeof node.pictureId !== 'string' || !PICTURE_ID.test(node.pictureId) || typeof node.alt !== 'string' || !node.alt.trim())
    return null;
  return (
    <img
      key={key}
      className="rt-image"
      src={pictureUrl(node.pictureId)}
      alt={node.alt}
      loading="lazy"
      decoding="async"
      width={dimension(node.width)}
      height={dimension(node.height)}
    />
  );
}

function listProps(node: Loose, key: number) {
  const start = node.start;
  return node.listType === 'number' && typeof start === 'number' && Number.isInteger(start) && start !== 1 ? { key, start } : { key };
}

function formatted(text: string, format: number, key: number): ReactNode {
  let out: ReactNode = text;
  if (format & TEXT_FORMAT.code) out = <code>{out}</code>;
  if (format & TEXT_FORMAT.underline) out = <u>{out}</u>;
  if (format & TEXT_FORMAT.italic) out = <em>{out}</em>;
  if (format & TEXT_FORMAT.bold) out = <strong>{out}</strong>;
  return <Fragment key={key}>{out}</Fragment>;
}
