import type { FieldMetadata } from '@conform-to/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '~/components/ui/forms';
import { localized, supportedLanguages } from '~/lib/i18n';

/** Fields a person fills in about themselves, on the sign-up form and the profile page alike. */
type Field = FieldMetadata<any, any, string[]>;

/** The interface language: one option per supported language, each named in itself. */
export function LanguageField({ field, hint }: { field: Field; hint?: ReactNode }) {
  const { t } = useTranslation('account');
  return (
    <SelectField
      label={t('fields.language')}
      hint={hint}
      field={field}
      options={supportedLanguages.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
    />
  );
}

/** The home neighborhood (optional: `emptyLabel` names the choice of none), in alphabetical order. */
export function NeighborhoodField({
  field,
  hint,
  emptyLabel,
  neighborhoods,
}: {
  field: Field;
  hint?: ReactNode;
  emptyLabel: string;
  neighborhoods: { id: string; name: unknown }[];
}) {
  const { t, i18n } = useTranslation('account');
  const lng = i18n.language;
  const places = neighborhoods
    .map((n) => ({ value: n.id, label: localized(n.name, lng).text }))
    .sort((a, b) => a.label.localeCompare(b.label, lng));
  return <SelectField label={t('fields.neighborhood')} hint={hint} field={field} options={[{ value: '', label: emptyLabel }, ...places]} />;
}
