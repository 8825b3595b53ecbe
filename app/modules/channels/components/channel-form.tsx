import { useTranslation } from 'react-i18next';
import { CheckboxField, FormErrors, PostForm, SelectField, SubmitButton, TextArea, TextField } from '~/components/forms';
import type { FieldErrors } from '~/lib/forms';

export type ChannelValues = Partial<Record<'slug' | 'nameEn' | 'nameEs' | 'descriptionEn' | 'descriptionEs' | 'visibility' | 'holdFirstPosts', string>>;

/** Create or edit a channel: names and descriptions in both languages, who can read, review of first posts. */
export function ChannelForm({ values, errors, editing, kind }: { values: ChannelValues; errors?: FieldErrors; editing: boolean; kind?: string }) {
  const { t } = useTranslation('channels');
  return (
    <PostForm noValidate>
      <FormErrors errors={errors} />
      {editing ? (
        <input type="hidden" name="slug" value={values.slug} />
      ) : (
        <TextField label={t('settings.slug')} hint={t('settings.slugHint')} name="slug" required defaultValue={values.slug} errors={errors} />
      )}
      <TextField label={t('settings.nameEn')} name="nameEn" lang="en" required defaultValue={values.nameEn} errors={errors} />
      <TextField label={t('settings.nameEs')} name="nameEs" lang="es" required defaultValue={values.nameEs} errors={errors} />
      <TextArea label={t('settings.descriptionEn')} name="descriptionEn" lang="en" defaultValue={values.descriptionEn} errors={errors} />
      <TextArea label={t('settings.descriptionEs')} name="descriptionEs" lang="es" defaultValue={values.descriptionEs} errors={errors} />
      {kind === 'neighborhood' ? (
        <input type="hidden" name="visibility" value="public" />
      ) : (
        <SelectField
          label={t('settings.visibility')}
          name="visibility"
          defaultValue={values.visibility ?? 'public'}
          errors={errors}
          options={[{ value: 'public', label: t('settings.public') }, { value: 'members', label: t('settings.members') }]}
        />
      )}
      <CheckboxField label={t('settings.holdFirstPosts')} name="holdFirstPosts" defaultChecked={values.holdFirstPosts === 'true' || values.holdFirstPosts === 'on'} errors={errors} />
      <SubmitButton>{editing ? t('settings.save') : t('settings.create')}</SubmitButton>
    </PostForm>
  );
}
