import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, replyFor, SubmitButton } from '~/components/ui/forms';
import { useSchemaForm } from '~/lib/use-schema-form';
import type { Answers } from '~/modules/surveys/answers';
import type { FieldDefinition } from '~/modules/requests/catalog/schemas';
import { AnswersView } from '../../components/answers-view';
import { AnswerFields } from '../../components/answer-fields';
import { handleRequestSchema } from '../../handling/handling-schemas';

type FollowUp = {
  questions: FieldDefinition[];
  response: { answers: Answers; channel: string; submittedAt: string; recordedBy: string | null } | null;
};

/**
 * The courtesy follow-up on the request page, for the staff handling it only (never on the
 * public page nor in Open311): the answer, marked when staff typed it in from a phone call, or,
 * once the request is closed, a form to type in what a caller without e-mail said.
 */
export function FollowUpStaff({
  followUp,
  closed,
  when,
  lastResult,
}: {
  followUp: FollowUp;
  closed: boolean;
  when: (iso: string) => string;
  lastResult?: unknown;
}) {
  const { t } = useTranslation('requests');
  const reply = replyFor(lastResult, 'followUp');
  const [form, fields] = useSchemaForm(handleRequestSchema(followUp.questions), { id: 'follow-up-record-form', lastResult: reply });
  const r = followUp.response;
  if (!r && !closed && !reply) return null;
  return (
    <section aria-labelledby="follow-up-heading" className="stack">
      <h2 id="follow-up-heading">{t('followUp.staffTitle')}</h2>
      {r || !closed ? <FormErrors form={form} /> : null}
      {r ? (
        <>
          <p>
            {r.channel === 'staff'
              ? t('followUp.recordedByStaff', { name: r.recordedBy ?? t('followUp.someone'), when: when(r.submittedAt) })
              : t('followUp.answeredOnline', { when: when(r.submittedAt) })}
          </p>
          <AnswersView fields={followUp.questions} answers={r.answers} />
        </>
      ) : !closed ? null : (
        <>
          <p>{t('followUp.notAnswered')}</p>
          <h3 id="follow-up-record">{t('followUp.recordTitle')}</h3>
          <PostForm form={form} aria-labelledby="follow-up-record" className="stack">
            <FormErrors form={form} />
            <input type="hidden" name="intent" value="followUp" />
            <AnswerFields fields={followUp.questions} field={fields.a} />
            <SubmitButton>{t('followUp.record')}</SubmitButton>
          </PostForm>
        </>
      )}
    </section>
  );
}
