import { useTranslation } from 'react-i18next';
import { SelectField, TextArea, TextField } from '~/components/forms';
import type { FieldErrors } from '~/lib/forms';
import { localized, type LocalizedText } from '~/lib/i18n';
import { keptAnswers } from '../../components/answer-fields';

/**
 * The fixed parts of the intake form (description, location, contact), shared by the resident's
 * form and staff recording a request on someone's behalf. `values` are the posted values kept
 * after an error.
 */
type Values = Record<string, string | string[]>;

/** A Conform form's kept input (after a post that came back) as the posted names these fields read. */
export function keptValues(initial: unknown): Values {
  if (!initial || typeof initial !== 'object') return {};
  const { a, ...rest } = initial as Record<string, unknown>;
  const values: Values = keptAnswers(a);
  for (const [key, value] of Object.entries(rest)) {
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) values[key] = value as string[];
  }
  return values;
}
const textOf = (values: Values, key: string, fallback = '') => {
  const v = values[key];
  return typeof v === 'string' ? v : fallback;
};

/** `prefill`: the description offered before anything was posted (a promoted post's text). */
export function DescriptionField({
  values,
  errors,
  hint,
  prefill = '',
}: {
  values: Values;
  errors?: FieldErrors;
  hint?: string;
  prefill?: string;
}) {
  const { t } = useTranslation('requests');
  return (
    <TextArea
      label={t('form.description')}
      hint={hint ?? t('form.descriptionHint')}
      name="description"
      rows={5}
      maxLength={4000}
      required
      defaultValue={textOf(values, 'description', prefill)}
      errors={errors}
    />
  );
}

/**
 * Address, an optional point and the neighborhood. `pointCounts`: a point alone satisfies a
 * required location (staff promoting a post may have coordinates but no address), so neither the
 * address nor the point is marked optional and a hint says one of them is needed.
 */
export function LocationFields({
  locationRequired,
  pointCounts = false,
  neighborhoods,
  defaultNeighborhood,
  values,
  errors,
}: {
  locationRequired: boolean;
  pointCounts?: boolean;
  neighborhoods: { id: string; name: LocalizedText }[];
  defaultNeighborhood: string;
  values: Values;
  errors?: FieldErrors;
}) {
  const { t, i18n } = useTranslation('requests');
  const addressRequired = locationRequired && !pointCounts;
  const optional = (label: string) => (pointCounts ? label : `${label} ${t('form.optional')}`);
  return (
    <fieldset className="stack">
      <legend>{t('form.location')}</legend>
      {locationRequired && pointCounts ? <p className="hint">{t('promote.locationHint')}</p> : null}
      <TextField
        label={addressRequired ? t('form.address') : optional(t('form.address'))}
        hint={t('form.addressHint')}
        name="address"
        maxLength={300}
        autoComplete="address-line1"
        required={addressRequired}
        defaultValue={textOf(values, 'address')}
        errors={errors}
      />
      <p className="hint">{t('form.pointHint')}</p>
      <div className="field-row">
        <TextField
          label={optional(t('form.latitude'))}
          name="latitude"
          inputMode="decimal"
          maxLength={20}
          defaultValue={textOf(values, 'latitude')}
          errors={errors}
        />
        <TextField
          label={optional(t('form.longitude'))}
          name="longitude"
          inputMode="decimal"
          maxLength={20}
          defaultValue={textOf(values, 'longitude')}
          errors={errors}
        />
      </div>
      <SelectField
        label={`${t('form.neighborhood')} ${t('form.optional')}`}
        name="neighborhoodId"
        defaultValue={textOf(values, 'neighborhoodId', defaultNeighborhood)}
        options={[
          { value: '', label: t('form.noNeighborhood') },
          ...neighborhoods.map((n) => ({ value: n.id, label: localized(n.name, i18n.language).text })),
        ]}
        errors={errors}
      />
    </fieldset>
  );
}

/** Name, e-mail and phone; `autoComplete` is off when staff type in someone else's details. */
export function ContactFields({
  values,
  errors,
  forSomeoneElse = false,
}: {
  values: Values;
  errors?: FieldErrors;
  forSomeoneElse?: boolean;
}) {
  const { t } = useTranslation('requests');
  const auto = (hint: string) => (forSomeoneElse ? 'off' : hint);
  return (
    <>
      <TextField
        label={`${t('form.contactName')} ${t('form.optional')}`}
        name="contactName"
        maxLength={100}
        autoComplete={auto('name')}
        defaultValue={textOf(values, 'contactName')}
        errors={errors}
      />
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
      <TextField
        label={`${t('form.contactPhone')} ${t('form.optional')}`}
        name="contactPhone"
        type="tel"
        maxLength={40}
        autoComplete={auto('tel')}
        defaultValue={textOf(values, 'contactPhone')}
        errors={errors}
      />
    </>
  );
}
