import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { useActionData, useSearchParams } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/ui/forms';
import { callerOf } from '~/lib/caller.server';
import { safeRedirectPath } from '~/lib/http.server';
import { languageCookie } from '~/lib/i18n.server';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { useRootData } from '~/lib/root-data';
import { useSchemaForm } from '~/lib/use-schema-form';
import { acceptTermsUrl } from '~/modules/identity/legal-acceptance.server';
import { SignInSchema } from '~/modules/identity/schemas';
import { getUser } from '~/modules/identity/session.server';
import { signIn } from '~/modules/identity/sign-in.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:signIn.title');

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) return redirect('/account');
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await readSubmission(request, SignInSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await signIn(await callerOf(request, context), submission.value);
  if (!result.ok) return respondToForm(submission, result);
  const headers = new Headers();
  headers.append('Set-Cookie', result.value.setCookie);
  headers.append('Set-Cookie', await languageCookie.serialize(result.value.locale));
  const to = safeRedirectPath(submission.value.redirectTo, '/');
  // Terms changed since they last accepted: they read and accept them first (legal-acceptance.server).
  return redirect(result.value.legalPending ? acceptTermsUrl(to) : to, { status: 303, headers });
}

export default function SignIn() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  // Just after confirming the address (verify-email.tsx), it is filled in: only the password is left.
  const confirmed = useRootData().flash?.values?.email;
  const [form, fields] = useSchemaForm(SignInSchema, {
    lastResult: useActionData<typeof action>(),
    defaultValue: typeof confirmed === 'string' ? { email: confirmed } : undefined,
  });
  return (
    <div className="stack">
      <h1>{t('signIn.title')}</h1>
      <PostForm form={form}>
        <FormErrors form={form} />
        <input
          type="hidden"
          name={fields.redirectTo.name}
          value={params.get('redirectTo') ?? String(fields.redirectTo.initialValue ?? '')}
        />
        <TextField label={t('fields.email')} field={fields.email} type="email" autoComplete="email" />
        <TextField label={t('fields.password')} field={fields.password} type="password" autoComplete="current-password" />
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
