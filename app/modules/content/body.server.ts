import { toPlainText, fromPlainText } from './plaintext';
import { ERRORS, LIMITS, parseRichText, type RichTextDoc } from './richtext';

export type BodyResult = { ok: true; doc: RichTextDoc; text: string } | { ok: false; error: string };

/**
 * The rich-text body of a form post. With JavaScript the editor posts its JSON in `field`
 * ("body"); without it, the textarea posts plain text in `${field}Text` ("bodyText"), which
 * becomes the same JSON. Either way it is validated and normalized by parseRichText, and a
 * plain-text copy (for search, mail and notifications) comes with it.
 */
export function readBody(formData: FormData, field = 'body'): BodyResult {
  const json = formData.get(field);
  let result;
  if (typeof json === 'string' && json.trim() !== '') {
    result = parseRichText(json);
  } else {
    const plain = formData.get(`${field}Text`);
    if (typeof plain !== 'string' || plain.trim() === '') return { ok: false, error: ERRORS.empty };
    if (plain.length > LIMITS.bytes) return { ok: false, error: ERRORS.tooLong };
    result = parseRichText(fromPlainText(plain));
  }
  if (!result.ok) return result;
  return { ok: true, doc: result.doc, text: toPlainText(result.doc) };
}
