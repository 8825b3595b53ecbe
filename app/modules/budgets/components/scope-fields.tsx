import type { FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { TextField } from '~/components/ui/forms';
import { ChoiceGroup } from '~/modules/requests/components/answer-fields';
import { SCOPES } from '../values';

type Field = FieldMetadata<any, any, string[]>;

/**
 * Who a process is for: the whole city, or chosen neighborhoods, each with its own amount if it
 * has one (an empty amount shares the whole budget). Plain inputs, so it works without JavaScript.
 */
export function ScopeFields({
  scope,
  neighborhoods,
  amounts,
  options,
}: {
  scope: Field;
  neighborhoods: Field;
  amounts: Field;
  options: { id: string; name: string }[];
}) {
  const { t } = useTranslation('budgets');
  const amountFields = (amounts as FieldMetadata<Record<string, string>, any, string[]>).getFieldset() as Record<string, Field>;
  return (
    <fieldset className="field-group">
      <legend>{t('create.scope')}</legend>
      <ChoiceGroup
        type="radio"
        field={scope}
        label={t('process.scope')}
        options={SCOPES.map((s) => ({ value: s, label: t(`scopes.${s}`) }))}
      />
      <ChoiceGroup
        type="checkbox"
        field={neighborhoods}
        label={t('create.neighborhoods')}
        hint={t('create.neighborhoodsHint')}
        options={options.map((n) => ({ value: n.id, label: n.name }))}
      />
      <fieldset className="field-group">
        <legend>{t('create.amounts')}</legend>
        <p className="hint">{t('create.amountsHint')}</p>
        {options.map((n) => (
          <TextField key={n.id} label={n.name} field={amountFields[n.id]} inputMode="decimal" />
        ))}
      </fieldset>
    </fieldset>
  );
}
