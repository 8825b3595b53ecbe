import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { readForm } from '~/lib/security.server';
import { changePassword } from '~/modules/identity/accounts.server';
import { AccountNav } from '~/modules/identity/components/account-nav';
import { ChangePasswordSchema, PASSWORD_MIN } from '~/modules/identity/schemas';
import { requireUser } from '~/modules/identity/session.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account:password.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(ChangePasswordSchema, await readForm(request));
  if (!form.ok) return invalid(form);
  const result = await changePassword(user, form.data.currentPassword, form.data.password);
  if (!result.ok) return invalid(result);
  return redirectWithFlash('/account', { kind: 'success', key: 'account:password.done' }, { status: 303 });
}

export default function ChangePassword() {
  const { t } = useTranslation('account');
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.errors : undefined;
  return (
    <div className="stack">
      <h1>{t('password.title')}</h1>
      <AccountNav />
      <p>{t('password.intro')}</p>
      <PostForm noValidate>
        <FormErrors errors={errors} />
        <TextField label={t('fields.currentPassword')} name="currentPassword" type="password" autoComplete="current-password" required errors={errors} />
        <TextField
          label={t('fields.newPassword')}
          hint={t('password.hint', { min: PASSWORD_MIN })}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          errors={errors}
        />
        <TextField label={t('fields.confirmPassword')} name="confirm" type="password" autoComplete="new-password" required errors={errors} />
        <SubmitButton>{t('password.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
