import { toPlainText, fromPlainText } from './plaintext';
import { LIMITS, parseRichText, type RichTextDoc } from './richtext';

export type BodyResult = { ok: true; doc: RichTextDoc; text: string } | { ok: false; error: string };

/**
 * The body of a post from a form: the editor's JSON (`body`) when JavaScript ran, else the plain
 * textarea (`bodyText`) turned into the same JSON. Either way it is validated and normalized.
 */
export function readBody(formData: FormData, field = 'body'): BodyResult {
  const json = formData.get(field);
  if (typeof json === 'string' && json.trim()) {
    const parsed = parseRichText(json);
    return parsed.ok ? { ok: true, doc: parsed.doc, text: toPlainText(parsed.doc) } : parsed;
  }
  const text = formData.get(`${field}Text`);
  if (typeof text !== 'string' || !text.trim()) return { ok: false, error: 'content:errors.empty' };
  if (text.length > LIMITS.chars) return { ok: false, error: 'content:errors.tooLong' };
  const parsed = parseRichText(fromPlainText(text));
  return parsed.ok ? { ok: true, doc: parsed.doc, text: toPlainText(parsed.doc) } : parsed;
}
