import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, FormErrors, PostForm, TextField } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { readForm } from '~/lib/security.server';
import { deleteAccount } from '~/modules/identity/accounts.server';
import { AccountNav } from '~/modules/identity/components/account-nav';
import { DeleteAccountSchema } from '~/modules/identity/schemas';
import { clearSessionCookie, requireUser } from '~/modules/identity/session.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account:delete.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(DeleteAccountSchema, await readForm(request));
  if (!form.ok) return invalid(form);
  const result = await deleteAccount(user, form.data.currentPassword);
  if (!result.ok) return invalid(result);
  return redirectWithFlash('/', { kind: 'info', key: 'account:delete.done' }, { status: 303, headers: { 'Set-Cookie': await clearSessionCookie() } });
}

export default function DeleteAccount() {
  const { t } = useTranslation('account');
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.errors : undefined;
  return (
    <div className="stack">
      <h1>{t('delete.title')}</h1>
      <AccountNav />
      <p>
        <strong>{t('delete.intro')}</strong>
      </p>
      <section aria-labelledby="erased">
        <h2 id="erased">{t('delete.erasedTitle')}</h2>
        <ul>
          <li>{t('delete.erasedName')}</li>
          <li>{t('delete.erasedSettings')}</li>
          <li>{t('delete.erasedSessions')}</li>
          <li>{t('delete.erasedMail')}</li>
        </ul>
      </section>
      <section aria-labelledby="kept">
        <h2 id="kept">{t('delete.keptTitle')}</h2>
        <p>{t('delete.kept')}</p>
        <p>{t('delete.keptRequests')}</p>
      </section>
      <p>
        <a href="/account/export" download>
          {t('delete.exportFirst')}
        </a>
      </p>
      <section aria-labelledby="confirm-delete" className="danger-zone">
        <h2 id="confirm-delete">{t('delete.confirmTitle')}</h2>
        <PostForm noValidate aria-labelledby="confirm-delete">
          <FormErrors errors={errors} />
          <TextField label={t('fields.currentPassword')} name="currentPassword" type="password" autoComplete="current-password" required errors={errors} />
          <CheckboxField label={t('delete.confirm')} name="confirm" required errors={errors} />
          <button type="submit" className="button button-danger">
            {t('delete.submit')}
          </button>
        </PostForm>
      </section>
    </div>
  );
}
