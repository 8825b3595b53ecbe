import { useTranslation } from 'react-i18next';
import { Card } from '~/components/ui/card';
import { FormErrors, PostForm, SubmitButton, TextField, replyFor } from '~/components/ui/forms';
import { useSchemaForm } from '~/lib/use-schema-form';
import { MeetingDateActionSchema } from '../schemas';

/** A leader moves one date of a meeting (the rest of a series stays); those who answered are told. */
export function MoveDateForm({ start, end, timeZone, lastResult }: { start: string; end: string; timeZone: string; lastResult: unknown }) {
  const { t } = useTranslation('blockwatch');
  const [form, fields] = useSchemaForm(MeetingDateActionSchema, {
    lastResult: replyFor(lastResult, 'move'),
    id: 'move',
    defaultValue: { startsAt: start, endsAt: end },
  });
  return (
    <Card title={t('meeting.moveTitle')} id="move-card">
      <PostForm form={form}>
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="move" />
        <TextField
          label={t('schedule.startsAt')}
          field={fields.startsAt}
          type="datetime-local"
          hint={t('schedule.zoneHint', { zone: timeZone })}
          required
        />
        <TextField label={t('schedule.endsAt')} field={fields.endsAt} type="datetime-local" required />
        <SubmitButton className="button button-secondary">{t('meeting.move')}</SubmitButton>
      </PostForm>
    </Card>
  );
}
