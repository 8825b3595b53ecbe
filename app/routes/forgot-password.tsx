import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { consume } from '~/lib/rate-limit.server';
import { requestContext } from '~/lib/request-context.server';
import { honeypot, readForm } from '~/lib/security.server';
import { requestPasswordReset } from '~/modules/identity/accounts.server';
import { ForgotPasswordSchema } from '~/modules/identity/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:forgot.title');

export async function loader() {
  return json({ honeypot: await honeypot().getInputProps() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(ForgotPasswordSchema, await readForm(request, { honeypot: true }));
  if (!form.ok) return invalid(form);
  await consume('passwordResetIp', requestContext(context).clientIp);
  await consume('passwordResetEmail', form.data.email);
  await requestPasswordReset(form.data.email);
  // The same answer whether or not the address has an account.
  return redirectWithFlash('/signin', { kind: 'info', key: 'auth:forgot.sent' }, { status: 303 });
}

export default function ForgotPassword() {
  const { t } = useTranslation('auth');
  const { honeypot } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>{t('forgot.title')}</h1>
      <p>{t('forgot.intro')}</p>
      <PostForm noValidate honeypot={honeypot}>
        <FormErrors errors={result?.errors} />
        <TextField label={t('fields.email')} name="email" type="email" autoComplete="email" required defaultValue={result?.values?.email} errors={result?.errors} />
        <SubmitButton>{t('forgot.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
