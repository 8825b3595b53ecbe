import { useTranslation } from 'react-i18next';
import { PostForm, SubmitButton } from '~/components/ui/forms';

/** Shown where questions are edited once someone has answered: they are read-only; a new version can be made. */
export function BuilderLocked({ surveyId }: { surveyId: string }) {
  const { t } = useTranslation('surveys');
  return (
    <div className="alert alert-info" role="note">
      <p>{t('builder.questions.locked')}</p>
      <PostForm action={`/staff/surveys/${surveyId}`} className="inline-form">
        <input type="hidden" name="intent" value="newVersion" />
        <SubmitButton>{t('builder.actions.newVersion')}</SubmitButton>
      </PostForm>
    </div>
  );
}
