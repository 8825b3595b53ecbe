import type { SubmissionResult } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SelectField, SubmitButton, TextField } from '~/components/forms';
import { localized, type LocalizedText } from '~/lib/i18n';
import { useSchemaForm } from '~/lib/use-schema-form';
import { RichTextEditor } from '~/modules/content/components/rich-text-editor';
import type { RichTextDoc } from '~/modules/content/richtext';
import { ProposalSchema } from '../schemas';

type Choice = { id: string; name: LocalizedText };

/**
 * A proposal's form, for a new one and for its author's edit: title, description (rich text; plain
 * text without JavaScript), estimated cost, and where and what it is about.
 */
export function ProposalForm({
  lastResult,
  neighborhoods,
  categories,
  currency,
  channelId,
  defaultValue,
  initialDoc,
  submit,
}: {
  lastResult: SubmissionResult<string[]> | unknown;
  neighborhoods: Choice[];
  categories: Choice[];
  currency: string;
  channelId?: string;
  defaultValue?: Record<string, string>;
  initialDoc?: RichTextDoc;
  submit: string;
}) {
  const { t, i18n } = useTranslation('budgets');
  const lng = i18n.language;
  const [form, fields] = useSchemaForm(ProposalSchema, { lastResult, id: 'proposal', defaultValue });
  const options = (list: Choice[], none: string) => [
    { value: '', label: none },
    ...list.map((c) => ({ value: c.id, label: localized(c.name, lng).text })),
  ];
  return (
    <PostForm form={form}>
      <FormErrors form={form} />
      <TextField label={t('proposal.title')} field={fields.title} maxLength={150} />
      <RichTextEditor
        label={t('proposal.description')}
        hint={t('proposal.descriptionHint')}
        field={fields.body}
        textField={fields.bodyText}
        initialDoc={initialDoc}
        mentionChannelId={channelId}
      />
      <TextField label={t('proposal.cost')} field={fields.cost} hint={t('proposal.costHint', { currency })} inputMode="decimal" />
      <SelectField
        label={t('proposal.neighborhood')}
        field={fields.neighborhoodId}
        options={options(neighborhoods, t('proposal.anyNeighborhood'))}
      />
      {categories.length ? (
        <SelectField label={t('proposal.category')} field={fields.categoryId} options={options(categories, t('proposal.noCategory'))} />
      ) : null}
      <TextField label={t('proposal.address')} field={fields.address} hint={t('proposal.addressHint')} autoComplete="off" />
      <SubmitButton>{submit}</SubmitButton>
    </PostForm>
  );
}
