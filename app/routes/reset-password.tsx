import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { readForm } from '~/lib/security.server';
import { resetPassword, resetTokenIsValid } from '~/modules/identity/accounts.server';
import { PASSWORD_MIN, ResetPasswordSchema } from '~/modules/identity/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:reset.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const valid = token.length > 10 && token.length < 200 && (await resetTokenIsValid(token));
  return json({ token: valid ? token : null });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = parseForm(ResetPasswordSchema, await readForm(request));
  if (!form.ok) return invalid(form);
  const result = await resetPassword(form.data.token, form.data.password);
  if (!result.ok) return invalid(result);
  return redirectWithFlash('/signin', { kind: 'success', key: 'auth:reset.done' }, { status: 303 });
}

export default function ResetPassword() {
  const { t } = useTranslation('auth');
  const { token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
      <PostForm noValidate>
        <FormErrors errors={result?.errors} />
        <input type="hidden" name="token" value={token} />
        <TextField label={t('fields.newPassword')} hint={t('signUp.passwordHint', { min: PASSWORD_MIN })} name="password" type="password" autoComplete="new-password" required errors={result?.errors} />
        <TextField label={t('fields.confirmPassword')} name="confirm" type="password" autoComplete="new-password" required errors={result?.errors} />
        <SubmitButton>{t('reset.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
