import { useTranslation } from 'react-i18next';
import { Card } from '~/components/card';
import { FormErrors, LocalizedTextField, PostForm, replyFor, SelectField, SubmitButton, TextField } from '~/components/forms';
import { useSchemaForm } from '~/lib/use-schema-form';
import { ChoiceGroup } from '~/modules/requests/components/answer-fields';
import { ProposalActionSchema } from '../schemas';
import { FEASIBILITY } from '../values';

/** Staff's review of a proposal: feasible or not, the public explanation, the reviewed cost. */
export function ReviewForm({
  lastResult,
  defaultValue,
}: {
  lastResult: unknown;
  defaultValue: { feasibility: string; cost: string; note: Record<string, string> };
}) {
  const { t } = useTranslation('budgets');
  const [form, fields] = useSchemaForm(ProposalActionSchema, {
    lastResult: replyFor(lastResult, 'review'),
    id: 'review',
    defaultValue: { ...defaultValue, intent: 'review' },
  });
  const f = fields as unknown as Record<'feasibility' | 'note' | 'cost', Parameters<typeof TextField>[0]['field']>;
  return (
    <Card title={t('review.title')} id="review-card" boxed>
      <PostForm form={form}>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="review" />
        <ChoiceGroup
          type="radio"
          field={f.feasibility}
          label={t('review.feasibility')}
          options={FEASIBILITY.map((v) => ({ value: v, label: t(`feasibility.${v}`) }))}
        />
        <LocalizedTextField field={f.note} label={t('review.explanation')} hint={t('review.explanationHint')} multiline />
        <TextField label={t('review.cost')} field={f.cost} hint={t('review.costHint')} inputMode="decimal" />
        <SubmitButton>{t('review.save')}</SubmitButton>
      </PostForm>
    </Card>
  );
}

/** Merging this proposal into another one of the process (its supports and followers go there). */
export function MergeForm({ lastResult, others }: { lastResult: unknown; others: { id: string; title: string }[] }) {
  const { t } = useTranslation('budgets');
  const [form, fields] = useSchemaForm(ProposalActionSchema, {
    lastResult: replyFor(lastResult, 'merge'),
    id: 'merge',
    defaultValue: { intent: 'merge' },
  });
  const f = fields as unknown as Record<'into', Parameters<typeof TextField>[0]['field']>;
  if (!others.length) return null;
  return (
    <Card title={t('review.mergeTitle')} id="merge-card" boxed>
      <p>{t('review.mergeIntro')}</p>
      <PostForm form={form}>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="merge" />
        <SelectField
          label={t('review.mergeInto')}
          field={f.into}
          options={[{ value: '', label: t('review.choose') }, ...others.map((o) => ({ value: o.id, label: o.title }))]}
        />
        <SubmitButton className="button button-secondary">{t('review.merge')}</SubmitButton>
      </PostForm>
    </Card>
  );
}
