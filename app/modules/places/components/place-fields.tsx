import type { FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { FormErrors, LocalizedTextField, PostForm, SubmitButton, TextArea, TextField } from '~/components/ui/forms';
import { useSchemaForm } from '~/lib/use-schema-form';
import { DepartmentActionSchema, DepartmentSchema, NeighborhoodActionSchema, NeighborhoodSchema } from '../schemas';

type FormProps = { lastResult?: unknown; defaultValue?: Record<string, unknown>; submit: ReactNode; editing?: boolean };
// Conform's field metadata, loosely typed: the place forms pass it on to the field components.
type Field = FieldMetadata<any, any, string[]>;

/**
 * The form of a place (create and edit): its slug and name in every language, then the fields of
 * its kind. An edit page posts it with `intent=save` (the kind's action schema).
 */
function PlaceForm({
  schema,
  lastResult,
  defaultValue,
  submit,
  editing,
  more,
}: FormProps & { schema: z.ZodTypeAny; more: (fields: Record<string, Field>) => ReactNode }) {
  const { t } = useTranslation('admin');
  const [form, fields] = useSchemaForm(schema, {
    lastResult,
    defaultValue: editing ? { ...defaultValue, intent: 'save' } : defaultValue,
  });
  const f = fields as unknown as Record<string, Field>;
  return (
    <PostForm form={form}>
      <FormErrors form={form} />
      {editing ? <input type="hidden" name="intent" value="save" /> : null}
      <TextField label={t('fields.slug')} hint={t('fields.slugHint')} field={f.slug} maxLength={60} autoComplete="off" />
      <LocalizedTextField label={t('fields.name')} field={f.name} required="all" />
      {more(f)}
      <SubmitButton>{submit}</SubmitButton>
    </PostForm>
  );
}

/** The neighborhood form: slug, name and description in every language, streets. */
export function NeighborhoodForm(props: FormProps) {
  const { t } = useTranslation('admin');
  return (
    <PlaceForm
      {...props}
      schema={props.editing ? NeighborhoodActionSchema : NeighborhoodSchema}
      more={(f) => (
        <>
          <LocalizedTextField label={t('fields.description')} field={f.description} multiline />
          <TextArea label={t('fields.streets')} hint={t('fields.streetsHint')} field={f.streets} maxLength={2000} />
        </>
      )}
    />
  );
}

/** The department form: slug, name in every language, contact address. */
export function DepartmentForm(props: FormProps) {
  const { t } = useTranslation('admin');
  return (
    <PlaceForm
      {...props}
      schema={props.editing ? DepartmentActionSchema : DepartmentSchema}
      more={(f) => (
        <TextField label={t('fields.contactEmail')} hint={t('fields.contactEmailHint')} field={f.email} type="email" autoComplete="off" />
      )}
    />
  );
}
