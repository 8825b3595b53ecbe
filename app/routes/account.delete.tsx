import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, FormErrors, PostForm, TextField } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { deleteAccount } from '~/modules/identity/account-deletion.server';
import { AccountNav } from '~/modules/identity/components/account-nav';
import { DeleteAccountSchema } from '~/modules/identity/schemas';
import { clearSessionCookie } from '~/modules/identity/session.server';
import { requireUser } from '~/modules/identity/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account:delete.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await readSubmission(request, DeleteAccountSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await deleteAccount(callerFor(user, context), submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(
    '/',
    { kind: 'info', key: 'account:delete.done' },
    { status: 303, headers: { 'Set-Cookie': await clearSessionCookie() } },
  );
}

export default function DeleteAccount() {
  const { t } = useTranslation('account');
  const [form, fields] = useSchemaForm(DeleteAccountSchema, { lastResult: useActionData<typeof action>() });
  return (
    <div className="stack">
      <h1>{t('delete.title')}</h1>
      <AccountNav />
      <p>
        <strong>{t('delete.intro')}</strong>
      </p>
      <section aria-labelledby="erased">
        <h2 id="erased">{t('delete.erasedTitle')}</h2>
        <ul>
          <li>{t('delete.erasedName')}</li>
          <li>{t('delete.erasedSettings')}</li>
          <li>{t('delete.erasedSessions')}</li>
          <li>{t('delete.erasedMail')}</li>
        </ul>
      </section>
      <section aria-labelledby="kept">
        <h2 id="kept">{t('delete.keptTitle')}</h2>
        <p>{t('delete.kept')}</p>
        <p>{t('delete.keptRequests')}</p>
      </section>
      <p>
        <a href="/account/export" download>
          {t('delete.exportFirst')}
        </a>
      </p>
      <section aria-labelledby="confirm-delete" className="danger-zone">
        <h2 id="confirm-delete">{t('delete.confirmTitle')}</h2>
        <PostForm form={form} aria-labelledby="confirm-delete">
          <FormErrors form={form} />
          <TextField label={t('fields.currentPassword')} field={fields.currentPassword} type="password" autoComplete="current-password" />
          <CheckboxField label={t('delete.confirm')} field={fields.confirm} required />
          <button type="submit" className="button button-danger">
            {t('delete.submit')}
          </button>
        </PostForm>
      </section>
    </div>
  );
}
