import { z } from 'zod';
import { msg } from '~/lib/forms';
import { cleanText } from '~/lib/text';

/**
 * The accepted subset of Lexical's serialized editor state (shared by the browser and the server).
 *
 * Input is checked in this order, cheapest first, so hostile input costs little:
 *   1. a string longer than LIMITS.bytes is refused before JSON.parse;
 *   2. an iterative walk (no recursion) bounds depth and node count before zod sees anything;
 *   3. the serialized size (UTF-8 bytes) is bounded;
 *   4. zod validates each node and builds a NEW object holding only known keys (so `style`,
 *      `onclick`, `__proto__`, `constructor`... never survive), with defaults for omitted ones;
 *   5. total text length and "has some text" are checked on the normalized document.
 * See docs/decisions/0007-rich-text.md.
 */

export const LIMITS = {
  /** Serialized size, in UTF-8 bytes. */
  bytes: 64 * 1024,
  /** Nesting below the root: a paragraph's text is at depth 2, list > item > list > item > text at 5. */
  depth: 8,
  /** Every node except the root. */
  nodes: 2000,
  /** Characters of text (text nodes and mention names) in the whole document. */
  text: 20_000,
  url: 2048,
  mentionName: 100,
  userId: 64,
  /** Different people mentioned in one document (each mention notifies someone). */
  mentions: 10,
  /** Pictures in one document (post-pictures.server.ts), and a picture's description. */
  pictures: 10,
  alt: 300,
} as const;

/** Lexical's text format bits that we keep; any other bit (strikethrough 4, subscript 32,
 * superscript 64, highlight 128, case transforms 256+) is silently cleared, never rejected:
 * formatting is presentational and a paste must not make a post impossible to submit. */
export const TEXT_FORMAT = { bold: 1, italic: 2, underline: 8, code: 16 } as const;
export const ALLOWED_TEXT_FORMAT = TEXT_FORMAT.bold | TEXT_FORMAT.italic | TEXT_FORMAT.underline | TEXT_FORMAT.code;

export const ERRORS = {
  empty: 'content:errors.empty',
  invalid: 'content:errors.invalid',
  unsupported: 'content:errors.unsupported',
  badLink: 'content:errors.badLink',
  tooDeep: 'content:errors.tooDeep',
  tooComplex: 'content:errors.tooComplex',
  tooLarge: 'content:errors.tooLarge',
  tooLong: msg('content:errors.tooLong', { max: LIMITS.text }),
  tooManyMentions: msg('content:errors.tooManyMentions', { max: LIMITS.mentions }),
  tooManyPictures: msg('content:errors.tooManyPictures', { max: LIMITS.pictures }),
  pictureAlt: 'content:errors.pictureAlt',
} as const;

// ---------------------------------------------------------------------------------------------
// Types of the normalized document (what parseRichText returns and what is stored).

export type Direction = 'ltr' | 'rtl' | null;
type ElementBase = { direction: Direction; format: ''; indent: number; version: 1 };

export type TextNode = { type: 'text'; text: string; format: number; detail: number; mode: 'normal'; style: ''; version: 1 };
export type LineBreakNode = { type: 'linebreak'; version: 1 };
export type MentionNode = { type: 'mention'; userId: string; name: string; version: 1 };
/**
 * A picture uploaded to a post (an Attachment, post-pictures.server.ts), shown from our own
 * address only (`/pictures/<pictureId>`); `alt` describes it and is required. The server sets
 * width and height from the stored file when the post is written.
 */
export type ImageNode = { type: 'image'; pictureId: string; alt: string; width: number; height: number; version: 1 };
export type LinkNode = ElementBase & {
  type: 'link';
  url: string;
  rel: null;
  target: null;
  title: null;
  children: (TextNode | LineBreakNode)[];
};
export type InlineNode = TextNode | LineBreakNode | LinkNode | MentionNode | ImageNode;
export type ParagraphNode = ElementBase & { type: 'paragraph'; textFormat: number; textStyle: ''; children: InlineNode[] };
export type HeadingNode = ElementBase & { type: 'heading'; tag: 'h2' | 'h3' | 'h4'; children: InlineNode[] };
export type QuoteNode = ElementBase & { type: 'quote'; children: InlineNode[] };
export type ListNode = ElementBase & {
  type: 'list';
  listType: 'bullet' | 'number';
  start: number;
  tag: 'ul' | 'ol';
  children: ListItemNode[];
};
export type ListItemNode = ElementBase & { type: 'listitem'; value: number; children: (InlineNode | ListNode)[] };
export type BlockNode = ParagraphNode | HeadingNode | QuoteNode | ListNode;
export type RootNode = ElementBase & { type: 'root'; children: BlockNode[] };
export type RichTextDoc = { root: RootNode };

export type ParseResult = { ok: true; doc: RichTextDoc } | { ok: false; error: string };

// ---------------------------------------------------------------------------------------------
// Links

const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/;
const ALLOWED_START = /^(?:https?:\/\/|mailto:)/i;

/**
 * The canonical form of a link target, or null when it is not an absolute http:, https: or
 * mailto: URL. Checked on the RAW string first, because the URL parser silently drops tabs,
 * newlines and leading control characters ("java\tscript:" would become "javascript:"), and
 * resolves nothing relative or protocol-relative since no base is given. URLs with credentials
 * ("https://bank.example@evil.example") are refused: they only serve to mislead.
 */
export function safeUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > LIMITS.url) return null;
  if (CONTROL_OR_SPACE.test(raw) || !ALLOWED_START.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    if (!url.hostname || url.username || url.password) return null;
  } else if (url.protocol === 'mailto:') {
    if (!url.pathname || url.pathname.startsWith('/')) return null;
  } else {
    return null;
  }
  return url.href.length <= LIMITS.url ? url.href : null;
}

// ---------------------------------------------------------------------------------------------
// Schema. Every string is bounded; omitted Lexical defaults are filled in; unknown keys dropped.

const version = z
  .number()
  .int()
  .min(0)
  .max(1000)
  .optional()
  .transform((): 1 => 1);
const direction = z
  .enum(['ltr', 'rtl'])
  .nullable()
  .optional()
  .transform((d): Direction => d ?? null);
/** Element alignment (Lexical renders it as an inline style): accepted, then dropped. */
const alignment = z
  .union([z.string().max(16), z.number().int()])
  .optional()
  .transform((): '' => '');
const indent = z
  .number()
  .int()
  .min(0)
  .max(64)
  .optional()
  .transform(() => 0);
const textFormat = z
  .number()
  .int()
  .min(0)
  .max(0xffff)
  .optional()
  .transform((f) => (f ?? 0) & ALLOWED_TEXT_FORMAT);
const style = z
  .string()
  .max(4096)
  .optional()
  .transform((): '' => '');
const dropped = z
  .string()
  .max(512)
  .nullable()
  .optional()
  .transform((): null => null);
const element = { direction, format: alignment, indent, version };
/** A text node's `detail` bits (Lexical: 1 directionless, 2 unmergeable). */
const detail = z.number().int().min(0).max(0xff).optional();

const text = z.object({
  type: z.literal('text'),
  text: z.string().max(LIMITS.bytes).transform(cleanText), // controls, NUL, noncharacters out; the total is checked against LIMITS.text
  format: textFormat,
  detail: detail.transform((d) => (d ?? 0) & 3),
  mode: z
    .enum(['normal', 'token', 'segmented'])
    .optional()
    .transform((): 'normal' => 'normal'),
  style,
  version,
});

/** Lexical's TabNode (made when text with tabs is pasted) is stored as a plain "\t" text node. */
const tab = z.object({
  type: z.literal('tab').transform((): 'text' => 'text'),
  text: z
    .string()
    .max(8)
    .optional()
    .transform(() => '\t'),
  format: textFormat,
  detail: detail.transform(() => 0),
  mode: z
    .string()
    .max(16)
    .optional()
    .transform((): 'normal' => 'normal'),
  style,
  version,
});

const linebreak = z.object({ type: z.literal('linebreak'), version });

const mention = z.object({
  type: z.literal('mention'),
  userId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: z
    .string()
    .max(LIMITS.mentionName * 2)
    .transform((s) => cleanText(s).trim())
    .pipe(
      z
        .string()
        .min(1)
        .max(LIMITS.mentionName)
        .regex(/^[^\p{Cc}\p{Cf}]+$/u),
    ),
  version,
});

/** An Attachment's id (cuid), as the picture route takes it. */
export const PICTURE_ID = /^[a-z0-9]{1,40}$/;
/** Where a post's picture is served (app/routes/pictures.$id.ts). */
export const pictureUrl = (pictureId: string) => `/pictures/${pictureId}`;
const side = z.number().int().min(1).max(10_000);
const image = z.object({
  type: z.literal('image'),
  pictureId: z.string().regex(PICTURE_ID),
  alt: z
    .string()
    .max(LIMITS.alt * 2)
    .transform((s) => cleanText(s).replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, ERRORS.pictureAlt).max(LIMITS.alt, ERRORS.pictureAlt)),
  width: side,
  height: side,
  version,
});

const linkUrl = z
  .string()
  .max(LIMITS.url)
  .transform((raw, ctx) => {
    const url = safeUrl(raw);
    if (url === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: ERRORS.badLink });
      return z.NEVER;
    }
    return url;
  });

const link = z.object({
  type: z.literal('link'),
  url: linkUrl,
  rel: dropped,
  target: dropped,
  title: dropped,
  children: z.array(z.discriminatedUnion('type', [text, tab, linebreak])).max(LIMITS.nodes),
  ...element,
});

const inline = z.discriminatedUnion('type', [text, tab, linebreak, link, mention, image]);
const inlineChildren = z.array(inline).max(LIMITS.nodes);

const paragraph = z.object({ type: z.literal('paragraph'), children: inlineChildren, textFormat, textStyle: style, ...element });
const heading = z.object({ type: z.literal('heading'), tag: z.enum(['h2', 'h3', 'h4']), children: inlineChildren, ...element });
const quote = z.object({ type: z.literal('quote'), children: inlineChildren, ...element });

const listSchema: z.ZodType<ListNode, z.ZodTypeDef, unknown> = z.lazy(() =>
  z
    .object({
      type: z.literal('list'),
      listType: z.enum(['bullet', 'number']),
      start: z
        .number()
        .int()
        .min(0)
        .max(1_000_000)
        .optional()
        .transform((s) => s ?? 1),
      tag: z.enum(['ul', 'ol']).optional(),
      children: z.array(listItemSchema).max(LIMITS.nodes),
      ...element,
    })
    .transform((l): ListNode => ({ ...l, tag: l.listType === 'number' ? 'ol' : 'ul' })),
);

const listItemSchema: z.ZodType<ListItemNode, z.ZodTypeDef, unknown> = z.lazy(() =>
  z
    .object({
      type: z.literal('listitem'),
      value: z
        .number()
        .int()
        .min(0)
        .max(1_000_000)
        .optional()
        .transform((v) => v ?? 1),
      checked: z.unknown().optional(),
      children: z.array(z.union([inline, listSchema])).max(LIMITS.nodes),
      ...element,
    })
    .transform(({ checked: _checked, ...item }): ListItemNode => item),
);

/** Lists go through z.lazy (they nest), so they cannot join the discriminated union; the block
 * union is dispatched by hand to keep precise errors for unknown types. */
const blockByType = { paragraph, heading, quote, list: listSchema } as const;
const block = z.unknown().transform((node, ctx): BlockNode => {
  const type = typeof node === 'object' && node !== null ? (node as { type?: unknown }).type : undefined;
  const schema = typeof type === 'string' && Object.hasOwn(blockByType, type) ? blockByType[type as keyof typeof blockByType] : undefined;
  if (!schema) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: ERRORS.unsupported });
    return z.NEVER;
  }
  const parsed = (schema as z.ZodType<BlockNode, z.ZodTypeDef, unknown>).safeParse(node);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [...ctx.path, ...issue.path] } as z.IssueData);
    return z.NEVER;
  }
  return parsed.data;
});

const RichTextSchema = z.object({
  root: z.object({ type: z.literal('root'), children: z.array(block).max(LIMITS.nodes), ...element }),
});

// ---------------------------------------------------------------------------------------------

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Bounds depth and node count without recursion (and without trusting anything but `children`). */
function checkShape(input: unknown): string | null {
  if (!isRecord(input) || !isRecord(input.root)) return ERRORS.invalid;
  const stack: [unknown, number][] = [[input.root, 0]];
  let count = -1; // the root does not count
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isRecord(node)) return ERRORS.invalid;
    if (depth > LIMITS.depth) return ERRORS.tooDeep;
    if (++count > LIMITS.nodes) return ERRORS.tooComplex;
    const children = node.children;
    if (children === undefined) continue;
    if (!Array.isArray(children)) return ERRORS.invalid;
    if (count + stack.length + children.length > LIMITS.nodes) return ERRORS.tooComplex;
    for (const child of children) stack.push([child, depth + 1]);
  }
  return null;
}

const encoder = new TextEncoder();
const byteLength = (s: string) => encoder.encode(s).length;

/** Fills in what follows from structure (list item indent and numbering) and measures text. */
function finish(doc: RichTextDoc): { chars: number; hasText: boolean; mentioned: number; pictures: number } {
  let chars = 0;
  let hasText = false;
  let pictures = 0;
  const mentioned = new Set<string>();
  const visitInline = (node: InlineNode | ListNode, listDepth: number) => {
    if (node.type === 'text') {
      chars += node.text.length;
      if (/\S/.test(node.text)) hasText = true;
    } else if (node.type === 'mention') {
      chars += node.name.length + 1;
      hasText = true;
      mentioned.add(node.userId);
    } else if (node.type === 'image') {
      chars += node.alt.length;
      hasText = true;
      pictures++;
    } else if (node.type === 'link') {
      for (const child of node.children) visitInline(child, listDepth);
    } else if (node.type === 'list') {
      visitList(node, listDepth);
    }
  };
  const visitList = (list: ListNode, listDepth: number) => {
    list.children.forEach((item, i) => {
      item.indent = listDepth;
      item.value = list.start + i;
      for (const child of item.children) visitInline(child, listDepth + 1);
    });
  };
  for (const node of doc.root.children) {
    if (node.type === 'list') visitList(node, 0);
    else for (const child of node.children) visitInline(child, 0);
  }
  return { chars, hasText, mentioned: mentioned.size, pictures };
}

/**
 * Validates and normalizes rich text from the editor (an object, or its JSON string).
 * Errors are i18n keys (namespace "content").
 */
export function parseRichText(input: unknown): ParseResult {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > LIMITS.bytes || byteLength(input) > LIMITS.bytes) return { ok: false, error: ERRORS.tooLarge };
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, error: ERRORS.invalid };
    }
  }
  const shapeError = checkShape(value);
  if (shapeError) return { ok: false, error: shapeError };
  if (typeof input !== 'string') {
    let json: string;
    try {
      json = JSON.stringify(value);
    } catch {
      return { ok: false, error: ERRORS.invalid };
    }
    if (json.length > LIMITS.bytes || byteLength(json) > LIMITS.bytes) return { ok: false, error: ERRORS.tooLarge };
  }

  const parsed = RichTextSchema.safeParse(value);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((i) => i.message);
    const codes = parsed.error.issues.map((i) => i.code);
    if (messages.includes(ERRORS.badLink)) return { ok: false, error: ERRORS.badLink };
    if (messages.includes(ERRORS.pictureAlt)) return { ok: false, error: ERRORS.pictureAlt };
    if (messages.includes(ERRORS.unsupported) || codes.includes(z.ZodIssueCode.invalid_union_discriminator)) {
      return { ok: false, error: ERRORS.unsupported };
    }
    return { ok: false, error: ERRORS.invalid };
  }
  const doc = parsed.data as RichTextDoc;
  const { chars, hasText, mentioned, pictures } = finish(doc);
  if (chars > LIMITS.text) return { ok: false, error: ERRORS.tooLong };
  if (mentioned > LIMITS.mentions) return { ok: false, error: ERRORS.tooManyMentions };
  if (pictures > LIMITS.pictures) return { ok: false, error: ERRORS.tooManyPictures };
  if (!hasText) return { ok: false, error: ERRORS.empty };
  if (byteLength(JSON.stringify(doc)) > LIMITS.bytes) return { ok: false, error: ERRORS.tooLarge };
  return { ok: true, doc };
}

// ---------------------------------------------------------------------------------------------
// Builders (used by fromPlainText and tests).

export function textNode(value: string, format = 0): TextNode {
  return { type: 'text', text: value, format: format & ALLOWED_TEXT_FORMAT, detail: 0, mode: 'normal', style: '', version: 1 };
}
export const mentionNode = (userId: string, name: string): MentionNode => ({ type: 'mention', userId, name, version: 1 });
export const imageNode = (pictureId: string, alt: string, width: number, height: number): ImageNode => ({
  type: 'image',
  pictureId,
  alt,
  width,
  height,
  version: 1,
});
export const lineBreakNode = (): LineBreakNode => ({ type: 'linebreak', version: 1 });
const elementDefaults = (): ElementBase => ({ direction: null, format: '', indent: 0, version: 1 });
export function linkNode(url: string, children: (TextNode | LineBreakNode)[]): LinkNode {
  return { type: 'link', url, rel: null, target: null, title: null, children, ...elementDefaults() };
}
export function paragraphNode(children: InlineNode[]): ParagraphNode {
  return { type: 'paragraph', children, textFormat: 0, textStyle: '', ...elementDefaults() };
}
export function quoteNode(children: InlineNode[]): QuoteNode {
  return { type: 'quote', children, ...elementDefaults() };
}
export function listNode(listType: 'bullet' | 'number', start: number, children: ListItemNode[]): ListNode {
  return { type: 'list', listType, start, tag: listType === 'number' ? 'ol' : 'ul', children, ...elementDefaults() };
}
export function listItemNode(value: number, children: InlineNode[]): ListItemNode {
  return { type: 'listitem', value, children, ...elementDefaults() };
}
export function docOf(children: BlockNode[]): RichTextDoc {
  return { root: { type: 'root', children, ...elementDefaults() } };
}

/** The editor's JSON sent back with a failed form, if it is still a valid document. */
export function keptDoc(json: string | undefined | null): RichTextDoc | null {
  if (!json) return null;
  const parsed = parseRichText(json);
  return parsed.ok ? parsed.doc : null;
}

/** What the renderer reads of each node besides type, children and a text's format; the rest is the editor's bookkeeping. */
const DISPLAY_KEYS = ['text', 'tag', 'listType', 'start', 'url', 'name', 'userId', 'pictureId', 'alt', 'width', 'height'] as const;
export type DisplayNode = { type: string; children?: DisplayNode[]; format?: number } & Partial<
  Record<(typeof DISPLAY_KEYS)[number], unknown>
>;
export type DisplayDoc = { root: DisplayNode };

/**
 * A stored document reduced to what RichText renders (a third of the size), for pages that only
 * show posts: smaller loader data means less to serialize, send and hydrate. Editing always
 * loads the full document.
 */
export function displayDoc(doc: unknown): DisplayDoc | null {
  const root = (doc as { root?: unknown } | null)?.root;
  if (typeof root !== 'object' || root === null) return null;
  const compact = (node: Record<string, unknown>, depth: number): DisplayNode => {
    const out: DisplayNode = { type: String(node.type) };
    for (const key of DISPLAY_KEYS) if (node[key] !== undefined && node[key] !== null) out[key] = node[key];
    if (node.type === 'text' && typeof node.format === 'number' && node.format !== 0) out.format = node.format;
    if (Array.isArray(node.children) && depth <= LIMITS.depth) {
      out.children = node.children
        .filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null)
        .map((c) => compact(c, depth + 1));
    }
    return out;
  };
  return { root: compact(root as Record<string, unknown>, 0) };
}

/** The pictures a document shows (their nodes, in order), for the server to check and attach. */
export function imageNodes(doc: RichTextDoc): ImageNode[] {
  const out: ImageNode[] = [];
  const walk = (nodes: readonly unknown[]) => {
    for (const node of nodes) {
      const n = node as { type?: string; children?: unknown[] };
      if (n.type === 'image') out.push(node as ImageNode);
      if (Array.isArray(n.children)) walk(n.children);
    }
  };
  walk(doc.root.children);
  return out;
}

/** The people a document mentions (their user ids, each once). */
export function mentionedUserIds(doc: RichTextDoc): string[] {
  const ids = new Set<string>();
  const walk = (nodes: readonly unknown[]) => {
    for (const node of nodes) {
      const n = node as { type?: string; userId?: string; children?: unknown[] };
      if (n.type === 'mention' && n.userId) ids.add(n.userId);
      if (Array.isArray(n.children)) walk(n.children);
    }
  };
  walk(doc.root.children);
  return [...ids];
}
