import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '~/components/forms';
import type { FieldErrors } from '~/lib/forms';
import { localized, type LocalizedText } from '~/lib/i18n';

/**
 * Where the problem is: address, an optional point (latitude/longitude) and the neighborhood.
 * Shared by the intake form and the promote page. `pointCounts`: a point alone satisfies a
 * required location (staff promoting a post may have coordinates but no address).
 */
export function LocationFields({
  required,
  pointCounts = false,
  neighborhoods,
  text,
  defaultNeighborhood = '',
  errors,
}: {
  required: boolean;
  pointCounts?: boolean;
  neighborhoods: { id: string; name: LocalizedText }[];
  text: (key: string, fallback?: string) => string;
  defaultNeighborhood?: string;
  errors?: FieldErrors;
}) {
  const { t, i18n } = useTranslation('requests');
  const addressRequired = required && !pointCounts;
  return (
    <fieldset className="stack">
      <legend>{t('form.location')}</legend>
      {required && pointCounts ? <p className="hint">{t('promote.locationHint')}</p> : null}
      <TextField
        label={addressRequired || pointCounts ? t('form.address') : `${t('form.address')} ${t('form.optional')}`}
        hint={t('form.addressHint')}
        name="address"
        maxLength={300}
        autoComplete="street-address"
        required={addressRequired}
        defaultValue={text('address')}
        errors={errors}
      />
      <p className="hint">{t('form.pointHint')}</p>
      <div className="field-row">
        <TextField label={pointCounts ? t('form.latitude') : `${t('form.latitude')} ${t('form.optional')}`} name="latitude" inputMode="decimal" maxLength={20} defaultValue={text('latitude')} errors={errors} />
        <TextField label={pointCounts ? t('form.longitude') : `${t('form.longitude')} ${t('form.optional')}`} name="longitude" inputMode="decimal" maxLength={20} defaultValue={text('longitude')} errors={errors} />
      </div>
      <SelectField
        label={`${t('form.neighborhood')} ${t('form.optional')}`}
        name="neighborhoodId"
        defaultValue={text('neighborhoodId', defaultNeighborhood)}
        options={[{ value: '', label: t('form.noNeighborhood') }, ...neighborhoods.map((n) => ({ value: n.id, label: localized(n.name, i18n.language).text }))]}
        errors={errors}
      />
    </fieldset>
  );
}
