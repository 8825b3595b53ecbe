import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { FormErrors, LocalizedTextField, PostForm, SubmitButton, TextArea, TextField } from '~/components/forms';
import { useSchemaForm } from '~/lib/use-schema-form';
import { DepartmentActionSchema, DepartmentSchema, NeighborhoodActionSchema, NeighborhoodSchema } from '../schemas';

type FormProps = { lastResult?: unknown; defaultValue?: Record<string, unknown>; submit: ReactNode; editing?: boolean };

/**
 * The neighborhood form (create and edit): slug, name and description in every language, streets.
 * An edit page posts it with `intent=save` (NeighborhoodActionSchema).
 */
export function NeighborhoodForm({ lastResult, defaultValue, submit, editing }: FormProps) {
  const { t } = useTranslation('admin');
  const [form, fields] = useSchemaForm(editing ? NeighborhoodActionSchema : NeighborhoodSchema, {
    lastResult,
    defaultValue: editing ? { ...defaultValue, intent: 'save' } : defaultValue,
  });
  const f = fields as unknown as Record<'slug' | 'name' | 'description' | 'streets', (typeof fields)[keyof typeof fields]>;
  return (
    <PostForm form={form}>
      <FormErrors form={form} />
      {editing ? <input type="hidden" name="intent" value="save" /> : null}
      <TextField label={t('fields.slug')} hint={t('fields.slugHint')} field={f.slug} maxLength={60} autoComplete="off" />
      <LocalizedTextField label={t('fields.name')} field={f.name} required="all" />
      <LocalizedTextField label={t('fields.description')} field={f.description} multiline />
      <TextArea label={t('fields.streets')} hint={t('fields.streetsHint')} field={f.streets} maxLength={2000} />
      <SubmitButton>{submit}</SubmitButton>
    </PostForm>
  );
}

/** The department form (create and edit): slug, name in every language, contact address. */
export function DepartmentForm({ lastResult, defaultValue, submit, editing }: FormProps) {
  const { t } = useTranslation('admin');
  const [form, fields] = useSchemaForm(editing ? DepartmentActionSchema : DepartmentSchema, {
    lastResult,
    defaultValue: editing ? { ...defaultValue, intent: 'save' } : defaultValue,
  });
  const f = fields as unknown as Record<'slug' | 'name' | 'email', (typeof fields)[keyof typeof fields]>;
  return (
    <PostForm form={form}>
      <FormErrors form={form} />
      {editing ? <input type="hidden" name="intent" value="save" /> : null}
      <TextField label={t('fields.slug')} hint={t('fields.slugHint')} field={f.slug} maxLength={60} autoComplete="off" />
      <LocalizedTextField label={t('fields.name')} field={f.name} required="all" />
      <TextField label={t('fields.contactEmail')} hint={t('fields.contactEmailHint')} field={f.email} type="email" autoComplete="off" />
      <SubmitButton>{submit}</SubmitButton>
    </PostForm>
  );
}
