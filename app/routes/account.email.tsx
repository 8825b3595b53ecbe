import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { requestEmailChange } from '~/modules/identity/account-settings.server';
import { AccountNav } from '~/modules/identity/components/account-nav';
import { ChangeEmailSchema } from '~/modules/identity/schemas';
import { requireUser } from '~/modules/identity/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account:email.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ email: user.email });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await readSubmission(request, ChangeEmailSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await requestEmailChange(callerFor(user, context), submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash('/account', { kind: 'info', key: 'account:email.sent' }, { status: 303 });
}

export default function ChangeEmail() {
  const { t } = useTranslation('account');
  const { email } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(ChangeEmailSchema, { lastResult: useActionData<typeof action>() });
  return (
    <div className="stack">
      <h1>{t('email.title')}</h1>
      <AccountNav />
      <p>{t('email.intro')}</p>
      {email ? <p>{t('email.current', { email })}</p> : null}
      <PostForm form={form}>
        <FormErrors form={form} />
        <TextField label={t('fields.newEmail')} field={fields.email} type="email" autoComplete="email" />
        <TextField
          label={t('fields.currentPassword')}
          hint={t('email.passwordHint')}
          field={fields.currentPassword}
          type="password"
          autoComplete="current-password"
        />
        <SubmitButton>{t('email.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
