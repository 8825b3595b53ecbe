import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '~/components/ui/card';
import { FormErrors, PostForm, SubmitButton, TextArea, replyFor } from '~/components/ui/forms';
import { formatDateTime } from '~/lib/format';
import { useRootData } from '~/lib/root-data';
import { useSchemaForm } from '~/lib/use-schema-form';
import { useLive } from '~/modules/realtime/use-live';
import { GroupPageActionSchema } from '../schemas';

export type AlertView = { id: string; body: string; author: string | null; at: string };

/**
 * A group's alerts for its members and leaders: the latest ones, new ones added live (and read
 * out by screen readers) as they are sent, and for leaders the form that sends one.
 */
export function AlertsCard({
  groupId,
  alerts,
  since,
  mayAlert,
  lastResult,
}: {
  groupId: string;
  alerts: AlertView[];
  since: number;
  mayAlert: boolean;
  lastResult: unknown;
}) {
  const { t, i18n } = useTranslation('blockwatch');
  const { city } = useRootData();
  const [live, setLive] = useState<AlertView[]>([]);
  useLive([`group:${groupId}`], since, (event) => {
    if (event.type !== 'alert.sent') return;
    const alert = event.payload as AlertView;
    setLive((shown) => (shown.some((a) => a.id === alert.id) ? shown : [alert, ...shown]));
  });
  const known = new Set(alerts.map((a) => a.id));
  const all = [...live.filter((a) => !known.has(a.id)), ...alerts];
  const [form, fields] = useSchemaForm(GroupPageActionSchema, { lastResult: replyFor(lastResult, 'alert'), id: 'alert' });
  return (
    <Card title={t('alerts.title')} id="alerts">
      <div aria-live="polite">
        {all.length === 0 ? (
          <p>{t('alerts.none')}</p>
        ) : (
          <ul className="stack">
            {all.map((a) => (
              <li key={a.id} className="alert alert-info">
                <p>
                  <strong>{t('alerts.from', { name: a.author ?? t('alerts.deletedAccount') })}</strong> ·{' '}
                  <time dateTime={a.at}>{formatDateTime(a.at, i18n.language, city.timeZone, 'medium')}</time>
                </p>
                <p className="pre-line">{a.body}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
      {mayAlert ? (
        <PostForm form={form}>
          <FormErrors form={form} />
          <input type="hidden" name="intent" value="alert" />
          <TextArea label={t('alerts.body')} field={fields.body} hint={t('alerts.hint')} rows={3} required />
          <SubmitButton>{t('alerts.send')}</SubmitButton>
        </PostForm>
      ) : null}
    </Card>
  );
}
