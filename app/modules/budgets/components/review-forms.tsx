import { useTranslation } from 'react-i18next';
import { Card } from '~/components/ui/card';
import { FormErrors, LocalizedTextField, PostForm, replyFor, SelectField, SubmitButton, TextField } from '~/components/ui/forms';
import { useSchemaForm } from '~/lib/use-schema-form';
import { ChoiceGroup } from '~/modules/requests/components/answer-fields';
import { ProposalActionSchema } from '../schemas';
import { FEASIBILITY, PROGRESS } from '../values';

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

/** Staff's news of a funded project: its progress and a note; followers of its discussion are told. */
export function ProgressForm({ lastResult, progress }: { lastResult: unknown; progress: string | null }) {
  const { t } = useTranslation('budgets');
  const [form, fields] = useSchemaForm(ProposalActionSchema, {
    lastResult: replyFor(lastResult, 'update'),
    id: 'progress',
    defaultValue: { intent: 'update', progress: progress ?? 'planned' },
  });
  const f = fields as unknown as Record<'progress' | 'body', Parameters<typeof TextField>[0]['field']>;
  return (
    <Card title={t('progress.formTitle')} id="progress-card" boxed>
      <PostForm form={form}>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="update" />
        <ChoiceGroup
          type="radio"
          field={f.progress}
          label={t('progress.label')}
          options={PROGRESS.map((v) => ({ value: v, label: t(`progress.${v}`) }))}
        />
        <LocalizedTextField field={f.body} label={t('progress.note')} hint={t('progress.noteHint')} required="default" multiline />
        <SubmitButton>{t('progress.submit')}</SubmitButton>
      </PostForm>
    </Card>
  );
}
