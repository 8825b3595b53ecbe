import { z } from 'zod';
import { supportedLanguages } from '~/lib/i18n';
import { BodyFields } from '~/modules/content/body';

/**
 * The editor's two fields of one language's body (`body-es`, `body-esText`; see BodyFields):
 * RichTextEditor posts `<name>` (JSON, with JavaScript) and `<name>Text` (the textarea, without).
 */
export const bodyField = (lang: string) => `body-${lang}`;

/** A site page's edit form: a body in every supported language, each required (checked by bodyOf). */
export const SitePageSchema = z.object(
  Object.fromEntries(
    supportedLanguages.flatMap((lang) => [
      [bodyField(lang), BodyFields.body],
      [`${bodyField(lang)}Text`, BodyFields.bodyText],
    ]),
  ),
);
export type SitePageInput = z.output<typeof SitePageSchema>;
