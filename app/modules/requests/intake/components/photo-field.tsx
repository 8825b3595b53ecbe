import type { FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '~/components/ui/forms';
import { MAX_PHOTO_BYTES, PHOTO_TYPES } from '~/lib/pictures';
import { MAX_PHOTOS } from '../intake-schemas';

/**
 * The photos of a form posted as multipart (a request's, a budget proposal's): a file input, never
 * kept after a post (the browser must pick them again); its errors come back on `photos`.
 */
export function PhotoField({ field }: { field: FieldMetadata<any, any, string[]> }) {
  const { t } = useTranslation('requests');
  const errors = field.errors;
  const size = MAX_PHOTO_BYTES / 1024 / 1024;
  return (
    <div className="field">
      <label htmlFor="photos">{`${t('form.photos')} ${t('form.optional')}`}</label>
      <p className="hint" id="photos-hint">
        {t('form.photosHint', { max: MAX_PHOTOS, size })}
      </p>
      <input
        id="photos"
        name={field.name}
        type="file"
        multiple
        accept={PHOTO_TYPES.join(',')}
        aria-describedby={errors?.length ? 'photos-hint photos-error' : 'photos-hint'}
        aria-invalid={errors?.length ? true : undefined}
      />
      <ErrorText messages={errors} id="photos-error" />
    </div>
  );
}
