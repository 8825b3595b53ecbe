import type { FieldMetadata, SubmissionResult } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SelectField, SubmitButton, TextField } from '~/components/ui/forms';
import { localized, type LocalizedText } from '~/lib/i18n';
import { useSchemaForm } from '~/lib/use-schema-form';
import { RichTextEditor } from '~/modules/content/components/rich-text-editor';
import { PhotoField } from '~/modules/requests/intake/components/photo-field';
import { MAX_PHOTOS } from '~/modules/requests/intake/intake-schemas';
import type { RichTextDoc } from '~/modules/content/richtext';
import { ProposalSchema } from '../schemas';

type Choice = { id: string; name: LocalizedText };
type Photo = { id: string; width: number | null; height: number | null };

/**
 * A proposal's form, for a new one and for its author's edit: title, description (rich text; plain
 * text without JavaScript), estimated cost, where and what it is about, and photos (a multipart
 * post; on the edit form, the photos already there with a box to remove each).
 */
export function ProposalForm({
  lastResult,
  neighborhoods,
  categories,
  currency,
  channelId,
  defaultValue,
  initialDoc,
  photos,
  submit,
}: {
  lastResult: SubmissionResult<string[]> | unknown;
  neighborhoods: Choice[];
  categories: Choice[];
  currency: string;
  channelId?: string;
  defaultValue?: Record<string, string>;
  initialDoc?: RichTextDoc;
  /** The edit form's photos already there, and where each is served. */
  photos?: { current: Photo[]; href: (id: string) => string };
  submit: string;
}) {
  const { t, i18n } = useTranslation('budgets');
  const lng = i18n.language;
  const [form, fields] = useSchemaForm(ProposalSchema, { lastResult, id: 'proposal', defaultValue });
  const options = (list: Choice[], none: string) => [
    { value: '', label: none },
    ...list.map((c) => ({ value: c.id, label: localized(c.name, lng).text })),
  ];
  const current = photos?.current ?? [];
  // `photos` (the files) is read apart from the schema; its errors come back under that name.
  const photoField = (fields as unknown as Record<'photos', FieldMetadata<any, any, string[]>>).photos;
  return (
    <PostForm form={form} encType="multipart/form-data">
      <FormErrors form={form} />
      <TextField label={t('proposal.title')} field={fields.title} maxLength={150} />
      <RichTextEditor
        label={t('proposal.description')}
        hint={t('proposal.descriptionHint')}
        field={fields.body}
        textField={fields.bodyText}
        initialDoc={initialDoc}
        mentionChannelId={channelId}
      />
      <TextField label={t('proposal.cost')} field={fields.cost} hint={t('proposal.costHint', { currency })} inputMode="decimal" />
      <SelectField
        label={t('proposal.neighborhood')}
        field={fields.neighborhoodId}
        options={options(neighborhoods, t('proposal.anyNeighborhood'))}
      />
      {categories.length ? (
        <SelectField label={t('proposal.category')} field={fields.categoryId} options={options(categories, t('proposal.noCategory'))} />
      ) : null}
      <TextField label={t('proposal.address')} field={fields.address} hint={t('proposal.addressHint')} autoComplete="off" />
      {current.length && photos ? (
        <CurrentPhotos photos={current} href={photos.href} removing={fields.removePhotos.initialValue} title={fields.title.initialValue} />
      ) : null}
      <PhotoField field={photoField} />
      <SubmitButton>{submit}</SubmitButton>
    </PostForm>
  );
}

/** The photos a proposal has, each with a box to remove it on save (kept checked when the form comes back). */
function CurrentPhotos({
  photos,
  href,
  removing,
  title,
}: {
  photos: Photo[];
  href: (id: string) => string;
  removing: unknown;
  title: unknown;
}) {
  const { t } = useTranslation('budgets');
  const checked = new Set(Array.isArray(removing) ? removing : typeof removing === 'string' ? [removing] : []);
  return (
    <fieldset className="stack">
      <legend>{t('proposal.currentPhotos')}</legend>
      <p className="hint">{t('proposal.currentPhotosHint', { max: MAX_PHOTOS })}</p>
      <ul className="photo-list">
        {photos.map((p, i) => (
          <li key={p.id} className="stack">
            <img
              src={href(p.id)}
              alt={t('proposal.photoAlt', { number: i + 1, title: typeof title === 'string' ? title : '' })}
              width={p.width ?? undefined}
              height={p.height ?? undefined}
              loading="lazy"
            />
            <div className="field field-checkbox">
              <input type="checkbox" id={`remove-${p.id}`} name="removePhotos" value={p.id} defaultChecked={checked.has(p.id)} />
              <label htmlFor={`remove-${p.id}`}>{t('proposal.removePhoto', { number: i + 1 })}</label>
            </div>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
