import { z } from 'zod';

/**
 * The two fields a rich-text body is posted in (RichTextEditor): `body`, the editor's JSON (with
 * JavaScript), and `bodyText`, the textarea's plain text (without). Spread into a form's schema;
 * the action turns them into the document with bodyOf() (body.server.ts), where the rich-text
 * rules (size, depth, allowed nodes) are checked.
 */
export const BodyFields = {
  body: z.string().optional(),
  bodyText: z.string().optional(),
};
export type BodyInput = { body?: string; bodyText?: string };

/**
 * A post form's picture without JavaScript (PictureField): the file (`picture`, read apart from
 * the fields) and its description, required with a file; the server adds it at the post's end.
 */
export const PictureFields = {
  picture: z.unknown().optional(),
  pictureAlt: z.string().max(600).optional(),
};
