import type { FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { FileField, TextField } from '~/components/ui/forms';
import { LIMITS } from '../richtext';
import { PHOTO_TYPES } from '~/lib/pictures';
import { useHydrated } from '~/lib/use-hydrated';

type Field = FieldMetadata<any, any, string[]>;

/**
 * "Add a picture" on a post form without JavaScript: a file (JPEG, PNG or WebP) and its
 * description, which the server adds at the end of the post (withFormPicture). Once the page is
 * interactive the editor's own picture button (image-plugin.tsx) replaces it.
 */
export function PictureField({ file, alt }: { file: Field; alt: Field }) {
  const { t } = useTranslation('content');
  const enhanced = useHydrated();
  if (enhanced) return null;
  return (
    <fieldset>
      <legend>{t('picture.add')}</legend>
      <FileField label={t('picture.file')} hint={t('picture.fileHint')} field={file} accept={PHOTO_TYPES.join(',')} />
      <TextField label={t('picture.alt')} hint={t('picture.altHint')} field={alt} maxLength={LIMITS.alt} />
    </fieldset>
  );
}
