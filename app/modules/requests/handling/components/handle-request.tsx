import { useTranslation } from 'react-i18next';
import { CheckboxField, FormErrors, PostForm, SelectField, SubmitButton, TextArea, TextField } from '~/components/forms';
import type { FieldErrors } from '~/lib/forms';
import { localized, type LocalizedText } from '~/lib/i18n';

type Handling = {
  transitions: string[];
  reopenDays: number;
  assigneeId: string | null;
  assigneeName: string | null;
  resolutionDefinition: LocalizedText;
  duplicateOf: string | null;
  people: { id: string; displayName: string }[];
};

/**
 * "Handle this request", for the staff handling it only: change the status (resolution, reason or
 * the original request when the new status needs one), add a public or internal note, assign.
 * Plain forms: they work without JavaScript; a form that comes back keeps its input and errors.
 */
export function HandleRequest({ handling: h, status, result }: { handling: Handling; status: string; result?: { errors: FieldErrors; values: Record<string, string> } }) {
  const { t, i18n } = useTranslation('requests');
  const mine = (intent: string) => (result?.values?.intent === intent ? result : undefined);
  const s = mine('status');
  const n = mine('note');
  const a = mine('assign');
  const definition = localized(h.resolutionDefinition, i18n.language);
  const reopening = status === 'resolved' || status === 'closed';
  return (
    <section aria-labelledby="handle-heading" className="stack handle-request">
      <h2 id="handle-heading">{t('handle.title')}</h2>
      {h.duplicateOf ? <p>{t('handle.duplicateOf', { code: h.duplicateOf })}</p> : null}
      <p>{h.assigneeName ? t('handle.assignedTo', { name: h.assigneeName }) : t('handle.unassigned')}</p>

      <h3 id="handle-status">{t('handle.statusTitle')}</h3>
      {h.transitions.length ? (
        <PostForm noValidate aria-labelledby="handle-status" className="stack">
          <FormErrors errors={s?.errors} />
          <input type="hidden" name="intent" value="status" />
          <SelectField
            label={t('handle.newStatus')}
            name="status"
            errors={s?.errors}
            defaultValue={s?.values.status ?? h.transitions[0]}
            options={h.transitions.map((x) => ({ value: x, label: reopening && x === 'in_progress' ? t('handle.reopen') : t(`status.${x}`) }))}
          />
          {reopening ? <p className="hint">{t('handle.reopenHint', { count: h.reopenDays })}</p> : null}
          {h.transitions.includes('resolved') ? (
            <TextArea
              label={t('handle.resolution')}
              name="resolution"
              rows={3}
              errors={s?.errors}
              defaultValue={s?.values.resolution}
              hint={
                <>
                  {t('handle.resolutionHint')} <span lang={definition.fellBack ? definition.lang : undefined}>{definition.text}</span>
                </>
              }
            />
          ) : null}
          {h.transitions.includes('declined') ? <TextArea label={t('handle.reason')} name="reason" rows={2} errors={s?.errors} defaultValue={s?.values.reason} hint={t('handle.reasonHint')} /> : null}
          {h.transitions.includes('duplicate') ? <TextField label={t('handle.duplicateCode')} name="duplicateOf" errors={s?.errors} defaultValue={s?.values.duplicateOf} hint={t('handle.duplicateHint')} autoComplete="off" /> : null}
          <TextArea label={t('handle.note')} name="note" rows={3} errors={s?.errors} defaultValue={s?.values.note} />
          <CheckboxField label={t('handle.notePublic')} name="notePublic" errors={s?.errors} defaultChecked={s ? s.values.notePublic === 'on' : false} />
          <SubmitButton>{t('handle.saveStatus')}</SubmitButton>
        </PostForm>
      ) : (
        <p>{t('handle.final')}</p>
      )}

      <h3 id="handle-note">{t('handle.noteTitle')}</h3>
      <PostForm noValidate aria-labelledby="handle-note" className="stack">
        <FormErrors errors={n?.errors} />
        <input type="hidden" name="intent" value="note" />
        <TextArea label={t('handle.note')} name="note" rows={3} errors={n?.errors} defaultValue={n?.values.note} />
        <CheckboxField label={t('handle.notePublic')} name="notePublic" errors={n?.errors} defaultChecked={n ? n.values.notePublic === 'on' : false} />
        <SubmitButton>{t('handle.addNote')}</SubmitButton>
      </PostForm>

      <h3 id="handle-assign">{t('handle.assignTitle')}</h3>
      <PostForm noValidate aria-labelledby="handle-assign" className="stack">
        <FormErrors errors={a?.errors} />
        <input type="hidden" name="intent" value="assign" />
        <SelectField
          label={t('handle.assignee')}
          name="assignee"
          errors={a?.errors}
          defaultValue={a?.values.assignee ?? h.assigneeId ?? ''}
          options={[{ value: '', label: t('handle.nobody') }, ...h.people.map((p) => ({ value: p.id, label: p.displayName }))]}
        />
        <SubmitButton>{t('handle.assign')}</SubmitButton>
      </PostForm>
    </section>
  );
}
