import { Form, type FormProps } from '@remix-run/react';
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { splitMessage, type FieldErrors } from '~/lib/forms';
import type { HoneypotInputProps } from 'remix-utils/honeypot/server';
import { useOptionalRootData } from '~/lib/root-data';

/** Form parts: every post carries the CSRF token; fields have labels, hints and localized errors. */
export function CsrfField() {
  const data = useOptionalRootData();
  return <input type="hidden" name="csrf" value={data?.csrf ?? ''} />;
}

/**
 * Honeypot fields for public forms (remix-utils checks them on the server): hidden by CSS, since
 * the CSP forbids inline styles. A bot that fills "website" or posts too fast is refused.
 */
export function HoneypotFields({ fields: hp }: { fields: HoneypotInputProps }) {
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
export function PostForm({ children, honeypot, ...props }: FormProps & { honeypot?: HoneypotInputProps }) {
  return (
    <Form method="post" {...props}>
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
export function FormErrors({ errors }: { errors?: FieldErrors }) {
  const { t } = useTranslation();
  const fields = Object.keys(errors ?? {}).filter((k) => k !== 'form').length;
  if (!errors || (!errors.form && !fields)) return null;
  return (
    <div role="alert" className="alert alert-error">
      <ErrorText messages={errors.form} />
      {fields ? <p>{t('forms:summary', { count: fields })}</p> : null}
    </div>
  );
}

type Common = { label: string; name: string; errors?: FieldErrors; hint?: ReactNode };

function useFieldIds(name: string, errors: FieldErrors | undefined, hint: ReactNode) {
  const id = useId();
  const fieldErrors = errors?.[name];
  const described = [hint ? `${id}-hint` : null, fieldErrors?.length ? `${id}-error` : null].filter(Boolean).join(' ');
  return { id, fieldErrors, described: described || undefined };
}

export function TextField({ label, name, errors, hint, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const { id, fieldErrors, described } = useFieldIds(name, errors, hint);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      <input id={id} name={name} type="text" aria-invalid={fieldErrors?.length ? true : undefined} aria-describedby={described} {...input} />
      <ErrorText messages={fieldErrors} id={`${id}-error`} />
    </div>
  );
}

export function TextArea({ label, name, errors, hint, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { id, fieldErrors, described } = useFieldIds(name, errors, hint);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      <textarea id={id} name={name} aria-invalid={fieldErrors?.length ? true : undefined} aria-describedby={described} {...input} />
      <ErrorText messages={fieldErrors} id={`${id}-error`} />
    </div>
  );
}

export function SelectField({
  label, name, errors, hint, options, ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const { id, fieldErrors, described } = useFieldIds(name, errors, hint);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      <select id={id} name={name} aria-invalid={fieldErrors?.length ? true : undefined} aria-describedby={described} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText messages={fieldErrors} id={`${id}-error`} />
    </div>
  );
}

export function CheckboxField({ label, name, errors, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const { id, fieldErrors, described } = useFieldIds(name, errors, undefined);
  return (
    <div className="field field-checkbox">
      <input type="checkbox" id={id} name={name} aria-invalid={fieldErrors?.length ? true : undefined} aria-describedby={described} {...input} />
      <label htmlFor={id}>{label}</label>
      <ErrorText messages={fieldErrors} id={`${id}-error`} />
    </div>
  );
}

export function SubmitButton({ children, ...props }: { children: ReactNode } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button type="submit" className="button" {...props}>
      {children}
    </button>
  );
}
