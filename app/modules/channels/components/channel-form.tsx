import { useTranslation } from 'react-i18next';
import { CheckboxField, FormErrors, LocalizedTextField, PostForm, SelectField, SubmitButton, TextField } from '~/components/ui/forms';
import { useSchemaForm } from '~/lib/use-schema-form';
import { ChannelSettingsSchema } from '../schemas';

/** Create or edit a channel: name and description in every language, who can read, review of first posts. */
export function ChannelForm({
  lastResult,
  defaultValue,
  editing,
  kind,
}: {
  lastResult?: unknown;
  defaultValue?: Record<string, unknown>;
  editing: boolean;
  kind?: string;
}) {
  const { t } = useTranslation('channels');
  const [form, fields] = useSchemaForm(ChannelSettingsSchema, { lastResult, defaultValue });
  return (
    <PostForm form={form}>
      <FormErrors form={form} />
      {editing ? (
        <input type="hidden" name={fields.slug.name} value={String(fields.slug.initialValue ?? '')} />
      ) : (
        <TextField label={t('settings.slug')} hint={t('settings.slugHint')} field={fields.slug} />
      )}
      <LocalizedTextField label={t('settings.name')} field={fields.name} required="all" />
      <LocalizedTextField label={t('settings.description')} field={fields.description} multiline />
      {kind === 'neighborhood' ? (
        <input type="hidden" name={fields.visibility.name} value="public" />
      ) : (
        <SelectField
          label={t('settings.visibility')}
          field={fields.visibility}
          options={[
            { value: 'public', label: t('settings.public') },
            { value: 'members', label: t('settings.members') },
          ]}
        />
      )}
      <CheckboxField label={t('settings.holdFirstPosts')} field={fields.holdFirstPosts} />
      <SubmitButton>{editing ? t('settings.save') : t('settings.create')}</SubmitButton>
    </PostForm>
  );
}
