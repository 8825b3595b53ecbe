import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { changePassword } from '~/modules/identity/account-settings.server';
import { AccountNav } from '~/modules/identity/components/account-nav';
import { ChangePasswordSchema, PASSWORD_MIN } from '~/modules/identity/schemas';
import { requireUser } from '~/modules/identity/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account:password.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await readSubmission(request, ChangePasswordSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await changePassword(callerFor(user, context), submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash('/account', { kind: 'success', key: 'account:password.done' }, { status: 303 });
}

export default function ChangePassword() {
  const { t } = useTranslation('account');
  const [form, fields] = useSchemaForm(ChangePasswordSchema, { lastResult: useActionData<typeof action>() });
  return (
    <div className="stack">
      <h1>{t('password.title')}</h1>
      <AccountNav />
      <p>{t('password.intro')}</p>
      <PostForm form={form}>
        <FormErrors form={form} />
        <TextField label={t('fields.currentPassword')} field={fields.currentPassword} type="password" autoComplete="current-password" />
        <TextField
          label={t('fields.newPassword')}
          hint={t('password.hint', { min: PASSWORD_MIN })}
          field={fields.password}
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
        />
        <TextField label={t('fields.confirmPassword')} field={fields.confirmPassword} type="password" autoComplete="new-password" />
        <SubmitButton>{t('password.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
