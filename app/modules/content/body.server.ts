import { fail, ok, type Result } from '~/lib/result';
import type { BodyInput } from './body';
import { fromFormattedText, type Mentionable } from './formatted-text';
import { toPlainText } from './plaintext';
import { ERRORS, LIMITS, parseRichText, type RichTextDoc } from './richtext';

export type Body = { doc: RichTextDoc; text: string };
export type BodyResult = ({ ok: true } & Body) | { ok: false; error: string };

/**
 * A rich-text body as posted. With JavaScript the editor posts its JSON; without it, the
 * textarea posts plain text with a few markdown-like marks (formatted-text.ts), which becomes the same JSON. Either way it is validated and
 * normalized by parseRichText, and a plain-text copy (for search, mail and notifications) comes
 * with it.
 */
function parseBody(json: unknown, plain: unknown, people?: Mentionable): BodyResult {
  let result;
  if (typeof json === 'string' && json.trim() !== '') {
    result = parseRichText(json);
  } else {
    if (typeof plain !== 'string' || plain.trim() === '') return { ok: false, error: ERRORS.empty };
    if (plain.length > LIMITS.bytes) return { ok: false, error: ERRORS.tooLong };
    result = parseRichText(fromFormattedText(plain, people));
  }
  if (!result.ok) return result;
  return { ok: true, doc: result.doc, text: toPlainText(result.doc) };
}

/**
 * The body of a validated form (BodyFields, body.ts); a failure is an error on its `body` field.
 * `people`: whom an "@name" in plain text may mention (plainTextMentions, channels module).
 */
export function bodyOf(input: BodyInput, people?: Mentionable): Result<Body> {
  const body = parseBody(input.body, input.bodyText, people);
  return body.ok ? ok({ doc: body.doc, text: body.text }) : fail.invalid({ body: body.error });
}

/** The body of raw form data: the editor's JSON in `field`, the plain text in `${field}Text`. */
export function readBody(formData: FormData, field = 'body'): BodyResult {
  return parseBody(formData.get(field), formData.get(`${field}Text`));
}
