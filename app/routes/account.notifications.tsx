import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { PostForm, SubmitButton } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { readForm } from '~/lib/security.server';
import { getProfile } from '~/modules/identity/account-queries.server';
import { AccountNav } from '~/modules/identity/components/account-nav';
import { requireUser } from '~/modules/identity/session.server';
import { setEmailPreference } from '~/modules/notifications/email.server';
import { EMAIL_PREFERENCES } from '~/modules/notifications/preferences';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'notifications:settingsPage.title');

const PreferenceSchema = z.object({ notifyEmail: z.enum(EMAIL_PREFERENCES) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const profile = await getProfile(user.id);
  return json({ notifyEmail: profile.notifyEmail });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = parseForm(PreferenceSchema, await readForm(request));
  if (!form.ok) return invalid(form);
  await setEmailPreference(user.id, form.data.notifyEmail);
  return redirectWithFlash('/account/notifications', { kind: 'success', key: 'notifications:settingsPage.saved' }, { status: 303 });
}

export default function NotificationSettings() {
  const { t } = useTranslation('notifications');
  const { notifyEmail } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t('settingsPage.title')}</h1>
      <AccountNav />
      <PostForm>
        <fieldset className="field">
          <legend>{t('settingsPage.legend')}</legend>
          {EMAIL_PREFERENCES.map((p) => (
            <div key={p} className="field-checkbox">
              <input type="radio" id={`notify-${p}`} name="notifyEmail" value={p} defaultChecked={notifyEmail === p} />
              <label htmlFor={`notify-${p}`}>{t(`settingsPage.options.${p}`)}</label>
            </div>
          ))}
        </fieldset>
        <SubmitButton>{t('settingsPage.save')}</SubmitButton>
      </PostForm>
    </div>
  );
}
