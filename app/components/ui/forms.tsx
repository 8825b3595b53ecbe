import { Form, type FormProps } from '@remix-run/react';
import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldMetadata, FormMetadata } from '@conform-to/react';
import { getFormProps } from '@conform-to/react';
import { splitMessage } from '~/lib/forms';
import { fallbackLanguage, supportedLanguages } from '~/lib/i18n';
import type { HoneypotInputProps } from 'remix-utils/honeypot/server';
import { useOptionalRootData } from '~/lib/root-data';
import { useSchemaForm } from '~/lib/use-schema-form';
import type { z } from 'zod';

/** Form parts: every post carries the CSRF token; fields have labels, hints and localized errors. */
export function CsrfField() {
  const data = useOptionalRootData();
  return <input type="hidden" name="csrf" value={data?.csrf ?? ''} />;
}

/**
 * Honeypot fields for public forms (remix-utils checks them on the server): hidden by CSS, since
 * the CSP forbids inline styles. A bot that fills "website" or posts too fast is refused.
 */
function HoneypotFields({ fields: hp }: { fields: HoneypotInputProps }) {
  return (
    <div className="hp" aria-hidden="true">
      <label htmlFor={hp.nameFieldName}>Website</label>
      <input id={hp.nameFieldName} name={hp.nameFieldName} type="text" defaultValue="" autoComplete="off" tabIndex={-1} />
      {hp.validFromFieldName && hp.encryptedValidFrom ? (
        <input type="hidden" name={hp.validFromFieldName} value={hp.encryptedValidFrom} />
      ) : null}
    </div>
  );
}

/**
 * A form that posts with the CSRF token (and, for public forms, the honeypot fields its route's
 * loader made with honeypotFields()). Works without JS.
 */
export function PostForm({
  children,
  honeypot,
  form,
  ...props
}: FormProps & { honeypot?: HoneypotInputProps; form?: FormMetadata<any, string[]> }) {
  return (
    <Form method="post" {...(form ? getFormProps(form) : {})} {...props}>
      <CsrfField />
      {honeypot ? <HoneypotFields fields={honeypot} /> : null}
      {children}
    </Form>
  );
}

export function ErrorText({ messages, id }: { messages?: string[]; id?: string }) {
  const { t } = useTranslation();
  if (!messages?.length) return null;
  return (
    <p className="field-error" id={id}>
      {messages.map((m) => {
        const [key, values] = splitMessage(m);
        return <span key={m}>{t(key, values)} </span>;
      })}
    </p>
  );
}

/**
 * Announced to screen readers when a submitted form comes back: errors about the whole form, and
 * how many fields need attention (each field shows its own message).
 */
export function FormErrors({ form }: { form: FormMetadata<any, string[]> }) {
  const { t } = useTranslation();
  const formLevel = form.errors;
  const fields = Object.entries(form.allErrors).filter(([k, v]) => k !== '' && k !== form.name && v?.length).length;
  if (!formLevel?.length && !fields) return null;
  return (
    <div role="alert" className="alert alert-error" id={form.errorId}>
      <ErrorText messages={formLevel} />
      {fields ? <p>{t('forms:summary', { count: fields })}</p> : null}
    </div>
  );
}

/**
 * Fields take Conform's metadata (`field={fields.title}` from useSchemaForm): name, id, kept value,
 * errors and constraints come from the schema and the submission.
 */
type Source = { field: FieldMetadata<any, any, string[]> };
type Common = Source & { label: string; hint?: ReactNode };

function useFieldParts({ field }: Source, hint: ReactNode) {
  const { id, name, errorId, descriptionId: hintId } = field;
  const fieldErrors = field.errors;
  const described = [hint ? hintId : null, fieldErrors?.length ? errorId : null].filter(Boolean).join(' ');
  const kept = field.initialValue;
  return {
    id,
    name,
    fieldErrors,
    errorId,
    hintId,
    key: field.key,
    form: field.formId,
    /** The kept value of a Conform field (the user's input after a failed post), if any. */
    kept: typeof kept === 'string' ? kept : undefined,
    keptList: Array.isArray(kept) ? (kept as unknown[]).filter((v): v is string => typeof v === 'string') : undefined,
    /** From the schema (schemaConstraint), unless the page says otherwise. */
    required: field.required,
    aria: { 'aria-invalid': fieldErrors?.length ? true : undefined, 'aria-describedby': described || undefined },
  };
}

export function Hint({ id, hint }: { id: string; hint: ReactNode }) {
  return hint ? (
    <p className="hint" id={id}>
      {hint}
    </p>
  ) : null;
}

/** The frame every single-control field shares: label, hint, the control, its errors. */
function FieldFrame({
  f,
  label,
  hint,
  children,
}: {
  f: ReturnType<typeof useFieldParts>;
  label: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={f.id}>{label}</label>
      <Hint id={f.hintId} hint={hint} />
      {children}
      <ErrorText messages={f.fieldErrors} id={f.errorId} />
    </div>
  );
}

/** The attributes every control takes from its field (React's `key` is passed apart). */
const controlProps = (f: ReturnType<typeof useFieldParts>) => ({ id: f.id, required: f.required, name: f.name, form: f.form, ...f.aria });

export function TextField({ label, field, hint, ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  const f = useFieldParts({ field }, hint);
  return (
    <FieldFrame f={f} label={label} hint={hint}>
      <input key={f.key} {...controlProps(f)} type="text" defaultValue={f.kept} {...input} />
    </FieldFrame>
  );
}

export function TextArea({ label, field, hint, ...input }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>) {
  const f = useFieldParts({ field }, hint);
  return (
    <FieldFrame f={f} label={label} hint={hint}>
      <textarea key={f.key} {...controlProps(f)} defaultValue={f.kept} {...input} />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  field,
  hint,
  options,
  ...select
}: Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> & { options: { value: string; label: string }[] }) {
  const f = useFieldParts({ field }, hint);
  return (
    <FieldFrame f={f} label={label} hint={hint}>
      <select key={f.key} {...controlProps(f)} defaultValue={select.multiple ? f.keptList : f.kept} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A file to upload (multipart forms): never echoed back, so an error keeps nothing to refill. */
export function FileField({ label, field, hint, ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'type'>) {
  const f = useFieldParts({ field }, hint);
  return (
    <FieldFrame f={f} label={label} hint={hint}>
      <input key={f.key} {...controlProps(f)} type="file" {...input} />
    </FieldFrame>
  );
}

export function CheckboxField({ label, field, hint, ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  const f = useFieldParts({ field }, hint);
  const keptChecked = field.initialValue !== undefined ? field.initialValue === 'on' || field.initialValue === 'true' : undefined;
  return (
    <div className="field field-checkbox">
      <input key={f.key} type="checkbox" id={f.id} name={f.name} form={f.form} defaultChecked={keptChecked} {...f.aria} {...input} />
      <label htmlFor={f.id}>{label}</label>
      <Hint id={f.hintId} hint={hint} />
      <ErrorText messages={f.fieldErrors} id={f.errorId} />
    </div>
  );
}

/**
 * A text translated into every supported language (a channel's name, a department's
 * description): one labelled input per language, named `<field>.<lang>`, read on the server by
 * `localizedText()` (lib/forms.ts). The list of languages drives it; nothing names one.
 */
export function LocalizedTextField({
  field,
  label,
  hint,
  multiline,
  required,
  languages = supportedLanguages,
}: {
  field: FieldMetadata<any, any, string[]>;
  label: string;
  hint?: ReactNode;
  multiline?: boolean;
  /** Which languages must be filled in: every one, only the default one, or none. */
  required?: 'all' | 'default';
  languages?: readonly string[];
}) {
  const { i18n } = useTranslation();
  const parts = (field as FieldMetadata<Record<string, string>, any, string[]>).getFieldset();
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
  return (
    <fieldset className="field-group" id={field.id}>
      <legend>{label}</legend>
      <Hint id={field.descriptionId} hint={hint} />
      <ErrorText messages={field.errors} id={field.errorId} />
      {languages.map((lang) => {
        const part = (parts as Record<string, FieldMetadata<string | undefined, any, string[]>>)[lang];
        const props = {
          field: part,
          label: names.of(lang) ?? lang,
          lang,
          required: required === 'all' || (required === 'default' && lang === fallbackLanguage),
        };
        return multiline ? <TextArea key={lang} {...props} /> : <TextField key={lang} {...props} />;
      })}
    </fieldset>
  );
}

export function SubmitButton({ children, ...props }: { children: ReactNode } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button type="submit" className="button" {...props}>
      {children}
    </button>
  );
}

/**
 * One button that posts an intent (with a few hidden fields, such as the row it acts on) on a page
 * of several such forms, its own errors shown above it. `id` tells apart forms of the same intent.
 */
export function IntentForm({
  schema,
  intent,
  label,
  lastResult,
  fields = {},
  id,
  secondary = false,
}: {
  schema: z.ZodTypeAny;
  intent: string;
  label: string;
  lastResult: unknown;
  fields?: Record<string, string>;
  id?: string;
  secondary?: boolean;
}) {
  const [form] = useSchemaForm(schema, { lastResult: replyFor(lastResult, intent), id: id ?? `form-${intent}` });
  return (
    <PostForm form={form} className="inline-form">
      <FormErrors form={form} />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton className={secondary ? 'button button-secondary' : 'button'}>{label}</SubmitButton>
    </PostForm>
  );
}

/**
 * The action's reply for the form that posted `intent` on a page with several forms (save and
 * delete): each form shows only its own errors and kept input.
 */
export function replyFor(lastResult: unknown, intent: string): unknown {
  const initial = (lastResult as { initialValue?: Record<string, unknown> } | undefined)?.initialValue;
  return initial?.intent === intent ? lastResult : undefined;
}

/**
 * A filter form: GET, so its URL can be shared and works without JavaScript. The loader reads it
 * with Conform (`parseWithSchema(url.searchParams, schema)`, lib/schema-parse.ts) and gives bad filters back as its
 * `reply()`, shown here like any form's errors.
 */
export function GetForm({ children, form, ...props }: Omit<FormProps, 'method'> & { form: FormMetadata<any, string[]> }) {
  return (
    <Form method="get" {...getFormProps(form)} {...props}>
      {children}
    </Form>
  );
}

/**
 * A form that posts one file (multipart/form-data, works without JavaScript), a CSV file to import
 * unless `accept` says otherwise: its errors, the labelled file field with its hint, and the button.
 */
export function UploadForm({
  form,
  field,
  label,
  hint,
  accept = '.csv,text/csv',
  submit,
}: Source & { form: FormMetadata<any, string[]>; label: string; hint: ReactNode; accept?: string; submit: ReactNode }) {
  return (
    <>
      <FormErrors form={form} />
      <PostForm form={form} encType="multipart/form-data">
        <FileField label={label} hint={hint} field={field} accept={accept} required />
        <SubmitButton>{submit}</SubmitButton>
      </PostForm>
    </>
  );
}
