import type { FieldMetadata } from '@conform-to/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CheckboxField,
  ErrorText,
  FormErrors,
  LocalizedTextField,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '~/components/ui/forms';
import { AdminTrail } from '~/components/admin';
import { localized } from '~/lib/i18n';
import { useSchemaForm } from '~/lib/use-schema-form';
import { DEFAULT_VISIBILITY, PUBLIC_VISIBILITIES, REQUEST_PRIORITIES } from '../../values';
import {
  FIELD_KINDS,
  FieldFormSchema,
  FieldListActionSchema,
  MAX_OPTIONS,
  NewRequestTypeSchema,
  REQUEST_GROUPS,
  RequestTypeActionSchema,
  type FieldDefinition,
} from '../schemas';

// Conform's field metadata, loosely typed: these forms pass it on to the field components.
type Field = FieldMetadata<any, any, string[]>;
type Fields = Record<string, Field>;

/**
 * A new type starts with a location required and photos allowed, like most city requests, and
 * published as a summary until the admin decides otherwise.
 */
export const NEW_TYPE_DEFAULTS = {
  locationRequired: 'on',
  photosAllowed: 'on',
  defaultPriority: 'normal',
  group: 'other',
  targetHours: '72',
  publicVisibility: DEFAULT_VISIBILITY,
};

/**
 * The request type's settings (new and edit pages): texts in every language, handling and
 * publishing. The code is asked for on the new page only; the edit page posts `intent=save`.
 */
export function RequestTypeForm({
  lastResult,
  defaultValue,
  departments,
  code,
  submit,
}: {
  lastResult?: unknown;
  defaultValue: Record<string, unknown>;
  departments: { id: string; name: unknown }[];
  /** The fixed code of an existing type; undefined on the new page, where it is asked for. */
  code?: string;
  submit: ReactNode;
}) {
  const { t, i18n } = useTranslation('requests');
  const editing = code !== undefined;
  const [form, fields] = useSchemaForm(editing ? RequestTypeActionSchema : NewRequestTypeSchema, {
    lastResult,
    defaultValue: editing ? { ...defaultValue, intent: 'save' } : defaultValue,
  });
  const f = fields as unknown as Fields;
  return (
    <PostForm form={form}>
      <FormErrors form={form} />
      {editing ? (
        <>
          <input type="hidden" name="intent" value="save" />
          <p>
            <strong>{t('typeForm.codeFixed')}:</strong> <code>{code}</code>
          </p>
        </>
      ) : (
        <TextField label={t('typeForm.code')} hint={t('typeForm.codeHint')} field={f.code} maxLength={40} autoComplete="off" />
      )}
      <LocalizedTextField label={t('typeForm.name')} field={f.name} required="all" />
      {(['description', 'resolution'] as const).map((text) => (
        <LocalizedTextField
          key={text}
          label={t(`typeForm.${text}`)}
          hint={t(`typeForm.${text}Hint`)}
          field={f[text]}
          required="all"
          multiline
        />
      ))}
      <LocalizedTextField label={t('typeForm.keywords')} hint={t('typeForm.keywordsHint')} field={f.keywords} />
      <fieldset>
        <legend>{t('typeForm.handling')}</legend>
        <SelectField
          label={t('typeForm.department')}
          hint={t('typeForm.departmentHint')}
          field={f.departmentId}
          options={[
            { value: '', label: t('typeForm.chooseDepartment') },
            ...departments.map((d) => ({ value: d.id, label: localized(d.name, i18n.language).text })),
          ]}
        />
        <SelectField
          label={t('typeForm.group')}
          field={f.group}
          options={REQUEST_GROUPS.map((g) => ({ value: g, label: t(`groups.${g}`) }))}
        />
        <SelectField
          label={t('typeForm.defaultPriority')}
          field={f.defaultPriority}
          options={REQUEST_PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
        />
        <TextField
          label={t('typeForm.targetHours')}
          hint={t('typeForm.targetHoursHint')}
          field={f.targetHours}
          type="number"
          inputMode="numeric"
          min={1}
          max={8760}
          required
        />
        <CheckboxField label={t('typeForm.locationRequired')} field={f.locationRequired} />
        <CheckboxField label={t('typeForm.photosAllowed')} field={f.photosAllowed} />
      </fieldset>
      <fieldset>
        <legend>{t('typeForm.publishing')}</legend>
        <SelectField
          label={t('typeForm.publicVisibility')}
          hint={t('typeForm.publicVisibilityHint')}
          field={f.publicVisibility}
          options={PUBLIC_VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
        />
      </fieldset>
      <SubmitButton>{submit}</SubmitButton>
    </PostForm>
  );
}

/** A stored field as the field form's values; option rows follow as options[n]. */
export function fieldValues(field: FieldDefinition): Record<string, unknown> {
  return {
    key: field.key,
    kind: field.kind,
    required: field.required ? 'on' : undefined,
    label: field.label,
    hint: field.hint ?? {},
    options: (field.options ?? []).map((o) => ({ value: o.value, label: o.label })),
  };
}

/** Blank option rows after the filled ones, so options can be added without JavaScript. */
const SPARE_ROWS = 3;
function withSpareRows(values: Record<string, unknown>) {
  const options = Array.isArray(values.options) ? values.options : [];
  return {
    ...values,
    options: [...options, ...Array.from({ length: Math.min(SPARE_ROWS, MAX_OPTIONS + 5 - options.length) }, () => ({}))],
  };
}

/**
 * The add-field form (fields list page, `intent=add`) and the edit-field form (`fixedKey`: the key
 * of the field being edited). Both carry the version they were shown with.
 */
export function FieldEditorForm({
  lastResult,
  defaultValue,
  version,
  fixedKey,
  submit,
}: {
  lastResult?: unknown;
  defaultValue: Record<string, unknown>;
  version: number;
  fixedKey?: string;
  submit: ReactNode;
}) {
  const { t } = useTranslation('requests');
  const adding = fixedKey === undefined;
  const [form, fields] = useSchemaForm(adding ? FieldListActionSchema : FieldFormSchema, {
    lastResult,
    id: adding ? 'add-field' : 'edit-field',
    defaultValue: withSpareRows({ ...defaultValue, version: String(version), ...(adding ? { intent: 'add' } : { key: fixedKey }) }),
  });
  const f = fields as unknown as Fields;
  const rows = (f.options as FieldMetadata<Record<string, unknown>[], any, string[]>).getFieldList();
  return (
    <PostForm form={form}>
      <FormErrors form={form} />
      {adding ? <input type="hidden" name="intent" value="add" /> : null}
      <input type="hidden" name="version" value={version} />
      {adding ? (
        <TextField label={t('fields.keyLabel')} hint={t('fields.keyHint')} field={f.key} maxLength={40} autoComplete="off" />
      ) : (
        <p>
          <strong>{t('fields.keyFixed')}:</strong> <code>{fixedKey}</code>
          <input type="hidden" name="key" value={fixedKey} />
        </p>
      )}
      <SelectField
        label={t('fields.kindLabel')}
        field={f.kind}
        options={FIELD_KINDS.map((k) => ({ value: k, label: t(`fieldKinds.${k}`) }))}
      />
      <CheckboxField label={t('fields.requiredLabel')} field={f.required} />
      <LocalizedTextField label={t('fields.labelText')} field={f.label} required="all" />
      <LocalizedTextField label={t('fields.hintText')} hint={t('errors.hintBoth')} field={f.hint} />
      <fieldset aria-describedby="options-hint">
        <legend>{t('fields.optionsLegend')}</legend>
        <p className="hint" id="options-hint">
          {t('fields.optionsHint')}
        </p>
        <ErrorText messages={f.options.errors} id={f.options.errorId} />
        <div className="option-rows">
          {rows.map((row, i) => {
            const parts = row.getFieldset() as unknown as Fields;
            return (
              <fieldset key={row.key} className="option-row">
                <legend>{t('fields.option', { number: i + 1 })}</legend>
                <TextField label={t('fields.optionValue')} field={parts.value} maxLength={40} autoComplete="off" />
                <LocalizedTextField label={t('fields.optionLabel')} field={parts.label} />
              </fieldset>
            );
          })}
        </div>
      </fieldset>
      <SubmitButton>{submit}</SubmitButton>
    </PostForm>
  );
}

/** The trail of a request type's admin pages: the catalog, the type, and its fields when under them. */
export function RequestTypeTrail({ type, fields }: { type: { id: string; name: unknown }; fields?: boolean }) {
  const { t, i18n } = useTranslation('requests');
  const base = `/admin/request-types/${type.id}`;
  return (
    <AdminTrail
      items={[
        { to: '/admin/request-types', label: t('catalog.title') },
        { to: base, label: localized(type.name, i18n.language).text },
        ...(fields ? [{ to: `${base}/fields`, label: t('catalog.editFields') }] : []),
      ]}
    />
  );
}
