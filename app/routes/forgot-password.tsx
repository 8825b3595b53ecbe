import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/ui/forms';
import { callerOf } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { honeypot } from '~/lib/security.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { requestPasswordReset } from '~/modules/identity/password-reset.server';
import { ForgotPasswordSchema } from '~/modules/identity/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:forgot.title');

export async function loader() {
  return json({ honeypot: await honeypot().getInputProps() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await readSubmission(request, ForgotPasswordSchema, { honeypot: true });
  if (submission.status !== 'success') return replyForm(submission);
  const result = await requestPasswordReset(await callerOf(request, context), submission.value.email);
  if (!result.ok) return respondToForm(submission, result);
  // The same answer whether or not the address has an account.
  return redirectWithFlash('/signin', { kind: 'info', key: 'auth:forgot.sent' }, { status: 303 });
}

export default function ForgotPassword() {
  const { t } = useTranslation('auth');
  const { honeypot } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(ForgotPasswordSchema, { lastResult: useActionData<typeof action>() });
  return (
    <div className="stack">
      <h1>{t('forgot.title')}</h1>
      <p>{t('forgot.intro')}</p>
      <PostForm form={form} honeypot={honeypot}>
        <FormErrors form={form} />
        <TextField label={t('fields.email')} field={fields.email} type="email" autoComplete="email" />
        <SubmitButton>{t('forgot.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
