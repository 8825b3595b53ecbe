import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextArea, TextField, ErrorText } from '~/components/forms';
import type { FieldErrors } from '~/lib/forms';
import { localized } from '~/lib/i18n';
import { FIELD_KINDS, MAX_OPTIONS, REQUEST_GROUPS, REQUEST_PRIORITIES, type FieldDefinition } from '../catalog-schemas';
import { PUBLIC_VISIBILITIES, DEFAULT_VISIBILITY } from '../values';

type Values = Record<string, string | undefined>;

/** The request type's settings (new and edit pages); the code only on the new page. */
export function RequestTypeFields({
  values,
  errors,
  departments,
  code,
}: {
  values: Values;
  errors?: FieldErrors;
  departments: { id: string; name: unknown }[];
  /** The fixed code of an existing type; undefined on the new page, where it is asked for. */
  code?: string;
}) {
  const { t, i18n } = useTranslation('requests');
  return (
    <>
      {code === undefined ? (
        <TextField label={t('typeForm.code')} hint={t('typeForm.codeHint')} name="code" required maxLength={40} autoComplete="off" defaultValue={values.code} errors={errors} />
      ) : (
        <p>
          <strong>{t('typeForm.codeFixed')}:</strong> <code>{code}</code>
        </p>
      )}
      <fieldset>
        <legend>{t('typeForm.inEnglish')}</legend>
        <TextField label={t('typeForm.nameEn')} name="nameEn" lang="en" required maxLength={100} defaultValue={values.nameEn} errors={errors} />
        <TextArea label={t('typeForm.descriptionEn')} hint={t('typeForm.descriptionHint')} name="descriptionEn" lang="en" required maxLength={1000} defaultValue={values.descriptionEn} errors={errors} />
        <TextArea label={t('typeForm.resolutionEn')} hint={t('typeForm.resolutionHint')} name="resolutionEn" lang="en" required maxLength={1000} defaultValue={values.resolutionEn} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>{t('typeForm.inSpanish')}</legend>
        <TextField label={t('typeForm.nameEs')} name="nameEs" lang="es" required maxLength={100} defaultValue={values.nameEs} errors={errors} />
        <TextArea label={t('typeForm.descriptionEs')} hint={t('typeForm.descriptionHint')} name="descriptionEs" lang="es" required maxLength={1000} defaultValue={values.descriptionEs} errors={errors} />
        <TextArea label={t('typeForm.resolutionEs')} hint={t('typeForm.resolutionHint')} name="resolutionEs" lang="es" required maxLength={1000} defaultValue={values.resolutionEs} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>{t('typeForm.handling')}</legend>
        <SelectField
          label={t('typeForm.department')}
          hint={t('typeForm.departmentHint')}
          name="departmentId"
          required
          defaultValue={values.departmentId ?? ''}
          errors={errors}
          options={[{ value: '', label: t('typeForm.chooseDepartment') }, ...departments.map((d) => ({ value: d.id, label: localized(d.name, i18n.language).text }))]}
        />
        <SelectField
          label={t('typeForm.group')}
          name="group"
          defaultValue={values.group ?? 'other'}
          errors={errors}
          options={REQUEST_GROUPS.map((g) => ({ value: g, label: t(`groups.${g}`) }))}
        />
        <SelectField
          label={t('typeForm.defaultPriority')}
          name="defaultPriority"
          defaultValue={values.defaultPriority ?? 'normal'}
          errors={errors}
          options={REQUEST_PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
        />
        <TextField
          label={t('typeForm.targetHours')}
          hint={t('typeForm.targetHoursHint')}
          name="targetHours"
          type="number"
          inputMode="numeric"
          min={1}
          max={8760}
          required
          defaultValue={values.targetHours}
          errors={errors}
        />
        <CheckboxField label={t('typeForm.locationRequired')} name="locationRequired" defaultChecked={values.locationRequired === 'on'} errors={errors} />
        <CheckboxField label={t('typeForm.photosAllowed')} name="photosAllowed" defaultChecked={values.photosAllowed === 'on'} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>{t('typeForm.publishing')}</legend>
        <SelectField
          label={t('typeForm.publicVisibility')}
          hint={t('typeForm.publicVisibilityHint')}
          name="publicVisibility"
          defaultValue={values.publicVisibility ?? DEFAULT_VISIBILITY}
          errors={errors}
          options={PUBLIC_VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
        />
      </fieldset>
    </>
  );
}

/** A stored field as the field form's values (option rows as options.<n>.value|en|es). */
export function fieldValues(field: FieldDefinition): Record<string, string> {
  const values: Record<string, string> = {
    key: field.key,
    kind: field.kind,
    required: field.required ? 'on' : '',
    labelEn: field.label.en,
    labelEs: field.label.es,
    hintEn: field.hint?.en ?? '',
    hintEs: field.hint?.es ?? '',
  };
  (field.options ?? []).forEach((o, i) => {
    values[`options.${i}.value`] = o.value;
    values[`options.${i}.en`] = o.label.en;
    values[`options.${i}.es`] = o.label.es;
  });
  return values;
}

/** How many option rows to show: the filled ones (or posted ones) plus three empty rows. */
function optionRowCount(values: Values) {
  let last = -1;
  for (const [name, value] of Object.entries(values)) {
    const m = /^options\.(\d+)\./.exec(name);
    if (m && value) last = Math.max(last, Number(m[1]));
  }
  return Math.min(last + 1 + 3, MAX_OPTIONS + 5);
}

/** The add-field and edit-field form's fields. `fixedKey` is the key of the field being edited. */
export function FieldEditor({ values, errors, fixedKey }: { values: Values; errors?: FieldErrors; fixedKey?: string }) {
  const { t } = useTranslation('requests');
  const rows = optionRowCount(values);
  return (
    <>
      {fixedKey ? (
        <p>
          <strong>{t('fields.keyFixed')}:</strong> <code>{fixedKey}</code>
          <input type="hidden" name="key" value={fixedKey} />
        </p>
      ) : (
        <TextField label={t('fields.keyLabel')} hint={t('fields.keyHint')} name="key" required maxLength={40} autoComplete="off" defaultValue={values.key} errors={errors} />
      )}
      <SelectField
        label={t('fields.kindLabel')}
        name="kind"
        defaultValue={values.kind ?? 'text'}
        errors={errors}
        options={FIELD_KINDS.map((k) => ({ value: k, label: t(`fieldKinds.${k}`) }))}
      />
      <CheckboxField label={t('fields.requiredLabel')} name="required" defaultChecked={values.required === 'on'} errors={errors} />
      <fieldset>
        <legend>{t('fields.inEnglish')}</legend>
        <TextField label={t('fields.labelEn')} name="labelEn" lang="en" required maxLength={200} defaultValue={values.labelEn} errors={errors} />
        <TextField label={t('fields.hintEn')} name="hintEn" lang="en" maxLength={300} defaultValue={values.hintEn} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>{t('fields.inSpanish')}</legend>
        <TextField label={t('fields.labelEs')} name="labelEs" lang="es" required maxLength={200} defaultValue={values.labelEs} errors={errors} />
        <TextField label={t('fields.hintEs')} name="hintEs" lang="es" maxLength={300} defaultValue={values.hintEs} errors={errors} />
      </fieldset>
      <fieldset aria-describedby="options-hint">
        <legend>{t('fields.optionsLegend')}</legend>
        <p className="hint" id="options-hint">
          {t('fields.optionsHint')}
        </p>
        <ErrorText messages={errors?.options} />
        <div className="option-rows">
          {Array.from({ length: rows }, (_, i) => (
            <fieldset key={i} className="option-row">
              <legend>{t('fields.option', { number: i + 1 })}</legend>
              <TextField label={t('fields.optionValue')} name={`options.${i}.value`} maxLength={40} autoComplete="off" defaultValue={values[`options.${i}.value`]} errors={errors} />
              <TextField label={t('fields.optionEn')} name={`options.${i}.en`} lang="en" maxLength={100} defaultValue={values[`options.${i}.en`]} errors={errors} />
              <TextField label={t('fields.optionEs')} name={`options.${i}.es`} lang="es" maxLength={100} defaultValue={values[`options.${i}.es`]} errors={errors} />
            </fieldset>
          ))}
        </div>
      </fieldset>
    </>
  );
}
