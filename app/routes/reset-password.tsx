import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/ui/forms';
import { callerOf } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { resetPassword, resetTokenIsValid } from '~/modules/identity/password-reset.server';
import { PASSWORD_MIN, ResetPasswordSchema } from '~/modules/identity/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:reset.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  return json({ token: (await resetTokenIsValid(token)) ? token : null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await readSubmission(request, ResetPasswordSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await resetPassword(await callerOf(request, context), submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash('/signin', { kind: 'success', key: 'auth:reset.done' }, { status: 303 });
}

export default function ResetPassword() {
  const { t } = useTranslation('auth');
  const { token } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(ResetPasswordSchema, { lastResult: useActionData<typeof action>() });
  if (!token) {
    return (
      <div className="stack">
        <h1>{t('reset.title')}</h1>
        <p role="alert">{t('reset.invalid')}</p>
        <p>
          <Link to="/forgot-password">{t('reset.again')}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="stack">
      <h1>{t('reset.title')}</h1>
      <PostForm form={form}>
        <FormErrors form={form} />
        <input type="hidden" name={fields.token.name} value={token} />
        <TextField
          label={t('fields.newPassword')}
          hint={t('signUp.passwordHint', { min: PASSWORD_MIN })}
          field={fields.password}
          type="password"
          autoComplete="new-password"
        />
        <TextField label={t('fields.confirmPassword')} field={fields.confirmPassword} type="password" autoComplete="new-password" />
        <SubmitButton>{t('reset.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
