import { useTranslation } from 'react-i18next';
import { SelectField, TextArea, TextField } from '~/components/forms';
import type { FieldErrors } from '~/lib/forms';
import { localized, type LocalizedText } from '~/lib/i18n';

/**
 * The fixed parts of the intake form (description, location, contact), shared by the resident's
 * form and staff recording a request on someone's behalf. `values` are the posted values kept
 * after an error.
 */
type Values = Record<string, string | string[]>;
const textOf = (values: Values, key: string, fallback = '') => {
  const v = values[key];
  return typeof v === 'string' ? v : fallback;
};

export function DescriptionField({ values, errors }: { values: Values; errors?: FieldErrors }) {
  const { t } = useTranslation('requests');
  return <TextArea label={t('form.description')} hint={t('form.descriptionHint')} name="description" rows={5} maxLength={4000} required defaultValue={textOf(values, 'description')} errors={errors} />;
}

export function LocationFields({
  locationRequired,
  neighborhoods,
  defaultNeighborhood,
  values,
  errors,
}: {
  locationRequired: boolean;
  neighborhoods: { id: string; name: LocalizedText }[];
  defaultNeighborhood: string;
  values: Values;
  errors?: FieldErrors;
}) {
  const { t, i18n } = useTranslation('requests');
  return (
    <fieldset className="stack">
      <legend>{t('form.location')}</legend>
      <TextField
        label={locationRequired ? t('form.address') : `${t('form.address')} ${t('form.optional')}`}
        hint={t('form.addressHint')}
        name="address"
        maxLength={300}
        autoComplete="street-address"
        required={locationRequired}
        defaultValue={textOf(values, 'address')}
        errors={errors}
      />
      <p className="hint">{t('form.pointHint')}</p>
      <div className="field-row">
        <TextField label={`${t('form.latitude')} ${t('form.optional')}`} name="latitude" inputMode="decimal" maxLength={20} defaultValue={textOf(values, 'latitude')} errors={errors} />
        <TextField label={`${t('form.longitude')} ${t('form.optional')}`} name="longitude" inputMode="decimal" maxLength={20} defaultValue={textOf(values, 'longitude')} errors={errors} />
      </div>
      <SelectField
        label={`${t('form.neighborhood')} ${t('form.optional')}`}
        name="neighborhoodId"
        defaultValue={textOf(values, 'neighborhoodId', defaultNeighborhood)}
        options={[{ value: '', label: t('form.noNeighborhood') }, ...neighborhoods.map((n) => ({ value: n.id, label: localized(n.name, i18n.language).text }))]}
        errors={errors}
      />
    </fieldset>
  );
}

/** Name, e-mail and phone; `autoComplete` is off when staff type in someone else's details. */
export function ContactFields({ values, errors, forSomeoneElse = false }: { values: Values; errors?: FieldErrors; forSomeoneElse?: boolean }) {
  const { t } = useTranslation('requests');
  const auto = (hint: string) => (forSomeoneElse ? 'off' : hint);
  return (
    <>
      <TextField label={`${t('form.contactName')} ${t('form.optional')}`} name="contactName" maxLength={100} autoComplete={auto('name')} defaultValue={textOf(values, 'contactName')} errors={errors} />
      <TextField
        label={`${t('form.contactEmail')} ${t('form.optional')}`}
        hint={forSomeoneElse ? t('record.contactEmailHint') : t('form.contactEmailHint')}
        name="contactEmail"
        type="email"
        maxLength={254}
        autoComplete={auto('email')}
        defaultValue={textOf(values, 'contactEmail')}
        errors={errors}
      />
      <TextField label={`${t('form.contactPhone')} ${t('form.optional')}`} name="contactPhone" type="tel" maxLength={40} autoComplete={auto('tel')} defaultValue={textOf(values, 'contactPhone')} errors={errors} />
    </>
  );
}
