import type { FieldMetadata } from '@conform-to/react';
import { useNavigation } from '@remix-run/react';
import { Link } from '~/components/link';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HoneypotInputProps } from 'remix-utils/honeypot/server';
import type { z } from 'zod';
import { FormErrors, PostForm, SubmitButton } from '~/components/ui/forms';
import { localized, type LocalizedText } from '~/lib/i18n';
import { useSchemaForm } from '~/lib/use-schema-form';
import type { FieldDefinition } from '~/modules/requests/catalog/schemas';
import { AnswerFields } from '../../components/answer-fields';
import { ContactFields, DescriptionField, LocationFields } from './intake-fields';
import { PhotoField } from './photo-field';

type Field = FieldMetadata<any, any, string[]>;
type IntakeFieldName = 'a' | 'description' | 'address' | 'latitude' | 'longitude' | 'neighborhoodId' | 'photos';
type ContactFieldName = 'contactName' | 'contactEmail' | 'contactPhone';

/** What a page adds to the intake form around its fixed parts, given the form's fields. */
export type IntakeSlots = {
  /** Outside the form, after the heading (a part with forms of its own: "Already reported?"). */
  beforeForm?: ReactNode;
  beforeAnswers?: ReactNode;
  afterDescription?: ReactNode;
  /** After the address, point and neighborhood (the map to set the point on). */
  afterLocation?: ReactNode;
  /** The contact fieldset: its legend and hint, and what comes before and after name/e-mail/phone. */
  contact: { legend: string; hint: string; before?: ReactNode; after?: ReactNode; forSomeoneElse?: boolean };
};

/**
 * The intake form of a request type, shared by the resident filing (/requests/new/:type) and staff
 * recording on someone's behalf (/staff/requests/new/:type): the type's own fields, the
 * description, the location, photos when the type takes them, the contact; each page adds its
 * own parts through `slots`. A plain form (multipart with photos): it works without JavaScript.
 */
export function IntakeForm<S extends z.ZodTypeAny>({
  schema,
  lastResult,
  defaultValue,
  type,
  neighborhoods,
  defaultNeighborhood,
  submissionKey,
  honeypot,
  photos = false,
  back,
  heading,
  intro,
  submitLabel,
  slots,
}: {
  schema: S;
  lastResult: unknown;
  defaultValue?: Record<string, unknown>;
  type: { name: LocalizedText; version: number; fields: readonly FieldDefinition[]; locationRequired: boolean };
  neighborhoods: { id: string; name: LocalizedText }[];
  defaultNeighborhood?: string;
  submissionKey: string;
  honeypot?: HoneypotInputProps;
  photos?: boolean;
  back: { to: string; label: string };
  heading: string;
  intro?: LocalizedText;
  submitLabel: string;
  slots: (fields: ReturnType<typeof useSchemaForm<S>>[1]) => IntakeSlots;
}) {
  const { i18n } = useTranslation('requests');
  const [form, fields] = useSchemaForm(schema, { lastResult, defaultValue });
  const navigation = useNavigation();
  // Every intake schema has these (intakeObject); `photos` is read apart (files), its errors come back by name.
  const all = fields as unknown as Record<IntakeFieldName | ContactFieldName, Field>;
  const parts = slots(fields);
  const name = localized(type.name, i18n.language);
  const description = intro ? localized(intro, i18n.language) : null;
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={back.to}>{back.label}</Link>
      </p>
      <h1>
        {heading} <span lang={name.fellBack ? name.lang : undefined}>{name.text}</span>
      </h1>
      {description ? <p lang={description.fellBack ? description.lang : undefined}>{description.text}</p> : null}
      {parts.beforeForm}
      <PostForm form={form} encType={photos ? 'multipart/form-data' : undefined} honeypot={honeypot} className="stack">
        <FormErrors form={form} />
        <input type="hidden" name="version" value={type.version} />
        <input type="hidden" name="submissionKey" value={submissionKey} />
        {parts.beforeAnswers}
        <AnswerFields fields={type.fields} field={all.a} />
        <DescriptionField fields={all} />
        {parts.afterDescription}
        <LocationFields
          fields={all}
          locationRequired={type.locationRequired}
          neighborhoods={neighborhoods}
          defaultNeighborhood={defaultNeighborhood}
        />
        {parts.afterLocation}
        {photos ? <PhotoField field={all.photos} /> : null}
        <fieldset className="stack">
          <legend>{parts.contact.legend}</legend>
          <p className="hint">{parts.contact.hint}</p>
          {parts.contact.before}
          <ContactFields fields={all} forSomeoneElse={parts.contact.forSomeoneElse} />
          {parts.contact.after}
        </fieldset>
        <SubmitButton disabled={navigation.state === 'submitting'}>{submitLabel}</SubmitButton>
      </PostForm>
    </div>
  );
}
