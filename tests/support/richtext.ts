/**
 * Rich-text (Lexical JSON) documents for tests, node by node in the exact shape Lexical 0.52
 * exports (toJSON); `extra` adds or overrides properties (for hostile input).
 */

/** The properties every Lexical element node (root, paragraph, heading, list…) carries. */
export const element = { direction: null, format: '', indent: 0, version: 1 } as const;

/** A text node (`format` is Lexical's bit set: 1 bold, 2 italic, 8 underline, 16 code). */
export const textNode = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'text',
  text,
  format: 0,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
  ...extra,
});

/** A mention of an account, as the editor inserts it. */
export const mentionNode = (userId: string, name: string) => ({ type: 'mention', userId, name, version: 1 });

export const paragraph = (children: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'paragraph',
  children,
  ...element,
  textFormat: 0,
  textStyle: '',
  ...extra,
});

/** The document: a root node holding these blocks. */
export const richDoc = (children: unknown[], extra: Record<string, unknown> = {}) => ({
  root: { type: 'root', children, ...element, ...extra },
});

/** A post body as the editor posts it (the `body` field): one paragraph of these inline nodes, or of one text. */
export function richBody(...inline: (string | Record<string, unknown>)[]): string {
  return JSON.stringify(richDoc([paragraph(inline.map((node) => (typeof node === 'string' ? textNode(node) : node)))]));
}
