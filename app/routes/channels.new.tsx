import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { callerFor } from '~/lib/caller.server';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { ChannelForm } from '~/modules/channels/components/channel-form';
import { ChannelSettingsSchema } from '~/modules/channels/schemas';
import { saveChannel } from '~/modules/channels/settings.server';
import { requirePermission } from '~/modules/identity/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'channels:settings.newTitle');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:channel');
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:channel');
  const submission = await readSubmission(request, ChannelSettingsSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await saveChannel(callerFor(user, context), null, submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirect(`/channels/${result.value.slug}`, 303);
}

export default function NewChannel() {
  const { t } = useTranslation('channels');
  return (
    <div className="stack">
      <h1>{t('settings.newTitle')}</h1>
      <p>{t('settings.newIntro')}</p>
      <ChannelForm lastResult={useActionData<typeof action>()} editing={false} />
    </div>
  );
}
