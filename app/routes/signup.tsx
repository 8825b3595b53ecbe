import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SelectField, SubmitButton, TextField } from '~/components/forms';
import { parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { consume } from '~/lib/rate-limit.server';
import { requestContext } from '~/lib/request-context.server';
import { honeypot, readForm } from '~/lib/security.server';
import { signUp } from '~/modules/identity/accounts.server';
import { getLocale } from '~/modules/identity/locale.server';
import { PASSWORD_MIN, SignUpSchema } from '~/modules/identity/schemas';
import { getUser } from '~/modules/identity/session.server';
import { listNeighborhoods } from '~/modules/places/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:signUp.title');

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) return redirect('/account');
  const neighborhoods = await listNeighborhoods();
  return json({ neighborhoods: neighborhoods.map((n) => ({ id: n.id, name: n.name })), locale: await getLocale(request), honeypot: await honeypot().getInputProps() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(SignUpSchema, await readForm(request, { honeypot: true }));
  if (!form.ok) return invalid(form);
  await consume('signUpIp', requestContext(context).clientIp);
  const result = await signUp(form.data);
  if (!result.ok) return invalid(result);
  return redirect('/signup/sent', 303);
}

export default function SignUp() {
  const { t, i18n } = useTranslation('auth');
  const { neighborhoods, locale, honeypot } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.errors : undefined;
  const values = result && !result.ok ? result.values : {};
  return (
    <div className="stack">
      <h1>{t('signUp.title')}</h1>
      <p>{t('signUp.intro')}</p>
      <PostForm noValidate honeypot={honeypot}>
        <FormErrors errors={errors} />
        <TextField label={t('fields.displayName')} hint={t('signUp.displayNameHint')} name="displayName" autoComplete="nickname" required maxLength={60} defaultValue={values.displayName} errors={errors} />
        <TextField label={t('fields.email')} name="email" type="email" autoComplete="email" required defaultValue={values.email} errors={errors} />
        <TextField label={t('fields.password')} hint={t('signUp.passwordHint', { min: PASSWORD_MIN })} name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN} errors={errors} />
        <SelectField
          label={t('fields.language')}
          name="locale"
          defaultValue={values.locale ?? locale}
          errors={errors}
          options={[{ value: 'en', label: 'English' }, { value: 'es', label: 'Español' }]}
        />
        <SelectField
          label={t('fields.neighborhood')}
          hint={t('signUp.neighborhoodHint')}
          name="neighborhoodId"
          defaultValue={values.neighborhoodId ?? ''}
          errors={errors}
          options={[{ value: '', label: t('signUp.noNeighborhood') }, ...neighborhoods.map((n) => ({ value: n.id, label: localized(n.name, i18n.language).text }))]}
        />
        <SubmitButton>{t('signUp.submit')}</SubmitButton>
      </PostForm>
      <p>
        {t('signUp.haveAccount')} <Link to="/signin">{t('signIn.title')}</Link>
      </p>
    </div>
  );
}
