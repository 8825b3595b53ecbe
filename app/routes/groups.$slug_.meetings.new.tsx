import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SelectField, SubmitButton, TextField } from '~/components/ui/forms';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { useRootData } from '~/lib/root-data';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { loadGroupForLeaders } from '~/modules/blockwatch/group-page.server';
import { scheduleMeeting } from '~/modules/blockwatch/meetings.server';
import { MeetingSchema } from '~/modules/blockwatch/schemas';
import { RichTextEditor } from '~/modules/content/components/rich-text-editor';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, 'blockwatch:schedule.pageTitle', { name: data?.group.name ?? '' });

/** A group's leaders schedule a meeting: once or repeating (weekly or monthly, with an end), public or for members. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { group } = await loadGroupForLeaders(request, context, params.slug);
  return json({ group: { slug: group.slug, name: group.name } }, { headers: { 'Cache-Control': 'private, no-store' } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, group } = await loadGroupForLeaders(request, context, params.slug);
  const submission = await readSubmission(request, MeetingSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await scheduleMeeting(caller, group, submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirect(`/meetings/${result.value.id}/${result.value.date}`, 303);
}

export default function ScheduleMeeting() {
  const { t } = useTranslation('blockwatch');
  const { city } = useRootData();
  const { group } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(MeetingSchema, {
    lastResult: useActionData<typeof action>(),
    id: 'meeting',
    defaultValue: { visibility: 'members', repeat: 'none' },
  });
  return (
    <div className="stack">
      <p>
        <Link to={`/groups/${group.slug}`}>{t('members.backToGroup', { name: group.name })}</Link>
      </p>
      <h1>{t('schedule.title', { name: group.name })}</h1>
      <PostForm form={form}>
        <FormErrors form={form} />
        <TextField label={t('schedule.meetingTitle')} field={fields.title} required maxLength={120} />
        <TextField
          label={t('schedule.startsAt')}
          field={fields.startsAt}
          type="datetime-local"
          hint={t('schedule.zoneHint', { zone: city.timeZone })}
          required
        />
        <TextField label={t('schedule.endsAt')} field={fields.endsAt} type="datetime-local" required />
        <TextField label={t('schedule.place')} field={fields.place} hint={t('schedule.placeHint')} maxLength={200} />
        <TextField label={t('schedule.link')} field={fields.link} type="url" hint={t('schedule.linkHint')} />
        <SelectField
          label={t('schedule.visibility')}
          field={fields.visibility}
          options={[
            { value: 'members', label: t('schedule.visibilities.members') },
            { value: 'public', label: t('schedule.visibilities.public') },
          ]}
        />
        <RichTextEditor label={t('schedule.agenda')} hint={t('schedule.agendaHint')} field={fields.body} textField={fields.bodyText} />
        <fieldset className="field-group">
          <legend>{t('schedule.repeatLegend')}</legend>
          <SelectField
            label={t('schedule.repeat')}
            field={fields.repeat}
            options={(['none', 'weekly', 'monthlyByWeekday', 'monthlyByDay'] as const).map((value) => ({
              value,
              label: t(`schedule.repeats.${value}`),
            }))}
          />
          <TextField label={t('schedule.count')} field={fields.count} type="number" min={2} max={60} hint={t('schedule.endHint')} />
          <TextField label={t('schedule.until')} field={fields.until} type="date" />
        </fieldset>
        <SubmitButton>{t('schedule.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
