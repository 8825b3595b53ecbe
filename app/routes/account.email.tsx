import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { consume } from '~/lib/rate-limit.server';
import { readForm } from '~/lib/security.server';
import { requestEmailChange } from '~/modules/identity/accounts.server';
import { AccountNav } from '~/modules/identity/components/account-nav';
import { ChangeEmailSchema } from '~/modules/identity/schemas';
import { requireUser } from '~/modules/identity/session.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account:email.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ email: user.email });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(ChangeEmailSchema, await readForm(request));
  if (!form.ok) return invalid(form);
  // Each request may mail two messages: limited per account like other mail a person can trigger.
  await consume('mailSendAccount', user.id);
  const result = await requestEmailChange(user, form.data.email, form.data.currentPassword);
  if (!result.ok) return invalid(result);
  return redirectWithFlash('/account', { kind: 'info', key: 'account:email.sent' }, { status: 303 });
}

export default function ChangeEmail() {
  const { t } = useTranslation('account');
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.errors : undefined;
  const values: Record<string, string | undefined> = result && !result.ok ? result.values : {};
  return (
    <div className="stack">
      <h1>{t('email.title')}</h1>
      <AccountNav />
      <p>{t('email.intro')}</p>
      {email ? <p>{t('email.current', { email })}</p> : null}
      <PostForm noValidate>
        <FormErrors errors={errors} />
        <TextField label={t('fields.newEmail')} name="email" type="email" autoComplete="email" required defaultValue={values.email} errors={errors} />
        <TextField
          label={t('fields.currentPassword')}
          hint={t('email.passwordHint')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          errors={errors}
        />
        <SubmitButton>{t('email.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
