import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '~/components/ui/confirm-button';
import { FormErrors, PostForm, replyFor, SubmitButton, TextField } from '~/components/ui/forms';
import { useSchemaForm } from '~/lib/use-schema-form';
import { SAVED_FILTERS_MAX, SavedFilterActionSchema } from '../saved-filter-schemas';

/** "Save this filter as …": the queue's current filter (its query string) under a name of the reader's. */
export function SaveFilterForm({ query, lastResult }: { query: string; lastResult: unknown }) {
  const { t } = useTranslation('requests');
  const [form, fields] = useSchemaForm(SavedFilterActionSchema, { id: 'save-filter', lastResult: replyFor(lastResult, 'saveFilter') });
  return (
    <PostForm form={form} className="save-filter" aria-labelledby="save-filter-heading">
      <h2 id="save-filter-heading" className="visually-hidden">
        {t('savedFilters.saveTitle')}
      </h2>
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="saveFilter" />
      <input type="hidden" name="query" value={query} />
      <TextField
        label={t('savedFilters.name')}
        field={fields.name}
        hint={t('savedFilters.nameHint', { count: SAVED_FILTERS_MAX })}
        autoComplete="off"
      />
      <SubmitButton className="button button-secondary">{t('savedFilters.save')}</SubmitButton>
    </PostForm>
  );
}

/** Deleting the saved filter being shown, after a question (asked only with JavaScript). */
export function DeleteSavedFilter({ filter, lastResult }: { filter: { id: string; name: string }; lastResult: unknown }) {
  const { t } = useTranslation('requests');
  const [form] = useSchemaForm(SavedFilterActionSchema, { id: 'delete-filter', lastResult: replyFor(lastResult, 'deleteFilter') });
  return (
    <PostForm form={form} className="inline-form">
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="deleteFilter" />
      <input type="hidden" name="id" value={filter.id} />
      <ConfirmButton
        className="button button-secondary"
        question={t('savedFilters.deleteQuestion', { name: filter.name })}
        confirmLabel={t('savedFilters.delete', { name: filter.name })}
        cancelLabel={t('savedFilters.cancel')}
      >
        {t('savedFilters.delete', { name: filter.name })}
      </ConfirmButton>
    </PostForm>
  );
}
