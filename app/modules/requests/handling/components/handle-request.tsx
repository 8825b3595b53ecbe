import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, replyFor, SelectField, SubmitButton, TextArea, TextField } from '~/components/ui/forms';
import { localized, type LocalizedText } from '~/lib/i18n';
import { useSchemaForm } from '~/lib/use-schema-form';
import { ChoiceGroup } from '../../components/answer-fields';
import { handleRequestSchema, type HandleIntent } from '../handling-schemas';
import { useHydrated } from '~/lib/use-hydrated';

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

/** The statuses that need a field of their own (handling-schemas checkStatusChange), and which. */
const TARGET_FIELDS = { resolved: 'resolution', declined: 'reason', duplicate: 'duplicateOf' } as const;
type TargetWithField = keyof typeof TARGET_FIELDS;
const needsField = (status: string): status is TargetWithField => status in TARGET_FIELDS;

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
  form: ReturnType<typeof useSchemaForm<typeof schema>>[0];
  intent: HandleIntent;
  closed?: string | null;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="stack">
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
    </section>
  );
}

/**
 * "Handle this request", for the staff handling it only: one status form whose extra fields
 * follow the chosen status, one note form (public or internal), the assignment. Plain forms: they
 * work without JavaScript, where every status's fields are shown, each in a fieldset saying which
 * status needs it; with JavaScript only the chosen status's fieldset is shown (the others are
 * disabled, so nothing of them is sent). A form that comes back keeps its input and errors.
 */
export function HandleRequest({ handling: h, status, lastResult }: { handling: Handling; status: string; lastResult?: unknown }) {
  const { t, i18n } = useTranslation('requests');
  // The server's page (and a page without JavaScript) shows every field.
  const enhanced = useHydrated();
  const [statusForm, s] = useSchemaForm(schema, {
    id: 'handle-status-form',
    lastResult: replyFor(lastResult, 'status'),
    defaultValue: { status: h.transitions[0], notePublic: 'false' },
  });
  const [noteForm, n] = useSchemaForm(schema, {
    id: 'handle-note-form',
    lastResult: replyFor(lastResult, 'note'),
    defaultValue: { notePublic: 'false' },
  });
  const [assignForm, a] = useSchemaForm(schema, {
    id: 'handle-assign-form',
    lastResult: replyFor(lastResult, 'assign'),
    defaultValue: { assignee: h.assigneeId ?? '' },
  });
  const kept = s.status.initialValue;
  const [target, setTarget] = useState(typeof kept === 'string' ? kept : (h.transitions[0] ?? ''));
  // A status chosen before the scripts ran (a slow phone) is the one whose fields stay shown.
  useEffect(() => {
    const chosen = (document.getElementById(s.status.id) as HTMLSelectElement | null)?.value;
    if (chosen) setTarget(chosen);
  }, [s.status.id]);
  const definition = localized(h.resolutionDefinition, i18n.language);
  const reopening = status === 'resolved' || status === 'closed';
  const visibility = [
    { value: 'false', label: t('handle.noteInternal') },
    { value: 'on', label: t('handle.notePublicChoice') },
  ];
  const targetFields: Record<TargetWithField, ReactNode> = {
    resolved: (
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
    ),
    declined: <TextArea label={t('handle.reason')} field={s.reason} rows={2} hint={t('handle.reasonHint')} />,
    duplicate: <TextField label={t('handle.duplicateCode')} field={s.duplicateOf} hint={t('handle.duplicateHint')} autoComplete="off" />,
  };
  return (
    <section aria-labelledby="handle-heading" className="stack handle-request">
      <h2 id="handle-heading">{t('handle.title')}</h2>
      {h.duplicateOf ? <p>{t('handle.duplicateOf', { code: h.duplicateOf })}</p> : null}

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
          onChange={(event) => setTarget(event.currentTarget.value)}
          options={h.transitions.map((x) => ({
            value: x,
            label: reopening && x === 'in_progress' ? t('handle.reopen') : t(`status.${x}`),
          }))}
        />
        {reopening ? <p className="hint">{t('handle.reopenHint', { count: h.reopenDays })}</p> : null}
        {h.transitions.filter(needsField).map((x) => {
          const off = enhanced && x !== target;
          return (
            <fieldset key={x} className="target-fields" hidden={off} disabled={off} data-target={x}>
              <legend>{t(`handle.neededFor.${x}`)}</legend>
              {targetFields[x]}
            </fieldset>
          );
        })}
        <TextArea label={t('handle.statusNote')} field={s.note} rows={2} />
        <ChoiceGroup type="radio" field={s.notePublic} label={t('handle.noteVisibility')} options={visibility} />
        <SubmitButton>{t('handle.saveStatus')}</SubmitButton>
      </IntentForm>

      <IntentForm id="handle-note" title={t('handle.noteTitle')} form={noteForm} intent="note">
        <TextArea label={t('handle.note')} field={n.note} rows={3} />
        <ChoiceGroup type="radio" field={n.notePublic} label={t('handle.noteVisibility')} options={visibility} />
        <SubmitButton>{t('handle.addNote')}</SubmitButton>
      </IntentForm>

      <IntentForm id="handle-assign" title={t('handle.assignTitle')} form={assignForm} intent="assign">
        <p>{h.assigneeName ? t('handle.assignedTo', { name: h.assigneeName }) : t('handle.unassigned')}</p>
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
