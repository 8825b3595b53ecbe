import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { CheckboxField, FormErrors, PostForm, SubmitButton, TextField } from '~/components/ui/forms';
import { callerOf } from '~/lib/caller.server';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { honeypot } from '~/lib/security.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { LanguageField, NeighborhoodField } from '~/modules/identity/components/account-fields';
import { getLocale } from '~/modules/identity/locale.server';
import { PASSWORD_MIN, SignUpSchema } from '~/modules/identity/schemas';
import { getUser } from '~/modules/identity/session.server';
import { signUp } from '~/modules/identity/sign-up.server';
import { listNeighborhoods } from '~/modules/places/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:signUp.title');

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) return redirect('/account');
  const neighborhoods = await listNeighborhoods();
  return json({
    neighborhoods: neighborhoods.map((n) => ({ id: n.id, name: n.name })),
    locale: await getLocale(request),
    honeypot: await honeypot().getInputProps(),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await readSubmission(request, SignUpSchema, { honeypot: true });
  if (submission.status !== 'success') return replyForm(submission);
  const result = await signUp(await callerOf(request, context), submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirect('/signup/sent', 303);
}

export default function SignUp() {
  const { t } = useTranslation('auth');
  const { neighborhoods, locale, honeypot } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(SignUpSchema, {
    lastResult: useActionData<typeof action>(),
    defaultValue: { locale, neighborhoodId: '' },
  });
  return (
    <div className="stack">
      <h1>{t('signUp.title')}</h1>
      <p>{t('signUp.intro')}</p>
      <PostForm form={form} honeypot={honeypot}>
        <FormErrors form={form} />
        <TextField
          label={t('fields.displayName')}
          hint={t('signUp.displayNameHint')}
          field={fields.displayName}
          autoComplete="nickname"
          maxLength={60}
        />
        <TextField label={t('fields.email')} field={fields.email} type="email" autoComplete="email" />
        <TextField
          label={t('fields.password')}
          hint={t('signUp.passwordHint', { min: PASSWORD_MIN })}
          field={fields.password}
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
        />
        <LanguageField field={fields.locale} />
        <NeighborhoodField
          field={fields.neighborhoodId}
          hint={t('signUp.neighborhoodHint')}
          emptyLabel={t('signUp.noNeighborhood')}
          neighborhoods={neighborhoods}
        />
        <CheckboxField
          label={t('signUp.acceptTerms')}
          field={fields.acceptTerms}
          hint={
            <>
              {t('signUp.readTerms')} <Link to="/terms">{t('pages:titles.terms')}</Link> ·{' '}
              <Link to="/privacy">{t('pages:titles.privacy')}</Link>
            </>
          }
        />
        <SubmitButton>{t('signUp.submit')}</SubmitButton>
      </PostForm>
      <p>
        {t('signUp.haveAccount')} <Link to="/signin">{t('signIn.title')}</Link>
      </p>
    </div>
  );
}
