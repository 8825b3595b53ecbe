import type { FieldMetadata, FormMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { formatNumber } from '~/lib/format';
import { FileField, FormErrors, IntentForm, PostForm, SubmitButton } from './forms';

/**
 * Uploading a single picture (a person's avatar, the city's logo), as plain multipart POST forms
 * with `intent` upload or remove: a section to choose and send the file (JPEG, PNG or WebP) and,
 * when there is one already, a section to remove it. Its words are the keys under `keys`
 * (`people:avatar`, `admin:logo`): upload, replace, file, fileHint, save, removeTitle, removeIntro, remove.
 */
export function PictureForm({
  id,
  form,
  field,
  schema,
  lastResult,
  hasPicture,
  keys,
  maxMegabytes,
}: {
  id: string;
  form: FormMetadata<any, string[]>;
  field: FieldMetadata<any, any, string[]>;
  schema: z.ZodTypeAny;
  lastResult: unknown;
  hasPicture: boolean;
  keys: string;
  maxMegabytes: number;
}) {
  const { t, i18n } = useTranslation();
  const text = (key: string) => t(`${keys}.${key}`, { size: formatNumber(maxMegabytes, i18n.language) });
  return (
    <>
      <section aria-labelledby={`${id}-upload-title`} className="stack">
        <h2 id={`${id}-upload-title`}>{text(hasPicture ? 'replace' : 'upload')}</h2>
        <FormErrors form={form} />
        <PostForm form={form} encType="multipart/form-data">
          <input type="hidden" name="intent" value="upload" />
          <FileField label={text('file')} hint={text('fileHint')} field={field} accept="image/jpeg,image/png,image/webp" required />
          <SubmitButton>{text('save')}</SubmitButton>
        </PostForm>
      </section>
      {hasPicture ? (
        <section aria-labelledby={`${id}-remove-title`} className="stack">
          <h2 id={`${id}-remove-title`}>{text('removeTitle')}</h2>
          <p>{text('removeIntro')}</p>
          <IntentForm schema={schema} intent="remove" label={text('remove')} lastResult={lastResult} secondary />
        </section>
      ) : null}
    </>
  );
}
