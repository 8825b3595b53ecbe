import { useTranslation } from 'react-i18next';
import { TextArea, TextField } from '~/components/forms';
import type { FieldErrors } from '~/lib/forms';

/** The neighborhood form's fields (create and edit): slug, then name and description per language. */
export function NeighborhoodFields({ values, errors }: { values: Record<string, string | undefined>; errors?: FieldErrors }) {
  const { t } = useTranslation('admin');
  return (
    <>
      <TextField label={t('fields.slug')} hint={t('fields.slugHint')} name="slug" required maxLength={60} autoComplete="off" defaultValue={values.slug} errors={errors} />
      <fieldset>
        <legend>{t('fields.inEnglish')}</legend>
        <TextField label={t('fields.nameEn')} name="nameEn" lang="en" required maxLength={100} defaultValue={values.nameEn} errors={errors} />
        <TextArea label={t('fields.descriptionEn')} name="descriptionEn" lang="en" maxLength={1000} defaultValue={values.descriptionEn} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>{t('fields.inSpanish')}</legend>
        <TextField label={t('fields.nameEs')} name="nameEs" lang="es" required maxLength={100} defaultValue={values.nameEs} errors={errors} />
        <TextArea label={t('fields.descriptionEs')} name="descriptionEs" lang="es" maxLength={1000} defaultValue={values.descriptionEs} errors={errors} />
      </fieldset>
      <TextArea label={t('fields.streets')} hint={t('fields.streetsHint')} name="streets" maxLength={2000} defaultValue={values.streets} errors={errors} />
    </>
  );
}

/** The department form's fields (create and edit). */
export function DepartmentFields({ values, errors }: { values: Record<string, string | undefined>; errors?: FieldErrors }) {
  const { t } = useTranslation('admin');
  return (
    <>
      <TextField label={t('fields.slug')} hint={t('fields.slugHint')} name="slug" required maxLength={60} autoComplete="off" defaultValue={values.slug} errors={errors} />
      <TextField label={t('fields.nameEn')} name="nameEn" lang="en" required maxLength={100} defaultValue={values.nameEn} errors={errors} />
      <TextField label={t('fields.nameEs')} name="nameEs" lang="es" required maxLength={100} defaultValue={values.nameEs} errors={errors} />
      <TextField label={t('fields.contactEmail')} hint={t('fields.contactEmailHint')} name="email" type="email" required autoComplete="off" defaultValue={values.email} errors={errors} />
    </>
  );
}
