import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Link, useActionData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/forms';
import { formError, msg, parseForm } from '~/lib/forms';
import { invalid, safeRedirectPath } from '~/lib/http.server';
import { languageCookie } from '~/lib/i18n.server';
import { consume, refund, tooManyRequests } from '~/lib/rate-limit.server';
import { requestContext } from '~/lib/request-context.server';
import { readForm } from '~/lib/security.server';
import { resendVerification, signIn } from '~/modules/identity/accounts.server';
import { SignInSchema } from '~/modules/identity/schemas';
import { getUser } from '~/modules/identity/session.server';
import { pageTitle } from '~/lib/meta';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:signIn.title');

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) return redirect('/account');
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const form = parseForm(SignInSchema, formData);
  if (!form.ok) return invalid(form);
  await consume('signInIp', requestContext(context).clientIp);
  const { email, password, redirectTo } = form.data;
  const result = await signIn(email, password, requestContext(context).clientIp);
  if (!result.ok) {
    if (result.reason === 'limited') throw tooManyRequests(result.retryAfter);
    if (result.reason === 'unverified') {
      await consume('mailSendAccount', email);
      await resendVerification(email);
      return invalid(formError('form', msg('auth:signIn.unverified'), { email }));
    }
    return invalid(formError('form', msg('auth:signIn.invalid'), { email }));
  }
  // The per-IP limit is for guessing: a right password gives its attempt back, so many people
  // signing in behind one address (a city hall, a library) are never stopped by it.
  await refund('signInIp', requestContext(context).clientIp);
  const headers = new Headers();
  headers.append('Set-Cookie', result.setCookie);
  headers.append('Set-Cookie', await languageCookie.serialize(result.locale));
  return redirect(safeRedirectPath(redirectTo, '/'), { status: 303, headers });
}

export default function SignIn() {
  const { t } = useTranslation('auth');
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = result?.errors;
  return (
    <div className="stack">
      <h1>{t('signIn.title')}</h1>
      <PostForm noValidate>
        <FormErrors errors={errors} />
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <TextField label={t('fields.email')} name="email" type="email" autoComplete="email" required defaultValue={result?.values?.email} errors={errors} />
        <TextField label={t('fields.password')} name="password" type="password" autoComplete="current-password" required errors={errors} />
        <div className="actions">
          <SubmitButton>{t('signIn.submit')}</SubmitButton>
          <Link to="/forgot-password">{t('signIn.forgot')}</Link>
        </div>
      </PostForm>
      <p>
        {t('signIn.noAccount')} <Link to="/signup">{t('signUp.title')}</Link>
      </p>
    </div>
  );
}
