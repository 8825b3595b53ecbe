import { z } from 'zod';

/**
 * The subset of Lexical's serialized editor state that Townsquare accepts (architecture.md,
 * "Content"): paragraphs, h2–h4 headings, bullet and numbered lists, quotes, text with bold,
 * italic, underline and code, line breaks, links (http, https, mailto) and mentions. Anything
 * else is refused; known nodes are rebuilt from their known fields only, so no unexpected
 * property (style, on*, __html…) is ever stored. Shared by the browser and the server.
 */
export const LIMITS = { bytes: 64 * 1024, depth: 8, nodes: 2000, chars: 20000 } as const;

/** Text formats kept: bold 1, italic 2, underline 8, code 16 (Lexical's bit flags). */
export const FORMAT = { bold: 1, italic: 2, underline: 8, code: 16 } as const;
const ALLOWED_FORMAT = FORMAT.bold | FORMAT.italic | FORMAT.underline | FORMAT.code;

export type TextNode = { type: 'text'; text: string; format: number };
export type LineBreakNode = { type: 'linebreak' };
export type MentionNode = { type: 'mention'; userId: string; name: string };
export type LinkNode = { type: 'link'; url: string; children: InlineNode[] };
export type InlineNode = TextNode | LineBreakNode | MentionNode | LinkNode;
export type ParagraphNode = { type: 'paragraph'; children: InlineNode[] };
export type HeadingNode = { type: 'heading'; tag: 'h2' | 'h3' | 'h4'; children: InlineNode[] };
export type QuoteNode = { type: 'quote'; children: InlineNode[] };
export type ListItemNode = { type: 'listitem'; children: (InlineNode | ListNode)[] };
export type ListNode = { type: 'list'; listType: 'bullet' | 'number'; children: ListItemNode[] };
export type BlockNode = ParagraphNode | HeadingNode | QuoteNode | ListNode;
export type RichTextDoc = { root: { type: 'root'; children: BlockNode[] } };

/** http(s) and mailto only; control characters and whitespace tricks ("java\tscript:") refused. */
export function safeUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 2000 || /[\u0000-\u0020\u007f-\u009f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && !url.hostname) return null;
  return url.href;
}

const str = (max: number) => z.string().max(max);

type Ctx = { nodes: number; chars: number };
class Invalid extends Error {
  constructor(public key: string) {
    super(key);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function childrenOf(node: Record<string, unknown>): unknown[] {
  const children = node.children;
  if (children === undefined) return [];
  if (!Array.isArray(children)) throw new Invalid('content:errors.invalid');
  return children;
}

function count(ctx: Ctx, depth: number) {
  if (++ctx.nodes > LIMITS.nodes) throw new Invalid('content:errors.tooLong');
  if (depth > LIMITS.depth) throw new Invalid('content:errors.tooDeep');
}

function inline(node: unknown, ctx: Ctx, depth: number, inLink = false): InlineNode[] {
  if (!isObject(node)) throw new Invalid('content:errors.invalid');
  count(ctx, depth);
  switch (node.type) {
    case 'text': {
      const text = str(LIMITS.chars).safeParse(node.text);
      if (!text.success) throw new Invalid('content:errors.tooLong');
      ctx.chars += text.data.length;
      if (ctx.chars > LIMITS.chars) throw new Invalid('content:errors.tooLong');
      const format = typeof node.format === 'number' && Number.isInteger(node.format) ? node.format & ALLOWED_FORMAT : 0;
      return text.data ? [{ type: 'text', text: text.data, format }] : [];
    }
    case 'linebreak':
      return [{ type: 'linebreak' }];
    case 'mention': {
      const userId = str(40).min(1).safeParse(node.userId);
      const name = str(60).min(1).safeParse(node.name);
      if (!userId.success || !name.success) throw new Invalid('content:errors.invalid');
      ctx.chars += name.data.length;
      return [{ type: 'mention', userId: userId.data, name: name.data }];
    }
    case 'link':
    case 'autolink': {
      if (inLink) throw new Invalid('content:errors.invalid');
      const url = safeUrl(node.url);
      if (!url) throw new Invalid('content:errors.badLink');
      const children = childrenOf(node).flatMap((c) => inline(c, ctx, depth + 1, true));
      return [{ type: 'link', url, children }];
    }
    default:
      throw new Invalid('content:errors.invalid');
  }
}

function listItem(node: unknown, ctx: Ctx, depth: number): ListItemNode {
  if (!isObject(node) || node.type !== 'listitem') throw new Invalid('content:errors.invalid');
  count(ctx, depth);
  const children = childrenOf(node).flatMap((c): (InlineNode | ListNode)[] => (isObject(c) && c.type === 'list' ? [list(c, ctx, depth + 1)] : inline(c, ctx, depth + 1)));
  return { type: 'listitem', children };
}

function list(node: Record<string, unknown>, ctx: Ctx, depth: number): ListNode {
  count(ctx, depth);
  const listType = node.listType === 'number' ? 'number' : node.listType === 'bullet' ? 'bullet' : null;
  if (!listType) throw new Invalid('content:errors.invalid');
  return { type: 'list', listType, children: childrenOf(node).map((c) => listItem(c, ctx, depth + 1)) };
}

function block(node: unknown, ctx: Ctx, depth: number): BlockNode {
  if (!isObject(node)) throw new Invalid('content:errors.invalid');
  const children = () => childrenOf(node).flatMap((c) => inline(c, ctx, depth + 1));
  switch (node.type) {
    case 'paragraph':
      count(ctx, depth);
      return { type: 'paragraph', children: children() };
    case 'quote':
      count(ctx, depth);
      return { type: 'quote', children: children() };
    case 'heading': {
      count(ctx, depth);
      // The page has its own h1; posts use h2–h4 (an h1 in a post becomes an h2).
      const tag = node.tag === 'h3' || node.tag === 'h4' ? node.tag : node.tag === 'h1' || node.tag === 'h2' ? 'h2' : null;
      if (!tag) throw new Invalid('content:errors.invalid');
      return { type: 'heading', tag, children: children() };
    }
    case 'list':
      return list(node, ctx, depth);
    default:
      throw new Invalid('content:errors.invalid');
  }
}

export type ParseResult = { ok: true; doc: RichTextDoc } | { ok: false; error: string };

/** Validates and normalizes a document (object or JSON string); errors are i18n keys. */
export function parseRichText(input: unknown): ParseResult {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > LIMITS.bytes) return { ok: false, error: 'content:errors.tooLong' };
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, error: 'content:errors.invalid' };
    }
  } else if (JSON.stringify(input ?? null).length > LIMITS.bytes) {
    return { ok: false, error: 'content:errors.tooLong' };
  }
  if (!isObject(value) || !isObject(value.root) || value.root.type !== 'root') return { ok: false, error: 'content:errors.invalid' };
  try {
    const ctx: Ctx = { nodes: 0, chars: 0 };
    const children = childrenOf(value.root).map((c) => block(c, ctx, 1));
    const doc: RichTextDoc = { root: { type: 'root', children } };
    if (!hasText(doc)) return { ok: false, error: 'content:errors.empty' };
    return { ok: true, doc };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: error.key };
    if (error instanceof RangeError) return { ok: false, error: 'content:errors.tooDeep' };
    throw error;
  }
}

function hasText(doc: RichTextDoc): boolean {
  const walk = (nodes: unknown[]): boolean =>
    nodes.some((n) => {
      const node = n as { type: string; text?: string; children?: unknown[] };
      if (node.type === 'text') return !!node.text?.trim();
      if (node.type === 'mention') return true;
      return node.children ? walk(node.children) : false;
    });
  return walk(doc.root.children);
}

/** Lexical's editor needs its full serialized shape back (for editing and quoting). */
export function toLexicalState(doc: RichTextDoc): object {
  const base = { direction: 'ltr', format: '', indent: 0, version: 1 };
  const convert = (node: unknown): object => {
    const n = node as Record<string, unknown> & { type: string; children?: unknown[] };
    switch (n.type) {
      case 'text':
        return { type: 'text', text: n.text, format: n.format, detail: 0, mode: 'normal', style: '', version: 1 };
      case 'linebreak':
        return { type: 'linebreak', version: 1 };
      case 'mention':
        return { type: 'mention', userId: n.userId, name: n.name, version: 1 };
      case 'link':
        return { ...base, type: 'link', url: n.url, rel: 'nofollow ugc noopener', target: null, title: null, children: n.children!.map(convert) };
      case 'list':
        return { ...base, type: 'list', listType: n.listType, start: 1, tag: n.listType === 'number' ? 'ol' : 'ul', children: n.children!.map((c, i) => ({ ...(convert(c) as object), value: i + 1 })) };
      case 'listitem':
        return { ...base, type: 'listitem', value: 1, checked: undefined, children: n.children!.map(convert) };
      case 'heading':
        return { ...base, type: 'heading', tag: n.tag, children: n.children!.map(convert) };
      default:
        return { ...base, type: n.type, textFormat: 0, textStyle: '', children: (n.children ?? []).map(convert) };
    }
  };
  return { root: { ...base, type: 'root', children: doc.root.children.map(convert) } };
}
