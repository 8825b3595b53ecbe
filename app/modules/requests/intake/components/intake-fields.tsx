import type { FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextArea, TextField } from '~/components/ui/forms';
import { localized, type LocalizedText } from '~/lib/i18n';

/**
 * The fixed parts of the intake form (description, location, contact), shared by the resident's
 * form, staff recording a request on someone's behalf and the promote page. `fields` are the
 * form's Conform fields (useSchemaForm): each control takes its name, kept input and errors there.
 */
type Field = FieldMetadata<any, any, string[]>;
type Fields<K extends string> = Record<K, Field>;

/** A field's kept input after a post that came back, or what the page offers before one. */
export const keptOr = (field: Field, fallback: string) => (typeof field.initialValue === 'string' ? field.initialValue : fallback);

/** `prefill`: the description offered before anything was posted (a promoted post's text). */
export function DescriptionField({ fields, hint, prefill = '' }: { fields: Fields<'description'>; hint?: string; prefill?: string }) {
  const { t } = useTranslation('requests');
  return (
    <TextArea
      field={fields.description}
      label={t('form.description')}
      hint={hint ?? t('form.descriptionHint')}
      rows={5}
      maxLength={4000}
      required
      defaultValue={keptOr(fields.description, prefill)}
    />
  );
}

/**
 * Address, an optional point and the neighborhood. `pointCounts`: a point alone satisfies a
 * required location (staff promoting a post may have coordinates but no address), so neither the
 * address nor the point is marked optional and a hint says one of them is needed.
 */
export function LocationFields({
  fields,
  locationRequired,
  pointCounts = false,
  neighborhoods,
  defaultNeighborhood = '',
}: {
  fields: Fields<'address' | 'latitude' | 'longitude' | 'neighborhoodId'>;
  locationRequired: boolean;
  pointCounts?: boolean;
  neighborhoods: { id: string; name: LocalizedText }[];
  defaultNeighborhood?: string;
}) {
  const { t, i18n } = useTranslation('requests');
  const addressRequired = locationRequired && !pointCounts;
  const optional = (label: string) => (pointCounts ? label : `${label} ${t('form.optional')}`);
  const coordinate = { inputMode: 'decimal', maxLength: 20, required: false } as const;
  return (
    <fieldset className="stack">
      <legend>{t('form.location')}</legend>
      {locationRequired && pointCounts ? <p className="hint">{t('promote.locationHint')}</p> : null}
      <TextField
        field={fields.address}
        label={addressRequired ? t('form.address') : optional(t('form.address'))}
        hint={t('form.addressHint')}
        maxLength={300}
        autoComplete="address-line1"
        required={addressRequired}
      />
      <p className="hint">{t('form.pointHint')}</p>
      <div className="field-row">
        <TextField field={fields.latitude} label={optional(t('form.latitude'))} {...coordinate} />
        <TextField field={fields.longitude} label={optional(t('form.longitude'))} {...coordinate} />
      </div>
      <SelectField
        field={fields.neighborhoodId}
        label={`${t('form.neighborhood')} ${t('form.optional')}`}
        defaultValue={keptOr(fields.neighborhoodId, defaultNeighborhood)}
        options={[
          { value: '', label: t('form.noNeighborhood') },
          ...neighborhoods.map((n) => ({ value: n.id, label: localized(n.name, i18n.language).text })),
        ]}
      />
    </fieldset>
  );
}

/** Name, e-mail and phone; `autoComplete` is off when staff type in someone else's details. */
export function ContactFields({
  fields,
  forSomeoneElse = false,
}: {
  fields: Fields<'contactName' | 'contactEmail' | 'contactPhone'>;
  forSomeoneElse?: boolean;
}) {
  const { t } = useTranslation('requests');
  const controls = [
    { field: fields.contactName, label: t('form.contactName'), maxLength: 100, autoComplete: 'name' },
    {
      field: fields.contactEmail,
      label: t('form.contactEmail'),
      hint: forSomeoneElse ? t('record.contactEmailHint') : t('form.contactEmailHint'),
      type: 'email',
      maxLength: 254,
      autoComplete: 'email',
    },
    { field: fields.contactPhone, label: t('form.contactPhone'), type: 'tel', maxLength: 40, autoComplete: 'tel' },
  ];
  return (
    <>
      {controls.map(({ label, autoComplete, ...control }) => (
        <TextField
          key={control.field.name}
          {...control}
          label={`${label} ${t('form.optional')}`}
          autoComplete={forSomeoneElse ? 'off' : autoComplete}
          required={false}
        />
      ))}
    </>
  );
}
