import type { FormMetadata } from '@conform-to/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, FormErrors, PostForm, replyFor, SelectField, SubmitButton, TextArea, TextField } from '~/components/ui/forms';
import { localized, type LocalizedText } from '~/lib/i18n';
import { useSchemaForm } from '~/lib/use-schema-form';
import { handleRequestSchema, type HandleIntent } from '../handling-schemas';

type Handling = {
  transitions: string[];
  reopenDays: number;
  assigneeId: string | null;
  assigneeName: string | null;
  resolutionDefinition: LocalizedText;
  duplicateOf: string | null;
  people: { id: string; displayName: string }[];
};

const schema = handleRequestSchema();

/** The action's reply, for the form that posted it only (the page has several, one per intent). */

/**
 * One of the handling forms under its heading (which names it), posting its `intent`; `closed`
 * is said instead of the form when there is nothing to do.
 */
function IntentForm({
  id,
  title,
  form,
  intent,
  closed,
  children,
}: {
  id: string;
  title: string;
  form: FormMetadata<any, string[]>;
  intent: HandleIntent;
  closed?: string | null;
  children: ReactNode;
}) {
  return (
    <>
      <h3 id={id}>{title}</h3>
      {closed ? (
        <p>{closed}</p>
      ) : (
        <PostForm form={form} aria-labelledby={id} className="stack">
          <FormErrors form={form} />
          <input type="hidden" name="intent" value={intent} />
          {children}
        </PostForm>
      )}
    </>
  );
}

/**
 * "Handle this request", for the staff handling it only: change the status (resolution, reason or
 * the original request when the new status needs one), add a public or internal note, assign.
 * Plain forms: they work without JavaScript; a form that comes back keeps its input and errors.
 */
export function HandleRequest({ handling: h, status, lastResult }: { handling: Handling; status: string; lastResult?: unknown }) {
  const { t, i18n } = useTranslation('requests');
  const [statusForm, s] = useSchemaForm(schema, {
    id: 'handle-status-form',
    lastResult: replyFor(lastResult, 'status'),
    defaultValue: { status: h.transitions[0] },
  });
  const [noteForm, n] = useSchemaForm(schema, { id: 'handle-note-form', lastResult: replyFor(lastResult, 'note') });
  const [assignForm, a] = useSchemaForm(schema, {
    id: 'handle-assign-form',
    lastResult: replyFor(lastResult, 'assign'),
    defaultValue: { assignee: h.assigneeId ?? '' },
  });
  const definition = localized(h.resolutionDefinition, i18n.language);
  const reopening = status === 'resolved' || status === 'closed';
  return (
    <section aria-labelledby="handle-heading" className="stack handle-request">
      <h2 id="handle-heading">{t('handle.title')}</h2>
      {h.duplicateOf ? <p>{t('handle.duplicateOf', { code: h.duplicateOf })}</p> : null}
      <p>{h.assigneeName ? t('handle.assignedTo', { name: h.assigneeName }) : t('handle.unassigned')}</p>

      <IntentForm
        id="handle-status"
        title={t('handle.statusTitle')}
        form={statusForm}
        intent="status"
        closed={h.transitions.length ? null : t('handle.final')}
      >
        <SelectField
          label={t('handle.newStatus')}
          field={s.status}
          options={h.transitions.map((x) => ({
            value: x,
            label: reopening && x === 'in_progress' ? t('handle.reopen') : t(`status.${x}`),
          }))}
        />
        {reopening ? <p className="hint">{t('handle.reopenHint', { count: h.reopenDays })}</p> : null}
        {h.transitions.includes('resolved') ? (
          <TextArea
            label={t('handle.resolution')}
            field={s.resolution}
            rows={3}
            hint={
              <>
                {t('handle.resolutionHint')} <span lang={definition.fellBack ? definition.lang : undefined}>{definition.text}</span>
              </>
            }
          />
        ) : null}
        {h.transitions.includes('declined') ? (
          <TextArea label={t('handle.reason')} field={s.reason} rows={2} hint={t('handle.reasonHint')} />
        ) : null}
        {h.transitions.includes('duplicate') ? (
          <TextField label={t('handle.duplicateCode')} field={s.duplicateOf} hint={t('handle.duplicateHint')} autoComplete="off" />
        ) : null}
        <TextArea label={t('handle.note')} field={s.note} rows={3} />
        <CheckboxField label={t('handle.notePublic')} field={s.notePublic} />
        <SubmitButton>{t('handle.saveStatus')}</SubmitButton>
      </IntentForm>

      <IntentForm id="handle-note" title={t('handle.noteTitle')} form={noteForm} intent="note">
        <TextArea label={t('handle.note')} field={n.note} rows={3} />
        <CheckboxField label={t('handle.notePublic')} field={n.notePublic} />
        <SubmitButton>{t('handle.addNote')}</SubmitButton>
      </IntentForm>

      <IntentForm id="handle-assign" title={t('handle.assignTitle')} form={assignForm} intent="assign">
        <SelectField
          label={t('handle.assignee')}
          field={a.assignee}
          options={[{ value: '', label: t('handle.nobody') }, ...h.people.map((p) => ({ value: p.id, label: p.displayName }))]}
        />
        <SubmitButton>{t('handle.assign')}</SubmitButton>
      </IntentForm>
    </section>
  );
}
