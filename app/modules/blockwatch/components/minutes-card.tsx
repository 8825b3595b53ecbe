import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { FormErrors, PostForm, SubmitButton, TextField, replyFor } from '~/components/ui/forms';
import { formatDateTime, formatNumber } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { useSchemaForm } from '~/lib/use-schema-form';
import { RichText } from '~/modules/content/components/rich-text';
import { RichTextEditor } from '~/modules/content/components/rich-text-editor';
import type { RichTextDoc } from '~/modules/content/richtext';
import { MeetingDateActionSchema } from '../schemas';

type Minutes = { body: RichTextDoc; attendance: number; author: string | null; at: string };
type Raised = { id: string; code: string; status: string; type: unknown };

/**
 * After a meeting: its minutes and attendance (leaders write them, with or without JavaScript)
 * and the issues raised there, recorded by staff as service requests, each with its status.
 */
export function MinutesCard({
  minutes,
  raised,
  timeZone,
  mayWrite,
  recordLink,
  lastResult,
}: {
  minutes: Minutes | null;
  raised: Raised[];
  timeZone: string;
  mayWrite: boolean;
  recordLink: string | null;
  lastResult: unknown;
}) {
  const { t, i18n } = useTranslation(['blockwatch', 'requests']);
  const lng = i18n.language;
  const [form, fields] = useSchemaForm(MeetingDateActionSchema, {
    lastResult: replyFor(lastResult, 'minutes'),
    id: 'minutes',
    defaultValue: { attendance: minutes ? String(minutes.attendance) : '' },
  });
  return (
    <Card title={t('minutes.title')} id="minutes-card">
      {minutes ? (
        <>
          <p>
            {t('minutes.attendance', { count: minutes.attendance, formattedCount: formatNumber(minutes.attendance, lng) })}
            {' · '}
            {t('minutes.by', {
              name: minutes.author ?? t('alerts.deletedAccount'),
              when: formatDateTime(minutes.at, lng, timeZone, 'medium'),
            })}
          </p>
          <RichText doc={minutes.body} />
        </>
      ) : (
        <p>{t('minutes.none')}</p>
      )}
      <h3>{t('minutes.raisedTitle')}</h3>
      {raised.length === 0 ? (
        <p>{t('minutes.noneRaised')}</p>
      ) : (
        <ul>
          {raised.map((r) => (
            <li key={r.id}>
              <Link to={`/requests/${r.code}`}>
                {r.code} · {localized(r.type, lng).text}
              </Link>{' '}
              <StatusBadge status={r.status} label={t(`requests:status.${r.status}`)} />
            </li>
          ))}
        </ul>
      )}
      {recordLink ? (
        <p>
          <Link to={recordLink}>{t('minutes.record')}</Link>
        </p>
      ) : null}
      {mayWrite ? (
        <PostForm form={form}>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value="minutes" />
          <RichTextEditor
            label={t('minutes.body')}
            field={fields.body}
            textField={fields.bodyText}
            initialDoc={minutes?.body ?? null}
            rows={6}
          />
          <TextField label={t('minutes.attendanceLabel')} field={fields.attendance} type="number" min={0} max={10000} required />
          <SubmitButton>{t(minutes ? 'minutes.update' : 'minutes.save')}</SubmitButton>
        </PostForm>
      ) : null}
    </Card>
  );
}
