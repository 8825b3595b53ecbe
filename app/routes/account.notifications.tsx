import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorText, FormErrors, PostForm, SubmitButton } from '~/components/ui/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { replyForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { getProfile } from '~/modules/identity/account-queries.server';
import { AccountNav } from '~/modules/identity/components/account-nav';
import { NotificationPreferenceSchema } from '~/modules/identity/schemas';
import { requireUser } from '~/modules/identity/guards.server';
import { setEmailPreference } from '~/modules/notifications/email.server';
import { EMAIL_PREFERENCES } from '~/modules/notifications/preferences';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'notifications:settingsPage.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const profile = await getProfile(user.id);
  return json({ notifyEmail: profile.notifyEmail });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await readSubmission(request, NotificationPreferenceSchema);
  if (submission.status !== 'success') return replyForm(submission);
  await setEmailPreference(user.id, submission.value.notifyEmail);
  return redirectWithFlash('/account/notifications', { kind: 'success', key: 'notifications:settingsPage.saved' }, { status: 303 });
}

export default function NotificationSettings() {
  const { t } = useTranslation('notifications');
  const { notifyEmail } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(NotificationPreferenceSchema, {
    lastResult: useActionData<typeof action>(),
    defaultValue: { notifyEmail },
  });
  const kept = fields.notifyEmail.initialValue;
  return (
    <div className="stack">
      <h1>{t('settingsPage.title')}</h1>
      <AccountNav />
      <PostForm form={form}>
        <FormErrors form={form} />
        <fieldset className="field" aria-describedby={fields.notifyEmail.errors ? fields.notifyEmail.errorId : undefined}>
          <legend>{t('settingsPage.legend')}</legend>
          <ErrorText messages={fields.notifyEmail.errors} id={fields.notifyEmail.errorId} />
          {EMAIL_PREFERENCES.map((p) => (
            <div key={p} className="field-checkbox">
              <input type="radio" id={`notify-${p}`} name={fields.notifyEmail.name} value={p} defaultChecked={kept === p} />
              <label htmlFor={`notify-${p}`}>{t(`settingsPage.options.${p}`)}</label>
            </div>
          ))}
        </fieldset>
        <SubmitButton>{t('settingsPage.save')}</SubmitButton>
      </PostForm>
    </div>
  );
}
